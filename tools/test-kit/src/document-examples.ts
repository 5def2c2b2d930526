// Request examples of the API document that the tests of more than one package use.

/**
 * The document's advanced send: every recipient form (a bare number, a recipient with merge
 * fields, a group, a contact), "First Name"/"Last Name", and ForceGSMChars.
 */
export const DOCUMENT_ADVANCED_SEND = {
  MessageID: "ID12345",
  Reference: "Test SMS - Advanced version",
  SMSEmailReply: "person@example.com",
  ForceGSMChars: true,
  MessageText: "Test SMS Message for [[Attention]] at [[Company]]. Click [[Reply]] to reply.",
  Recipients: [
    "+61421000001",
    {
      Recipient: "+61421000002",
      Company: "Example Corp",
      Attention: "John Doe",
      "First Name": "John",
      "Last Name": "Doe",
      Custom1: "",
      Custom2: "",
    },
    { GroupID: "4000000b-f002-4007-b00a-c00000000001" },
    { ContactID: "6000000b-f002-4007-b00a-c00000000002" },
    // RecipientModel(...), GroupModel(...), ContactModel(...) in the document:
    {
      Recipient: "+61421000003",
      Company: "Test Company 2",
      Attention: "Test Recipient 2",
      Custom1: "Custom1",
      Custom2: "Custom2",
      Custom3: "Custom3",
      Custom4: "Custom4",
      Custom5: "Custom5",
    },
    { GroupID: "4000000b-f002-4007-b00a-c00000000003" },
    { ContactID: "6000000b-f002-4007-b00a-c00000000004" },
    { ContactID: "6000000b-f002-4007-b00a-c00000000005" },
  ],
} as const;
