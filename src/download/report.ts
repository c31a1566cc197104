// A prepared report and the ways to read it: streamed, never buffered whole (but for text()), saved
// atomically, parsed as CSV rows. The Report holds no token: its FileSource (step2-file.ts) fetches the file.
import type { Readable } from "node:stream";
import { discard, readEach } from "../core/body.js";
import { YeastarError } from "../errors.js";
import { type ColumnFindings, columnWarning, findColumns, type ReportRow } from "../model/columns.js";
import { csvBatches, holdsNoRow } from "./csv.js";
import { type ChunkDecoder, checkEncoding, chunkDecoder } from "./encoding.js";
import { type FileSource, type OpenedFile, type Watched, watch } from "./file-body.js";
import { type FileKind, fileKindOf, notCsv } from "./file-kind.js";
import { targetOf, writeAtomically } from "./save.js";
import type { HeaderListener } from "./sections.js";

export interface RowsOptions {
  signal?: AbortSignal;
  /** Each row says its part in `_section`: "summary", "detail" or "total". @default false */
  withSection?: boolean;
  /** The file's encoding when it has no BOM: a WHATWG label (gb18030, windows-1252, …). @default strict UTF-8 */
  encoding?: string;
}

export interface SaveOptions {
  /** Replace an existing file of the same name. @default false */
  overwrite?: boolean;
  signal?: AbortSignal;
}

export interface ReportInfo {
  type: string;
  file: string;
  download_resource_url: string;
  /** When the download URL stops working (30 minutes after the PBX prepared the report). */
  expiresAt: Date;
}

/** A body's text, decoded as it arrives; a decoding error ends the read. */
async function textOf(body: Readable, decoder: ChunkDecoder): Promise<string> {
  let text = "";
  await readEach(body, (chunk) => {
    text += decoder.write(chunk);
  });
  return text + decoder.end();
}

/**
 * A prepared call report: fetch it once with saveTo(), text(), rows() or stream(). `T` is its type: rows() of a type
 * whose columns the spec knows name them ({@link ReportRow}).
 */
export class Report<T extends string = string> {
  readonly type: T;
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
  /** The first bytes of the file last read whole by saveTo, text or stream, until `empty` or `columns` reads them. */
  #head: { bytes: Uint8Array; whole: boolean } | undefined;
  #kind: FileKind | undefined;
  #header: { summary?: string[]; detail?: string[]; told: boolean } = { told: false };
  /**
   * Whether the file held no data row: only its header (or nothing), or only `Total` rows. A PBX answers an empty
   * report with errcode 0 for a window with no calls, IDs that do not exist, a time it could not read, or data
   * under the other API version. Undefined until the file was read whole (by saveTo, text, stream or rows), and
   * for a file that is not CSV. After saveTo, text or stream it is read from the file's first 64 kB, held until asked.
   */
  get empty(): boolean | undefined {
    this.#readHead();
    return this.#empty;
  }
  /** The file's format once its first bytes arrived: "csv", or xls, xlsx, pdf, html (the PBX's download format). */
  get format(): FileKind | undefined {
    return this.#kind;
  }
  /**
   * The file's header held against the columns the spec knows for this type (x-columns): what it has that the
   * spec does not know, and what it lacks. Undefined until a header was read. A difference is also logged once,
   * as a warning, with where to add the columns.
   */
  get columns(): ColumnFindings | undefined {
    this.#readHead();
    const { summary, detail } = this.#header;
    if (!summary) return undefined;
    this.#findings ??= findColumns(this.type, summary, detail);
    return this.#findings;
  }
  /** The findings of the headers heard so far (computed on first ask, again once another header is heard). */
  #findings: ColumnFindings | undefined;

  /** Hears the reader's headers: the first summary header and the first detail header. */
  readonly #onHeader: HeaderListener = (columns, section) => {
    const part = section === "summary" ? "summary" : "detail";
    if (this.#header[part]) return;
    this.#header[part] = columns;
    this.#findings = undefined;
  };

  /** Logs the column warning once per report, when the header differs from the spec. */
  #tellColumns(): void {
    const { warn } = this.#source;
    if (!warn || this.#header.told) return;
    const findings = this.columns;
    if (!findings) return;
    this.#header.told = true;
    const warning = columnWarning(this.type, findings);
    if (warning) warn(warning);
  }

  /** Called with the bytes received so far while the file arrives (for progress displays). */
  onProgress: ((bytes: number, total: number | undefined) => void) | undefined;

  /** @internal A report is made by the client (`downloadReport`, `readReport`), not by its users. */
  constructor(info: () => ReportInfo, source: FileSource) {
    this.type = info().type as T;
    this.#info = info;
    this.#source = source;
  }

