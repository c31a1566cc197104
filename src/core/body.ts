// A Node stream body that nobody will read, ended without crashing the host.
import type { Readable } from "node:stream";

/**
 * Ends a body nobody will read. With an error listener first: a body destroyed early may emit an error, and
 * an 'error' with no listener would crash the host process.
 */
export function discard(body: Readable): void {
  body.on("error", () => undefined);
  body.destroy();
}
