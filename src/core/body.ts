// Node stream bodies: the first bytes peeked and left for the reader; a body nobody will read, ended without
// crashing the host.
import type { Readable } from "node:stream";

/**
 * Ends a body nobody will read. With an error listener first: a body destroyed early may emit an error, and
 * an 'error' with no listener would crash the host process.
 */
export function discard(body: Readable): void {
  body.on("error", () => undefined);
  body.destroy();
}

/** The first bytes of a body, left in it for the reader (undefined for an empty body). */
export async function peek(body: Readable): Promise<Buffer | undefined> {
  if (body.readableLength === 0 && !body.readableEnded) {
    await new Promise<void>((resolve) => {
      const done = () => {
        body.off("readable", done).off("end", done).off("error", done);
        resolve();
      };
      body.on("readable", done).on("end", done).on("error", done);
    });
  }
  const chunk: Buffer | null = body.read();
  if (chunk) body.unshift(chunk);
  return chunk ?? undefined;
}

/**
 * Reads a body to its end by events, handing each chunk to `onChunk` (which may throw: the body is then destroyed
 * with that error). Settles once: at the end, at an error, or at a close before the end (a premature close). Events,
 * not an async iterator: a body of a few hundred bytes does not pay for one.
 */
export function readEach(body: Readable, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on("data", (chunk: Buffer) => {
      try {
        onChunk(chunk);
      } catch (error) {
        body.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    });
    // Every error heard (a second one, with no listener, would crash the host); the first settles.
    body.on("error", reject);
    body.once("end", () => resolve());
    body.once("close", () => {
      if (!body.readableEnded)
        reject(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    });
  });
}
