// The cap on a JSON reply: a hostile or broken PBX cannot make the client hold more than it.
import type { Readable } from "node:stream";
import { YeastarReplyError } from "../errors.js";
import { discard } from "./body.js";

/** The largest JSON reply read (decoded): a hostile or broken PBX cannot make the client hold more. */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

/** The reply, read whole but refused past MAX_REPLY_BYTES (Content-Length, or counted as it arrives). */
export async function capped(response: Response, url: string): Promise<Response> {
  const path = new URL(url).pathname;
  const tooLarge = () =>
    new YeastarReplyError(
      `${path}: the reply is larger than ${MAX_REPLY_BYTES / 1024 / 1024} MiB, the cap of a JSON reply`,
    );
  if (Number(response.headers.get("content-length") ?? 0) > MAX_REPLY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return response;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await response.body.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  return new Response(response.status === 204 || response.status === 304 ? null : Buffer.concat(chunks), init);
}

/** A body read whole, but not past the cap's first excess chunk (which capped() then refuses). */
export async function readCapped(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > MAX_REPLY_BYTES) {
      discard(body);
      break;
    }
  }
  return Buffer.concat(chunks);
}
