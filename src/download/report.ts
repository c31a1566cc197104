// A prepared report and the ways to read it: streamed, never buffered whole (but for text()), saved
// atomically, parsed as CSV rows. The Report holds no token: its FileSource (file-step.ts) fetches the file.
import type { Readable } from "node:stream";
import { discard } from "../core/body.js";
import { YeastarConnectionError, YeastarDownloadError, YeastarError } from "../errors.js";
import { csvRows } from "./csv.js";
import { targetOf, writeAtomically } from "./save.js";

/** An open file download: the body and, when the PBX sent it, its length. */
export interface OpenedFile {
  body: Readable;
  contentLength: number | undefined;
  /** The largest body accepted (maxFileBytes), when limited. */
  maxBytes?: number | undefined;
  /** Call for every chunk that arrives: it re-arms the inactivity timeout. */
  activity(): void;
  /** Ends the attempt: stops its timer and unlinks its signals (it aborts nothing; destroy the body for that). */
  done(): void;
}

export interface FileSource {
  /** Opens the file (requesting the report again first if its URL has expired), with retries before the body starts. */
  open(signal: AbortSignal | undefined): Promise<OpenedFile>;
  /** Runs a whole-file operation with the client's retry policy (a broken body starts over). */
  retry<T>(what: string, attempt: () => Promise<T>, signal: AbortSignal | undefined): Promise<T>;
  /** Maps what reading the body threw to a typed error (an abort when `signal` fired). */
  bodyError(error: unknown, signal?: AbortSignal): YeastarError;
}

export interface SaveOptions {
  /** Replace an existing file of the same name. @default false */
  overwrite?: boolean;
  signal?: AbortSignal;
}

/**
 * Watches a file body as it is read by any consumer (a pipe, an async iterator, a parser): counts its
 * bytes, re-arms the inactivity timeout, reports progress, and checks the total against Content-Length.
 * A 'data' listener beside the consumer, not a Transform stage: a stage costs a fifth of the rate. Attach it
 * in the same tick as the consumer, so that no chunk flows before it is read.
 */
function watch(
  opened: OpenedFile,
  onBytes: ((bytes: number, total: number | undefined) => void) | undefined,
  onEmpty: (empty: boolean) => void,
) {
  let seen = 0;
  const lines = lineCounter();
  opened.body.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    lines.add(chunk);
    opened.activity();
    onBytes?.(seen, opened.contentLength);
    if (opened.maxBytes !== undefined && seen > opened.maxBytes) {
      opened.body.destroy(
        new YeastarDownloadError(`the report file is larger than maxFileBytes (${opened.maxBytes} bytes); refused`),
      );
    }
  });
  return {
    /** Throws when the body ended short of (or past) its Content-Length; else notes whether it held data. */
    complete(): void {
      if (opened.contentLength !== undefined && seen !== opened.contentLength) {
        throw new YeastarConnectionError(
          `the report file ended after ${seen} of ${opened.contentLength} bytes (Content-Length)`,
        );
      }
      onEmpty(lines.atMostOne());
    },
  };
}

/**
 * Whether a file holds more than one line with content (a header and at least one row). It reads only the
 * first bytes it needs: once two such lines were seen, the rest is not looked at.
 */
function lineCounter() {
  let full = 0;
  let content = false;
  return {
    add(chunk: Buffer): void {
      for (let i = 0; i < chunk.length && full < 2; i++) {
        const byte = chunk[i]!;
        if (byte === 10) {
          if (content) full += 1;
          content = false;
        } else if (byte !== 13 && byte !== 32 && byte !== 9 && byte !== 0xef && byte !== 0xbb && byte !== 0xbf) {
          content = true;
        }
      }
    },
    atMostOne: () => full + (content ? 1 : 0) <= 1,
  };
}

export interface ReportInfo {
  type: string;
  file: string;
  download_resource_url: string;
  /** When the download URL stops working (30 minutes after the PBX prepared the report). */
  expiresAt: Date;
}

/** A prepared call report: fetch it once with saveTo(), text(), rows() or stream(). */
export class Report {
  readonly type: string;
  /** The file name the PBX gave the report. */
  get file(): string {
    return this.#info().file;
  }
  /** The path to fetch the file from (no token in it). */
  get download_resource_url(): string {
    return this.#info().download_resource_url;
  }
  /** When the download URL stops working; an expired report is requested again on fetch. */
  get expiresAt(): Date {
    return this.#info().expiresAt;
  }
  readonly #info: () => ReportInfo;
  readonly #source: FileSource;
  #empty: boolean | undefined;
  /**
   * Whether the file held no data row: only its header line (or nothing). A PBX answers an empty report
   * with errcode 0 for a window with no calls, IDs that do not exist, a time it could not read, or data
   * under the other API version. Undefined until the file was read whole (by saveTo, text, stream or rows).
   */
  get empty(): boolean | undefined {
    return this.#empty;
  }
  /** Called with the bytes received so far while the file arrives (for progress displays). */
  onProgress: ((bytes: number, total: number | undefined) => void) | undefined;

