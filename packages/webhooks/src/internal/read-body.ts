/**
 * Reads a request body up to `maxBytes`. Returns `undefined` as soon as the body grows past the
 * limit, after cancelling the stream, so no more than one chunk beyond the limit is pulled.
 */
export async function readBody(
  body: ReadableStream<Uint8Array<ArrayBuffer>> | null,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  const reader = body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    // No message: the caller answers any error here with 400 unreadable_body.
    if (!(chunk.value instanceof Uint8Array)) throw new TypeError();
    total += chunk.value.length;
    if (total > maxBytes) {
      // Tell the runtime to stop receiving; a failure to cancel changes nothing here.
      await reader?.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}
