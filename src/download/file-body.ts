// A report file's body as it arrives: the source that opens it (with retries, renewing an expired URL), and the
// watch beside every consumer (bytes, progress, inactivity, maxFileBytes, Content-Length, the first bytes).
import type { Readable } from "node:stream";
import { YeastarConnectionError, YeastarDownloadError, type YeastarError } from "../errors.js";

/** An open file download: the body and, when the PBX sent it, its length. */
export interface OpenedFile {
  body: Readable;
  contentLength: number | undefined;
  /** The largest body accepted (maxFileBytes), when limited. */
  maxBytes?: number | undefined;
  /** Call for every chunk that arrives: it re-arms the inactivity timeout. */
  activity(): void;
  /** The first bytes of the body as peeked before it was handed on (undefined for an empty body). */
  head?: Uint8Array | undefined;
  /** Ends the attempt: stops its timer and unlinks its signals (it aborts nothing; destroy the body for that). */
  done(): void;
}

export interface FileSource {
  /** Opens the file (requesting the report again first if its URL has expired), with retries before the body starts. */
  open(signal: AbortSignal | undefined): Promise<OpenedFile>;
  /** Runs a whole-file operation with the client's retry policy (a broken body starts over). */
  retry<T>(what: string, attempt: () => Promise<T>, signal: AbortSignal | undefined): Promise<T>;
  /** Logs a warning: the client's logger's warn, undefined when it has none (nothing is then checked to warn of). */
  warn: ((message: string) => void) | undefined;
  /** Maps what reading the body threw to a typed error (an abort when `signal` fired). */
  bodyError(error: unknown, signal?: AbortSignal): YeastarError;
}

/** How much of a file's start is kept for the empty-report check. */
const HEAD_BYTES = 64 * 1024;

/**
 * Watches a file body as it is read by any consumer (a pipe, an async iterator, a parser): counts its
 * bytes, re-arms the inactivity timeout, reports progress, keeps its first bytes, and checks the total against
 * Content-Length. A 'data' listener beside the consumer, not a Transform stage: a stage costs a fifth of the rate.
 * Attach it in the same tick as the consumer, so that no chunk flows before it is read.
 */
export function watch(opened: OpenedFile, onBytes: ((bytes: number, total: number | undefined) => void) | undefined) {
  let seen = 0;
  const head: Buffer[] = [];
  let held = 0;
  opened.body.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (held < HEAD_BYTES) {
      head.push(chunk.subarray(0, HEAD_BYTES - held));
      held += Math.min(chunk.length, HEAD_BYTES - held);
    }
    opened.activity();
    onBytes?.(seen, opened.contentLength);
    if (opened.maxBytes !== undefined && seen > opened.maxBytes) {
      opened.body.destroy(
        new YeastarDownloadError(`the report file is larger than maxFileBytes (${opened.maxBytes} bytes); refused`),
      );
    }
  });
  return {
    /**
     * Throws when the body ended short of (or past) its Content-Length, or when `kept` (the bytes its consumer says it
     * kept, e.g. wrote to the file) are not all that arrived.
     */
    complete(kept?: number): void {
      if (opened.contentLength !== undefined && seen !== opened.contentLength) {
        throw new YeastarConnectionError(
          `the report file ended after ${seen} of ${opened.contentLength} bytes (Content-Length)`,
        );
      }
      if (kept !== undefined && kept !== seen) {
        throw new YeastarDownloadError(
          `the report file arrived whole (${seen} bytes) but ${kept} were written; not saved`,
        );
      }
    },
    /** The first bytes read, and whether they are the whole file. */
    head: () => ({ bytes: Buffer.concat(head), whole: seen <= HEAD_BYTES }),
  };
}

export type Watched = ReturnType<typeof watch>;
