import type { IncomingMessage } from "node:http";

/** What {@link bodyStream} tells its caller about the body. */
export interface BodyState {
  /** The body grew past the listener's own limit. */
  exceeded: boolean;
}

/**
 * The body of `req` as a web stream that pulls one chunk at a time, so a reader that stops (the
 * webhook handler past its size limit) stops the socket too: Node's backpressure pauses it.
 * `Readable.toWeb` would not do: on Node 20 it queues chunks ahead of the reader.
 */
export function bodyStream(
  req: IncomingMessage,
  maxBytes: number | undefined,
  state: BodyState,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  let total = 0;
  let detach = (): void => {};
  return new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        return new Promise<void>((resolve) => {
          const settle = (action: () => void): void => {
            detach();
            action();
            resolve();
          };
          const onReadable = (): void => {
            const chunk: unknown = req.read();
            // Nothing buffered: wait for more, or for `end`, which follows the last read.
            if (chunk === null) return;
            const bytes = toBytes(chunk);
            total += bytes.byteLength;
            if (maxBytes !== undefined && total > maxBytes) {
              state.exceeded = true;
              settle(() => controller.error(new RangeError("the request body is too large")));
            } else {
              settle(() => controller.enqueue(bytes));
            }
          };
          const onEnd = (): void => settle(() => controller.close());
          const onError = (error: unknown): void => settle(() => controller.error(error));
          const onClose = (): void =>
            settle(() =>
              req.readableEnded
                ? controller.close()
                : controller.error(new Error("the client closed the request")),
            );
          detach = () => {
            req.off("readable", onReadable);
            req.off("end", onEnd);
            req.off("error", onError);
            req.off("close", onClose);
          };
          if (req.readableEnded) return settle(() => controller.close());
          if (req.destroyed) return onClose();
          req.on("readable", onReadable);
          req.on("end", onEnd);
          req.on("error", onError);
          req.on("close", onClose);
          onReadable();
        });
      },
      cancel() {
        // Stop reading and leave the rest unread: the answer closes the connection.
        detach();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A chunk from a Node stream as a plain Uint8Array (a Buffer is one; a string is encoded). */
export function toBytes(chunk: unknown): Uint8Array<ArrayBuffer> {
  // A copy: a Buffer may be a view of Node's shared pool.
  if (chunk instanceof Uint8Array) return Uint8Array.from(chunk);
  return new TextEncoder().encode(String(chunk));
}
