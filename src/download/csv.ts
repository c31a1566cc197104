// A report file's CSV as rows keyed by their section's header: the parsing behind report.rows(). What it must
// return, whatever the parser, is pinned by the correctness corpus (test/helpers/csv-corpus.ts).
//
// The parser is papaparse's (its Parser, fed one decoded chunk at a time, the unfinished last record carried
// over, as papaparse's own streamers do): the fastest of csv-parse, csv-parser, papaparse and uDSV that returns
// the corpus's rows (`npm run bench`; uDSV fixes the column count by the header and drops blank lines, so it
// cannot read the sections of a need_detail report).
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** Turns records into rows keyed by their section's header; undefined for a header, a title or a blank line. */
export type RowMaker = (record: string[]) => Record<string, string> | undefined;

/**
 * The keying of rows. A blank line ends a section: the next line may be a title (one field, e.g. "Call
 * Details"), then the section's own header. Missing fields are empty; fields past the header are dropped.
 */
export function rowMaker(withSection: boolean): RowMaker {
  let header: string[] | undefined;
  let afterBlank = false;
  let sections = 0;
  return (record) => {
    if (record.length === 1 && record[0] === "") {
      header = undefined;
      afterBlank = true;
      return undefined;
    }
    if (!header) {
      // After a blank line, a one-field line is a section title, not a header.
      if (afterBlank && record.length === 1) return undefined;
      header = record;
      afterBlank = false;
      sections += 1;
      return undefined;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i]!] = record[i] ?? "";
    // The first table is the summary; the tables after it (need_detail=1) the call details.
    if (withSection) row._section = sections === 1 ? "summary" : "detail";
    return row;
  };
}

/** How records are read: the delimiter sniffed from the header line and its line break. */
export interface Dialect {
  delimiter: string;
  newline: "\r\n" | "\n";
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

/** The rows of a CSV body, keyed by their section's header (with `_section` when asked). */
export async function* csvRows(body: Readable, withSection: boolean): AsyncGenerator<Record<string, string>> {
  // Reading starts now, not after papaparse has loaded: a 'data' listener on the body (the progress watch) would
  // let chunks flow past meanwhile. (A stream's iterator attaches itself only when first asked.)
  const chunks = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = chunks.next();
  const { default: Papa } = await import("papaparse");
  const make = rowMaker(withSection);
  // Decoded chunk by chunk: a character split between two chunks stays whole.
  const decoder = new StringDecoder("utf8");
  let parser: InstanceType<typeof Papa.Parser> | undefined;
  let pending = "";
  let base = 0;
  const parse = function* (text: string, final: boolean) {
    pending = base === 0 && pending === "" ? text.replace(/^\uFEFF/, "") : pending + text;
    if (!parser) {
      const dialect = dialectOf(pending, final);
      if (!dialect) return;
      parser = new Papa.Parser({ ...dialect, quoteChar: '"' });
    }
    const { data, meta } = parser.parse(pending, base, !final) as { data: string[][]; meta: { cursor: number } };
    pending = pending.slice(meta.cursor - base);
    base = meta.cursor;
    for (const record of data) {
      const row = make(record);
      if (row) yield row;
    }
  };
  for (let next = await first; !next.done; next = await chunks.next()) yield* parse(decoder.write(next.value), false);
  yield* parse(decoder.end(), true);
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
