import { BestSMSError, type InputIssue } from "../errors.js";
import type { ClientOptions, OperationValidators } from "../options.js";
import type { HttpContext } from "./http.js";
import type { OperationSpec } from "./types.js";

/** What a client keeps; held outside the instance so the token never shows on it. */
export interface ClientState {
  readonly http: HttpContext;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly randomUUID: () => string;
  readonly redact: (text: string) => string;
  readonly validators: Readonly<Record<string, OperationValidators | undefined>>;
  /** How the token is sent, for the hint of a 401. */
  readonly authScheme: "Basic" | "Bearer";
  /** `BestSMS`'s options of a send (see `ClientOptions`); `BestSMSCore` does not read them. */
  send?: Pick<ClientOptions, "maxSegments" | "defaultCountry" | "dedupeRecipients">;
  /**
   * Work on a wire request before it is validated (set by `BestSMS`: numbers, dates, segments);
   * what it returns runs once the request is valid (duplicates removed, so an issue's position
   * is the one the caller wrote). `BestSMSCore` leaves it out so a one-call bundle stays small.
   */
  prepare?: Prepare;
  /** Adds the fix to an input issue (set by `BestSMS`: did-you-mean, `toE164`). */
  explain?: (spec: OperationSpec, issue: InputIssue) => InputIssue;
  /** What a 401 means and how to fix it (set by `BestSMS`). */
  authHint?: (state: ClientState) => string;
}

/** See {@link ClientState.prepare}. */
export type Prepare = (
  state: ClientState,
  operationId: string,
  body: Record<string, unknown>,
  maxSegments: number | undefined,
) => (() => void) | undefined;

const states = new WeakMap<object, ClientState>();

/** Gives a client its state, once, from its constructor. */
export function attachState(client: object, state: ClientState): void {
  states.set(client, state);
}

/** The state of a client. */
export function stateOf(client: object): ClientState {
  const state = states.get(client);
  if (!state) throw new BestSMSError("not a BestSMS client");
  return state;
}
