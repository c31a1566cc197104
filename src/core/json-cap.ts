// The cap on a JSON reply: a hostile or broken PBX cannot make the client hold more than it.
import type { Readable } from "node:stream";
import { YeastarReplyError } from "../errors.js";
import { discard, readEach } from "./body.js";

/** The largest JSON reply read (decoded): a hostile or broken PBX cannot make the client hold more. */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

const tooLarge = (url: string) =>
  new YeastarReplyError(
    `${new URL(url).pathname}: the reply is larger than ${MAX_REPLY_BYTES / 1024 / 1024} MiB, the cap of a JSON reply`,
  );

const declaredTooLarge = (headers: { get(name: string): string | null }) =>
  Number(headers.get("content-length") ?? 0) > MAX_REPLY_BYTES;

/** A fetch Response read whole, refused past MAX_REPLY_BYTES (Content-Length, or counted as it arrives). */
export async function capped(response: Response, url: string): Promise<Response> {
  if (declaredTooLarge(response.headers)) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url);
  }
  // Read here, whatever its declared length: the caller's fetch follows the attempt's signal only while its Request
  // lives (http.ts holds it until this returns), and a decoded body can be far longer than its Content-Length.
  if (!response.body) return response;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await response.body.cancel().catch(() => undefined);
      throw tooLarge(url);
    }
    chunks.push(chunk);
  }
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  return new Response(response.status === 204 || response.status === 304 ? null : Buffer.concat(chunks), init);
}

/** A Node answer's body read whole, refused past MAX_REPLY_BYTES; one chunk is returned as it came, not copied. */
export async function readNodeReply(
  answer: { headers: { get(name: string): string | null }; body: Readable },
  url: string,
): Promise<Buffer> {
  if (declaredTooLarge(answer.headers)) {
    discard(answer.body);
    throw tooLarge(url);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  await readEach(answer.body, (chunk) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > MAX_REPLY_BYTES) throw tooLarge(url);
  });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
