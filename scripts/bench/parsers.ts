// The CSV parsers rows() was chosen from, each read the way its documentation shows for a Node stream, all
// turning records into rows with the same keying as rows() (rowMaker). A candidate's speed counts only when it
// returns the correctness corpus's rows (test/helpers/csv-corpus.ts).
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { parse } from "csv-parse";
import csvParser from "csv-parser";
import Papa from "papaparse";
import { inferSchema, initParser } from "udsv";
import { csvRows, type Dialect, dialectOf, rowMaker } from "../../src/download/csv.js";
import { corpus } from "../../test/helpers/csv-corpus.js";

type Rows = (body: Readable) => AsyncIterable<Record<string, string>>;

/** The first line's dialect, and a stream that replays what was read to find it, without a BOM. */
async function sniffed(body: Readable): Promise<Dialect & { rest: Readable }> {
  const taken: Buffer[] = [];
  const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let dialect: ReturnType<typeof dialectOf>;
  while (!dialect) {
    const { done, value } = await it.next();
    if (!done) taken.push(value);
    dialect = dialectOf(
      Buffer.concat(taken)
        .toString("utf8")
        .replace(/^\uFEFF/, ""),
      done === true,
    );
  }
  async function* replay() {
    const start = Buffer.concat(taken);
    yield start.subarray(start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf ? 3 : 0);
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  return { ...dialect, rest: Readable.from(replay()) };
}

async function* keyed(records: AsyncIterable<string[]>) {
  const make = rowMaker(true);
  for await (const record of records) {
    const row = make(record);
    if (row) yield row;
  }
}

export const candidates: Record<string, Rows> = {
  "csv-parse": async function* (body) {
    const { delimiter, rest } = await sniffed(body);
    const options = { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, relax_quotes: true };
    yield* keyed(rest.pipe(parse(options)));
  },
  "csv-parser": async function* (body) {
    const { delimiter, rest } = await sniffed(body);
    const objects = rest.pipe(csvParser({ headers: false, separator: delimiter })) as AsyncIterable<object>;
    yield* keyed(
      (async function* () {
        for await (const o of objects) yield Object.values(o) as string[];
      })(),
    );
  },
  papaparse: async function* (body) {
    const { delimiter, newline, rest } = await sniffed(body);
    rest.setEncoding("utf8");
    yield* keyed(rest.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, newline })) as AsyncIterable<string[]>);
  },
  // papaparse's fastest documented API for a stream: Papa.parse(stream, { chunk }), a batch of records a callback,
  // the stream paused while a batch is consumed (text decoded by the stream: papaparse's own Buffer.toString()
  // would split a character at a chunk boundary).
  "papaparse chunk": async function* (body) {
    const { delimiter, newline, rest } = await sniffed(body);
    rest.setEncoding("utf8");
    const make = rowMaker(true);
    const batches: Record<string, string>[][] = [];
    let resume: (() => void) | undefined;
    let wake: (() => void) | undefined;
    let finished = false;
    let failure: unknown;
    Papa.parse<string[]>(rest, {
      delimiter,
      newline,
      chunk: (results, parser) => {
        const batch: Record<string, string>[] = [];
        for (const record of results.data) {
          const row = make(record);
          if (row) batch.push(row);
        }
        batches.push(batch);
        parser.pause();
        resume = () => parser.resume();
        wake?.();
      },
      complete: () => {
        finished = true;
        wake?.();
      },
      error: (error) => {
        failure = error;
        wake?.();
      },
    });
    for (;;) {
      const batch = batches.shift();
      if (batch) {
        yield* batch;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      const next = resume;
      resume = undefined;
      const woken = new Promise<void>((r) => (wake = r));
      next?.();
      await woken;
    }
  },
  uDSV: async function* (body) {
    const { delimiter, newline, rest } = await sniffed(body);
    const decoder = new StringDecoder("utf8");
    let parser: ReturnType<typeof initParser> | undefined;
    const make = rowMaker(true);
    for await (const chunk of rest as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      if (!text) continue;
      parser ??= initParser(inferSchema(text, { col: delimiter, row: newline, encl: '"', header: () => [] }));
      const batch: Record<string, string>[] = [];
      parser.chunk<string[]>(text, parser.stringArrs, (record) => {
        const row = make(record);
        if (row) batch.push(row);
      });
      yield* batch;
    }
    parser?.end();
  },
  "rows() parsing": (body) => csvRows(body, { withSection: true }),
};

/** Whether a candidate returns every corpus case's rows (in 7-byte chunks and whole); the first failure said. */
export async function passesCorpus(rows: Rows): Promise<string | true> {
  for (const { name, csv, rows: expected } of corpus) {
    for (const size of [7, 1 << 20]) {
      const bytes = Buffer.from(csv);
      const chunks = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      try {
        const got = [];
        for await (const row of rows(Readable.from(chunks))) got.push(row);
        if (JSON.stringify(got) !== JSON.stringify(expected)) return name;
      } catch (error) {
        return `${name} (${(error as Error).message})`;
      }
    }
  }
  return true;
}
