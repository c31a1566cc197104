// Step 2: the report file. Streamed, never buffered whole (but for text()), saved atomically, parsed as
// CSV rows. The Report object holds no token: the client's `open` fetches the file with one.
import { createWriteStream } from "node:fs";
import { link, mkdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Readable, Transform, pipeline as pipelineCb } from "node:stream";
import { pipeline } from "node:stream/promises";
import { YeastarConnectionError, YeastarDownloadError, YeastarError } from "./errors.js";

/** An open file download: the body and, when the PBX sent it, its length. */
export interface OpenedFile {
  body: Readable;
  contentLength: number | undefined;
  /** Call for every chunk that arrives: it re-arms the inactivity timeout. */
  activity(): void;
  /** Ends the attempt (aborts the request, stops its timer). */
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

/** The file name from `file`, without any directory parts (a PBX-chosen name never escapes the target directory). */
export function safeFileName(file: string): string {
  const base = file.split(/[\\/]/).pop()?.replace(/^\.+/, "") ?? "";
  if (!base) throw new YeastarDownloadError(`the PBX named the report file ${JSON.stringify(file)}, which is no usable file name`);
  return base;
}

/** Throws when a body ended short of (or past) its Content-Length. */
function checkComplete(seen: number, expected: number | undefined): void {
  if (expected !== undefined && seen !== expected) {
    throw new YeastarConnectionError(`the report file ended after ${seen} of ${expected} bytes (Content-Length)`);
  }
}

/** Counts bytes as they pass (re-arming the inactivity timeout), and checks the total against Content-Length at the end. */
function lengthCheck(opened: OpenedFile, onBytes?: (n: number) => void) {
  const expected = opened.contentLength;
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      seen += chunk.length;
      opened.activity();
      onBytes?.(seen);
      callback(null, chunk);
    },
    flush(callback) {
      try {
        checkComplete(seen, expected);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
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
    const isDir = /[\\/]$/.test(target) || (await stat(target).then((s) => s.isDirectory(), () => false));
    if (isDir) await mkdir(target, { recursive: true });
    const dest = isDir ? path.join(target, safeFileName(this.file)) : target;
    if (!options.overwrite && (await stat(dest).then(() => true, () => false))) {
      throw new YeastarDownloadError(`${dest} exists already; pass overwrite: true (--overwrite) to replace it`);
    }
    const { signal } = options;
    return this.#source.retry(`saving ${this.type} report`, async () => {
      const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.${randomBytes(4).toString("hex")}.partial`);
      const opened = await this.#source.open(signal);
      try {
        // Counted by a 'data' listener beside the pipe, not a Transform stage: a stage costs a fifth of the rate.
        let seen = 0;
        opened.body.on("data", (chunk: Buffer) => {
          seen += chunk.length;
          opened.activity();
          this.onProgress?.(seen, opened.contentLength);
        });
        await pipeline(opened.body, createWriteStream(tmp, { flags: "wx", highWaterMark: 1 << 20 }), { signal });
        checkComplete(seen, opened.contentLength);
        if (options.overwrite) await rename(tmp, dest);
        else {
          // link() fails if dest appeared meanwhile: never overwrite what is not ours to replace.
          await link(tmp, dest).catch((error: NodeJS.ErrnoException) => {
            throw error.code === "EEXIST" ? new YeastarDownloadError(`${dest} exists already; pass overwrite: true to replace it`) : error;
          });
          await unlink(tmp);
        }
        return dest;
      } catch (error) {
        await unlink(tmp).catch(() => undefined);
        throw error instanceof YeastarError ? error : this.#source.bodyError(error, signal);
      } finally {
        opened.done();
      }
    }, signal);
  }

  /** The whole file as text (UTF-8, BOM removed). Holds the file in memory: prefer rows() or saveTo() for large reports. */
  async text(options: { signal?: AbortSignal } = {}): Promise<string> {
    return this.#source.retry(`reading ${this.type} report`, async () => {
      const opened = await this.#source.open(options.signal);
      try {
        const chunks: Buffer[] = [];
        let seen = 0;
        for await (const chunk of opened.body as AsyncIterable<Buffer>) {
          chunks.push(chunk);
          seen += chunk.length;
          opened.activity();
          this.onProgress?.(seen, opened.contentLength);
        }
        checkComplete(seen, opened.contentLength);
        return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
      } catch (error) {
        throw error instanceof YeastarError ? error : this.#source.bodyError(error, options.signal);
      } finally {
        opened.done();
      }
    }, options.signal);
  }

  /** The file as a web ReadableStream of bytes, as the PBX sent them. Retried only before the first byte. */
  stream(options: { signal?: AbortSignal } = {}): ReadableStream<Uint8Array> {
    let chunks: AsyncIterator<Buffer> | undefined;
    let opened: OpenedFile | undefined;
    let seen = 0;
    const source = this.#source;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          if (!opened) {
            opened = await source.open(options.signal);
            chunks = opened.body[Symbol.asyncIterator]();
          }
          const { done, value } = await chunks!.next();
          if (done) {
            opened.done();
            checkComplete(seen, opened.contentLength);
            controller.close();
            return;
          }
          seen += value.byteLength;
          opened.activity();
          this.onProgress?.(seen, opened.contentLength);
          controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (error) {
          opened?.done();
          controller.error(error instanceof YeastarError ? error : source.bodyError(error, options.signal));
        }
      },
      cancel: async () => {
        opened?.body.destroy();
        opened?.done();
      },
    });
  }

  /**
   * The CSV rows, each keyed by its section's header line; values stay strings. A UTF-8 BOM is
   * removed; the delimiter (`,` `;` or tab) is read from the header line. A blank line ends a section:
   * the next line may be a title (one field, e.g. "Call Details"), then the section's own header.
   * @example for await (const row of report.rows()) console.log(row["Total Calls"]);
   */
  async *rows(options: { signal?: AbortSignal } = {}): AsyncGenerator<Record<string, string>> {
    const { parse } = await import("csv-parse");
    const opened = await this.#source.open(options.signal);
    try {
      // The Node stream straight into csv-parse: no web-stream hop on the way.
      const counted = pipelineCb(opened.body, lengthCheck(opened, (n) => this.onProgress?.(n, opened.contentLength)), () => undefined);
      const first = await firstLine(counted);
      const parser = parse({ bom: true, delimiter: sniffDelimiter(first.line), relax_column_count: true, skip_empty_lines: false, relax_quotes: true });
      first.rest.on("error", (error) => parser.destroy(error));
      first.rest.pipe(parser);
      let header: string[] | undefined;
      let afterBlank = false;
      for await (const record of parser as AsyncIterable<string[]>) {
        if (record.length === 1 && record[0] === "") {
          header = undefined;
          afterBlank = true;
          continue;
        }
        if (!header) {
          // After a blank line, a one-field line is a section title, not a header.
          if (afterBlank && record.length === 1) continue;
          header = record;
          afterBlank = false;
          continue;
        }
        const row: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) row[header[i]!] = record[i] ?? "";
        yield row;
      }
    } catch (error) {
      throw error instanceof YeastarError ? error : this.#source.bodyError(error, options.signal);
    } finally {
      opened.body.destroy();
      opened.done();
    }
  }

  toJSON(): ReportInfo {
    return this.#info();
  }
}

/** Reads until the first line break and hands back a stream that replays what was read, then the rest. */
async function firstLine(input: Readable): Promise<{ line: string; rest: Readable }> {
  // One iterator, never returned early: breaking out of a for-await would destroy the stream.
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const taken: Buffer[] = [];
  let text = "";
  for (;;) {
    const { done, value } = await it.next();
    if (done) break;
    taken.push(value);
    text = Buffer.concat(taken).toString("utf8");
    if (/\r?\n/.test(text) || text.length > 64 * 1024) break;
  }
  async function* replay() {
    yield* taken;
    for (;;) {
      const { done, value } = await it.next();
      if (done) return;
      yield value;
    }
  }
  return { line: text.split(/\r?\n/)[0] ?? "", rest: Readable.from(replay()) };
}

/** The delimiter of a header line: the most frequent of `,` `;` tab outside quotes (`,` when none). */
export function sniffDelimiter(line: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ",";
}