  /**
   * Saves the file to `target`: a directory (existing, or a path ending in `/`) gets the PBX's file name (and
   * so its extension: an XLS, PDF or HTML report is saved as such); anything else is the file path. Written to a
   * temporary file beside it and renamed only when complete, so a failure leaves no partial file. Returns the
   * path written.
   * @example await report.saveTo("reports/")
   */
  async saveTo(target: string, options: SaveOptions = {}): Promise<string> {
    const overwrite = options.overwrite === true;
    const dest = await targetOf(target, this.file, overwrite);
    const { signal } = options;
    return this.#source.retry(
      `saving ${this.type} report`,
      () =>
        this.#read(signal, async (opened, watched) => {
          const saved = await writeAtomically(dest, opened.body, { overwrite, signal, verify: watched.complete });
          this.#settle(watched);
          return saved;
        }),
      signal,
    );
  }

  /** Opens the file and hands its watched body to `consume`; maps what reading threw to a typed error. */
  async #read<T>(signal: AbortSignal | undefined, consume: (opened: OpenedFile, watched: Watched) => Promise<T>) {
    const opened = await this.#source.open(signal);
    try {
      this.#kind = fileKindOf(this.file, opened.head);
      return await consume(opened, watch(opened, this.onProgress));
    } catch (error) {
      throw error instanceof YeastarError ? error : this.#source.bodyError(error, signal);
    } finally {
      discard(opened.body);
      opened.done();
    }
  }

  /**
   * Holds the first bytes of a file read whole, for `empty` and `columns` to read when asked (a CSV file's only);
   * read at once when there is a logger to warn of its columns.
   */
  #settle(watched: Watched): void {
    this.#empty = undefined;
    this.#head = this.#kind === "csv" ? watched.head() : undefined;
    this.#tellColumns();
  }

  /** Reads the held first bytes, once: whether they hold a data row, and the file's headers. */
  #readHead(): void {
    const head = this.#head;
    if (!head) return;
    this.#head = undefined;
    this.#empty = holdsNoRow(head.bytes, head.whole, this.#onHeader);
  }

  /** Refuses to parse a file that is not CSV, before anything is read. */
  #csvOnly(): void {
    if (this.#kind && this.#kind !== "csv") throw notCsv(this.file, this.#kind, this.type);
  }

  /**
   * The whole file as text (UTF-8 or its BOM's encoding, BOM removed; `encoding` for a file without BOM in another).
   * Holds the file in memory: prefer rows() or saveTo() for large reports. Refused for a file that is not CSV.
   */
  async text(options: { signal?: AbortSignal; encoding?: string } = {}): Promise<string> {
    const { signal } = options;
    const encoding = options.encoding === undefined ? undefined : checkEncoding(options.encoding);
    return this.#source.retry(
      `reading ${this.type} report`,
      () =>
        this.#read(signal, async (opened, watched) => {
          this.#csvOnly();
          const text = await textOf(opened.body, chunkDecoder(encoding));
          watched.complete();
          this.#settle(watched);
          return text;
        }),
      signal,
    );
  }

  /** The file as a web ReadableStream of bytes, as the PBX sent them. Retried only before the first byte. */
  stream(options: { signal?: AbortSignal } = {}): ReadableStream<Uint8Array> {
    let chunks: AsyncIterator<Buffer> | undefined;
    let opened: OpenedFile | undefined;
    let watched: Watched | undefined;
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
            this.#kind = fileKindOf(this.file, opened.head);
            watched = watch(opened, this.onProgress);
            chunks = opened.body[Symbol.asyncIterator]();
          }
          const { done, value } = await chunks!.next();
          if (!done) return controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
          end();
          watched!.complete();
          this.#settle(watched!);
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
   * The CSV rows, each keyed by its header; values stay strings. Both layouts a PBX writes are read: call details
   * inline under their summary row (an inner header one column in), or in sections after a blank line. With
   * `withSection`, each row says its part in `_section`: "summary", "detail" (keyed by the details' own header,
   * carrying the summary's first column, e.g. `Queue`) or "total" (the `Total` row; left out without it). A BOM
   * decides the encoding (UTF-8, UTF-16); else `encoding`, else strict UTF-8 (other bytes are refused with the
   * encoding they most likely are). The delimiter (`,` `;` or tab) is read from the header line. A file that is
   * not CSV (XLS, XLSX, PDF, HTML) is refused before anything is parsed.
   * @example for await (const row of report.rows()) console.log(row["Total Calls"]);
   */
  async *rows(options: RowsOptions = {}): AsyncGenerator<ReportRow<T>> {
    const { signal } = options;
    const encoding = options.encoding === undefined ? undefined : checkEncoding(options.encoding);
    const opened = await this.#source.retry(
      `reading ${this.type} report rows`,
      () => this.#source.open(signal),
      signal,
    );
    try {
      this.#kind = fileKindOf(this.file, opened.head);
      this.#csvOnly();
      const watched = watch(opened, this.onProgress);
      // A chunk's rows at a time from the reader (which counts the data rows and returns their number), each
      // yielded from here: one async generator per row, not two.
      const batches = csvBatches(opened.body, {
        withSection: options.withSection === true,
        encoding,
        onHeader: this.#onHeader,
      }) as AsyncGenerator<ReportRow<T>[], number>;
      let next = await batches.next();
      for (; !next.done; next = await batches.next()) for (const row of next.value) yield row;
      watched.complete();
      this.#head = undefined;
      this.#empty = next.value === 0;
    } catch (error) {
      throw error instanceof YeastarError ? error : this.#source.bodyError(error, options.signal);
    } finally {
      // Told once the reading ends (or stops early): the findings of every header read.
      this.#tellColumns();
      discard(opened.body);
      opened.done();
    }
  }

  toJSON(): ReportInfo {
    return this.#info();
  }
}