  constructor(info: () => ReportInfo, source: FileSource) {
    this.type = info().type;
    this.#info = info;
    this.#source = source;
  }

  /**
   * Saves the file to `target`: a directory (existing, or a path ending in `/`) gets the PBX's file name;
   * anything else is the file path. Written to a temporary file beside it and renamed only when complete,
   * so a failure leaves no partial file. Returns the path written.
   * @example await report.saveTo("reports/")
   */
  async saveTo(target: string, options: SaveOptions = {}): Promise<string> {
    const overwrite = options.overwrite === true;
    const dest = await targetOf(target, this.file, overwrite);
    const { signal } = options;
    return this.#source.retry(
      `saving ${this.type} report`,
      () =>
        this.#read(signal, (opened, counted) =>
          writeAtomically(dest, opened.body, { overwrite, signal, verify: counted.complete }),
        ),
      signal,
    );
  }

  /** Opens the file and hands its watched body to `consume`; maps what reading threw to a typed error. */
  async #read<T>(
    signal: AbortSignal | undefined,
    consume: (opened: OpenedFile, counted: ReturnType<typeof watch>) => Promise<T>,
  ): Promise<T> {
    const opened = await this.#source.open(signal);
    try {
      return await consume(
        opened,
        watch(opened, this.onProgress, (empty) => {
          this.#empty = empty;
        }),
      );
    } catch (error) {
      throw error instanceof YeastarError ? error : this.#source.bodyError(error, signal);
    } finally {
      discard(opened.body);
      opened.done();
    }
  }

  /**
   * The whole file as text (UTF-8, BOM removed). Holds the file in memory: prefer rows() or saveTo() for large reports.
   */
  async text(options: { signal?: AbortSignal } = {}): Promise<string> {
    const { signal } = options;
    return this.#source.retry(
      `reading ${this.type} report`,
      () =>
        this.#read(signal, async (opened, counted) => {
          const chunks: Buffer[] = [];
          for await (const chunk of opened.body as AsyncIterable<Buffer>) chunks.push(chunk);
          counted.complete();
          return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
        }),
      signal,
    );
  }

  /** The file as a web ReadableStream of bytes, as the PBX sent them. Retried only before the first byte. */
  stream(options: { signal?: AbortSignal } = {}): ReadableStream<Uint8Array> {
    let chunks: AsyncIterator<Buffer> | undefined;
    let opened: OpenedFile | undefined;
    let counted: ReturnType<typeof watch> | undefined;
    const source = this.#source;
    const end = () => {
      if (opened) discard(opened.body);
      opened?.done();
    };
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          if (!opened) {
            // Retried until the body starts; after the first byte a broken stream is the reader's to handle.
            opened = await source.retry(
              `streaming ${this.type} report`,
              () => source.open(options.signal),
              options.signal,
            );
            counted = watch(opened, this.onProgress, (empty) => {
              this.#empty = empty;
            });
            chunks = opened.body[Symbol.asyncIterator]();
          }
          const { done, value } = await chunks!.next();
          if (!done) return controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
          end();
          counted!.complete();
          controller.close();
        } catch (error) {
          end();
          controller.error(error instanceof YeastarError ? error : source.bodyError(error, options.signal));
        }
      },
      cancel: end,
    });
  }

  /**
   * The CSV rows, each keyed by its section's header line; values stay strings. A UTF-8 BOM is
   * removed; the delimiter (`,` `;` or tab) is read from the header line. A blank line ends a section:
   * the next line may be a title (one field, e.g. "Call Details"), then the section's own header. With
   * `withSection`, each row says its table in `_section`: "summary", or "detail" for the call details.
   * @example for await (const row of report.rows()) console.log(row["Total Calls"]);
   */
  async *rows(options: { signal?: AbortSignal; withSection?: boolean } = {}): AsyncGenerator<Record<string, string>> {
    const { signal } = options;
    const opened = await this.#source.retry(
      `reading ${this.type} report rows`,
      () => this.#source.open(signal),
      signal,
    );
    try {
      const counted = watch(opened, this.onProgress, (empty) => {
        this.#empty = empty;
      });
      yield* csvRows(opened.body, options.withSection === true);
      counted.complete();
    } catch (error) {
      throw error instanceof YeastarError ? error : this.#source.bodyError(error, options.signal);
    } finally {
      discard(opened.body);
      opened.done();
    }
  }

  toJSON(): ReportInfo {
    return this.#info();
  }
}
