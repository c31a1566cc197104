// A report file read offline: saved earlier, exported from the PBX's web UI, or e-mailed by a scheduled report.
// The same Report as a download (rows, _section, empty, format, column findings), its source a file or a stream.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { discard, peek } from "../core/body.js";
import type { Logger } from "../core/calls.js";
import { YeastarError, YeastarFileError, YeastarOptionError } from "../errors.js";
import { didYouMean } from "../model/suggest.js";
import { reportTypeNames } from "../query/check.js";
import type { FileSource, OpenedFile } from "./file-body.js";
import { Report } from "./report.js";

export interface ReadReportOptions {
  /**
   * The report type, for the column check and the row types. Without it, the type the file name starts with
   * (`QueueSatisfaction-….csv` is queuesatisfaction); else the columns are not checked.
   */
  type?: string;
  /** The file's name, for a stream (its extension decides, with the first bytes, whether it is CSV). */
  file?: string;
  /** Where the column warning goes (warn), as for the client. */
  logger?: Logger;
}

/** A stream can be read once; a path as often as asked. */
export type ReportInput = string | Readable | ReadableStream<Uint8Array>;

const known = new Set<string>(reportTypeNames);

/** The report type a PBX file name starts with (`QueuePerformance-2024….csv`), when it is one. */
function typeOfFileName(name: string): string | undefined {
  const word = /^[A-Za-z]+/.exec(path.basename(name))?.[0]?.toLowerCase();
  return word && known.has(word) ? word : undefined;
}

/** Opens a file at `file`, or hands on the stream once; with its first bytes peeked. */
function opener(input: ReportInput): (signal: AbortSignal | undefined) => Promise<OpenedFile> {
  let used = false;
  return async (signal) => {
    if (typeof input !== "string") {
      if (used) throw new YeastarOptionError("a report read from a stream can be read once; read it from a file");
      used = true;
    }
    const body =
      typeof input === "string"
        ? createReadStream(input, { signal })
        : input instanceof Readable
          ? input
          : Readable.fromWeb(input as NodeReadableStream<Uint8Array>);
    try {
      const head = await peek(body);
      return { body, head, contentLength: undefined, activity: () => undefined, done: () => undefined };
    } catch (error) {
      discard(body);
      throw error;
    }
  };
}

/** What reading a local file threw, as a typed error naming the path. */
function readError(error: unknown, where: string): YeastarError {
  if (error instanceof YeastarError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  return new YeastarFileError(`cannot read ${where}${code ? ` (${code})` : ""}`, { cause: error, path: where, code });
}

/**
 * A report file read offline, as a {@link Report}: the same rows(), `_section`, `empty`, `format` and `columns` as
 * a download. A path must name a file (else a YeastarFileError, code ENOENT); a stream is read once; a `type` the
 * spec does not know is a YeastarOptionError.
 * `download_resource_url` is empty and `expiresAt` far off: there is nothing to fetch.
 * @example
 * const report = await readReport("QueuePerformance-20240601.csv");
 * for await (const row of report.rows({ withSection: true })) console.log(row._section, row.Queue);
 */
export async function readReport<T extends string = string>(
  input: ReportInput,
  options: ReadReportOptions & { type?: T } = {},
): Promise<Report<T>> {
  const where = typeof input === "string" ? input : (options.file ?? "the stream");
  if (typeof input === "string") {
    const found = await stat(input).catch((error: unknown) => Promise.reject(readError(error, input)));
    if (!found.isFile()) throw new YeastarFileError(`${input} is not a file`, { path: input, code: "EISDIR" });
  }
  const file = path.basename(typeof input === "string" ? input : (options.file ?? "report.csv"));
  if (options.type !== undefined && !known.has(options.type)) {
    throw new YeastarOptionError(
      `type: ${JSON.stringify(options.type)} is no report type of the spec` +
        `${didYouMean(options.type, reportTypeNames)}; ` +
        "leave it out for a type the spec does not know yet (its columns are then not checked)",
    );
  }
  const type = options.type ?? typeOfFileName(file) ?? "unknown";
  const source: FileSource = {
    open: opener(input),
    retry: (_what, attempt) => attempt(),
    warn: options.logger?.warn?.bind(options.logger),
    bodyError: (error) => readError(error, where),
  };
  const info = { type, file, download_resource_url: "", expiresAt: new Date(8.64e15) };
  return new Report<T>(() => info, source);
}
