// report.rows()'s parsing: the correctness corpus, fed whole and in chunks as small as one byte (a character
// or a CRLF split between chunks), and every CSV the simulator generates read as csv-parse (the parser of rows()
// before papaparse) read it.
import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvRows, rowMaker, sniffDelimiter } from "../../src/download/csv.js";
import type { DisplayFormat } from "../../src/model/pbx-time.js";
import { reportTable } from "../../src/model/report-table.js";
import { exampleQuery } from "../../src/simulator/examples.js";
import { buildReport } from "../../src/simulator/reports.js";
import { checkReportQuery } from "../../src/simulator/validate.js";
import { corpus } from "../helpers/csv-corpus.js";

function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function rowsOf(body: Readable, withSection = true): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  for await (const row of csvRows(body, { withSection })) rows.push(row);
  return rows;
}

describe.each(corpus)("corpus: $name", ({ csv, rows }) => {
  it.each([1, 2, 3, 7, 64, 1 << 20])("in chunks of %i bytes", async (size) => {
    expect(await rowsOf(chunked(csv, size))).toEqual(rows);
  });
});

/** What rows() returned with csv-parse under it: the reference. */
function csvParseRows(csv: string): Record<string, string>[] {
  const records = parse(csv, {
    bom: true,
    delimiter: sniffDelimiter(csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? ""),
    relax_column_count: true,
    skip_empty_lines: false,
    relax_quotes: true,
  }) as string[][];
  const make = rowMaker(true);
  return records.map(make).filter((row) => row !== undefined);
}

const formats: DisplayFormat[] = [
  { date: "YYYY/MM/DD", clock: 24 },
  { date: "DD/MM/YYYY", clock: 12 },
];
const now = { year: 2024, month: 7, day: 1, hour: 0, minute: 0, second: 0 };

describe.each(Object.keys(reportTable))("simulator's %s report", (type) => {
  it.each(formats)("reads as csv-parse read it ($date, $clock h)", async (format) => {
    const raw = Object.fromEntries(Object.entries(exampleQuery(type, { format })).map(([k, v]) => [k, String(v)]));
    const check = checkReportQuery(raw, format);
    if (!check.ok) throw new Error(`${type}: ${JSON.stringify(check)}`);
    const window = check.bucket ? undefined : { from: check.times.start_time!, to: check.times.end_time! };
    const { body } = buildReport({ type, query: check.query, format, now }, window, check.bucket);
    const expected = csvParseRows(body);
    expect(expected.length).toBeGreaterThan(0);
    expect(await rowsOf(chunked(body, 4096))).toEqual(expected);
    expect(await rowsOf(chunked(body, 5))).toEqual(expected);
  });
});
