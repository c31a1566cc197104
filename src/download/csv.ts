// A report file's CSV as rows: the parsing behind report.rows(), readReport() and the empty-report check. What it
// must return, whatever the parser, is pinned by the correctness corpus (test/helpers/csv-corpus.ts).
//
// The parser is papaparse's (its Parser, fed one decoded chunk at a time, the unfinished last record carried
// over, as papaparse's own streamers do): the fastest of csv-parse, csv-parser, papaparse and uDSV that returns
// the corpus's rows (`npm run bench`; uDSV fixes the column count by the header and drops blank lines, so it
// cannot read the sections of a need_detail report). An unfinished record is parsed again only once it has
// doubled, so a record of any length costs linear time; past MAX_RECORD_CHARS it is refused.
import { createRequire } from "node:module";
import type { Readable } from "node:stream";
import { YeastarContentError } from "../errors.js";
import { chunkDecoder } from "./encoding.js";
import { type HeaderListener, type Row, rowMaker } from "./sections.js";

export type { Row, RowMaker, Section } from "./sections.js";
export { rowMaker } from "./sections.js";

/** The longest record read (in characters): a quote that never closes cannot make the reader hold the file. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** How records are read: the delimiter sniffed from the header line and its line break. */
export interface Dialect {
  delimiter: string;
  newline: "\r\n" | "\n";
}

export interface CsvOptions {
  /** Each row says its part in `_section`: "summary", "detail" or "total". */
  withSection?: boolean | undefined;
  /** The file's encoding when it has no BOM (a WHATWG label); strict UTF-8 when not given. */
  encoding?: string | undefined;
  /** Hears each header as keyed (the column check). */
  onHeader?: HeaderListener | undefined;
  /** The longest record, in characters. @default MAX_RECORD_CHARS */
  maxRecordChars?: number | undefined;
}

/** The dialect of a file from its start (the header line), or undefined while no line break has arrived. */
export function dialectOf(start: string, final: boolean): Dialect | undefined {
  const end = start.indexOf("\n");
  if (end < 0 && !final && start.length < 64 * 1024) return undefined;
  const line = end < 0 ? start : start.slice(0, end);
  return {
    delimiter: sniffDelimiter(line.replace(/\r$/, "")),
    newline: end > 0 && start[end - 1] === "\r" ? "\r\n" : "\n",
  };
}

type Papa = typeof import("papaparse");

/**
 * papaparse, loaded once, on first use, and synchronously. Required, not imported: it is CommonJS, and an import
 * scans its 52 kB for named exports first (cjs-module-lexer: 29-34 ms of CPU against 4 ms for require(), measured on
 * this machine with Node 20); and under a module loader (tsx, vitest) every `import()` goes through its hooks, even
 * of a module already loaded.
 */
let papaparse: Papa | undefined;
const loadPapa = (): Papa => {
  papaparse ??= createRequire(import.meta.url)("papaparse") as Papa;
  return papaparse;
};
type Parser = InstanceType<Papa["Parser"]>;

/** Text in, records out, synchronously: the decoded text of a file is pushed in as it arrives. */
export function recordSplitter(Papa: Papa, maxRecordChars = MAX_RECORD_CHARS) {
  let parser: Parser | undefined;
  let pending = "";
  let base = 0;
  let carried = 0;
  return (text: string, final: boolean): string[][] => {
    // Not `pending += text`: measured 5 % slower over a whole file (scripts/bench/rows.ts, "rows() parsing").
    pending = pending === "" ? text : pending + text;
    if (!parser) {
      const dialect = dialectOf(pending, final);
      if (!dialect) return [];
      parser = new Papa.Parser({ ...dialect, quoteChar: '"' });
    }
    // Amortised: the unfinished record is parsed again only when the text held has doubled (or at the end).
    if (!final && pending.length < 2 * carried && pending.length <= maxRecordChars) return [];
    const { data, meta } = parser.parse(pending, base, !final) as { data: string[][]; meta: { cursor: number } };
    pending = pending.slice(meta.cursor - base);
    base = meta.cursor;
    carried = pending.length;
    if (carried > maxRecordChars) throw recordTooLong(maxRecordChars);
    return data;
  };
}

function recordTooLong(max: number): YeastarContentError {
  return new YeastarContentError(
    `the report file holds a record longer than ${max} characters (a quote that never closes, or not CSV); ` +
      "refused, nothing past it was read",
    { problem: "record-too-long" },
  );
}

/**
 * The reader of one file, fed its bytes chunk by chunk (`undefined` at the end): each call gives the rows those bytes
 * completed; `data()` says how many data rows (not Total) it gave so far.
 */
function rowReader(Papa: Papa, options: CsvOptions) {
  const make = rowMaker(options.withSection === true, options.onHeader);
  const decoder = chunkDecoder(options.encoding);
  const split = recordSplitter(Papa, options.maxRecordChars);
  let data = 0;
  // Without sections, Total rows are left out by the row maker: every row it makes is data. A chunk's rows as an
  // array, not a generator: resuming a generator per row cost a tenth of the rate (scripts/bench/rows.ts).
  const read = (chunk: Uint8Array | undefined): Row[] => {
    const rows: Row[] = [];
    const records = chunk === undefined ? split(decoder.end(), true) : split(decoder.write(chunk), false);
    for (const record of records) {
      const row = make(record);
      if (!row) continue;
      if (row._section !== "total") data += 1;
      rows.push(row);
    }
    return rows;
  };
  return { read, data: () => data };
}

/**
 * The rows of a CSV body, keyed by their header (with `_section` when asked), a chunk's worth at a time; returns how
 * many are data rows. (A reader that yields row by row through a second async generator pays twice per row.)
 */
export async function* csvBatches(body: Readable, options: CsvOptions = {}): AsyncGenerator<Row[], number> {
  const reader = rowReader(loadPapa(), options);
  const chunks = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    const rows = reader.read(next.value);
    if (rows.length) yield rows;
  }
  const rows = reader.read(undefined);
  if (rows.length) yield rows;
  return reader.data();
}

/** The rows of a CSV body, keyed by their header (with `_section` when asked); returns how many are data rows. */
export async function* csvRows(body: Readable, options: CsvOptions = {}): AsyncGenerator<Row, number> {
  const batches = csvBatches(body, options);
  for (let next = await batches.next(); ; next = await batches.next()) {
    if (next.done) return next.value;
    for (const row of next.value) yield row;
  }
}

/**
 * Whether the first bytes of a CSV file show it holds no data row: only headers, titles, blank lines and `Total`
 * rows. `whole` says the bytes are the whole file; when they are not, a file with no data row in its first bytes
 * counts as not empty (its data lies beyond them). Bytes that are not UTF-8 are read as Latin-1 for this check:
 * the structure (delimiters, line breaks, `Total`) is ASCII in every encoding a PBX writes.
 */
export function holdsNoRow(head: Uint8Array, whole: boolean, onHeader?: HeaderListener): boolean {
  const Papa = loadPapa();
  // The same reader as csvBatches', on bytes already held: synchronously, with no stream in between.
  const read = (encoding: string | undefined) => {
    const reader = rowReader(Papa, { withSection: true, encoding, onHeader });
    reader.read(head);
    reader.read(undefined);
    return reader.data() === 0;
  };
  let none: boolean;
  try {
    none = read(undefined);
  } catch (error) {
    if (!(error instanceof YeastarContentError)) throw error;
    none = error.problem === "encoding" ? read("latin1") : false;
  }
  return none && whole;
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
