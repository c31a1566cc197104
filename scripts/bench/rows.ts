// Benchmark: report.rows() against the fastest CSV parser. Every candidate (scripts/bench/parsers.ts) must first
// return the correctness corpus's rows; then each reads the same file from disk into the same keyed rows, and
// rows() and papaparse's chunk API (its fastest for a stream) read it over HTTP from the simulator, the same file
// URL, both on node:http's stream. Rounds interleaved, the order rotated each round, ratios per round; medians with
// min–max. Target: rows() over HTTP ≥ 0.95× papaparse's chunk API over HTTP.
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { createYeastarClient, type YeastarClient } from "../../src/index.js";
import {
  fileUrl,
  median,
  quick,
  ratios,
  report,
  rotated,
  round,
  type SimProcess,
  simulatorProcess,
  spread,
  token,
  writeCsv,
} from "./common.js";
import { candidates, passesCorpus } from "./parsers.js";

async function timed(rows: AsyncIterable<unknown>): Promise<{ seconds: number; count: number }> {
  const t0 = performance.now();
  let count = 0;
  for await (const _ of rows) count++;
  return { seconds: (performance.now() - t0) / 1000, count };
}

/** The report file's body over HTTP, as node:http gives it (what the client's file step reads too). */
function httpBody(url: string): Promise<Readable> {
  return new Promise((resolve, reject) =>
    http.get(url, { headers: { "user-agent": "bench-parser" } }, resolve).on("error", reject),
  );
}

type Contender = { name: string; run: () => Promise<{ seconds: number; count: number }> };

function contenders(file: string, sim: SimProcess, pbx: YeastarClient, accessToken: string): Contender[] {
  const fromDisk = Object.entries(candidates).map(([name, parse]) => ({
    name: `${name} (disk)`,
    run: () => timed(parse(createReadStream(file, { highWaterMark: 1 << 16 }))),
  }));
  return [
    ...fromDisk,
    {
      name: "papaparse chunk (HTTP)",
      run: async () => {
        const body = await httpBody(await fileUrl(sim, accessToken));
        const t0 = performance.now();
        const run = await timed(candidates["papaparse chunk"]!(body));
        return { ...run, seconds: (performance.now() - t0) / 1000 };
      },
    },
    {
      name: "rows() (HTTP)",
      run: async () =>
        timed((await pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1 })).rows({ withSection: true })),
    },
  ];
}

export async function rows(size = quick ? 20e6 : 100e6, rounds = quick ? 2 : 5): Promise<boolean> {
  const passing: string[] = [];
  const failing: Record<string, string> = {};
  for (const [name, parse] of Object.entries(candidates)) {
    const verdict = await passesCorpus(parse);
    if (verdict === true) passing.push(name);
    else failing[name] = verdict;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-bench-"));
  const file = path.join(dir, "report.csv");
  const bytes = await writeCsv(file, size);
  const sim = await simulatorProcess(["--report-file", file]);
  const pbx = createYeastarClient({
    baseUrl: sim.baseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    apiVersion: "v2.0",
    displayFormat: { date: "YYYY/MM/DD", clock: 24 },
  });
  const times: Record<string, number[]> = {};
  let count = 0;
  try {
    const all = contenders(file, sim, pbx, await token(sim));
    for (let r = 0; r < rounds; r++) {
      for (const { name, run } of rotated(all, r)) {
        const { seconds, count: n } = await run();
        times[name] = [...(times[name] ?? []), seconds];
        const correct = passing.includes(name.replace(/ \((disk|HTTP)\)$/, "")) || name === "rows() (HTTP)";
        if (correct && count && n !== count) throw new Error(`${name}: ${n} rows, the others ${count}`);
        if (correct) count = n;
      }
    }
  } finally {
    await pbx.close();
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const rates = Object.fromEntries(
    Object.entries(times).map(([name, t]) => [
      name,
      spread(
        t.map((s) => count / s),
        0,
      ),
    ]),
  );
  // Rows per second: the ratio of rates is the inverse ratio of times, per round.
  const perRound = spread(ratios(times["papaparse chunk (HTTP)"]!, times["rows() (HTTP)"]!));
  const parsing = spread(ratios(times["papaparse chunk (disk)"]!, times["rows() parsing (disk)"]!));
  const fastestOnDisk = passing
    .filter((n) => n !== "rows() parsing")
    .sort((a, b) => median(times[`${a} (disk)`]!) - median(times[`${b} (disk)`]!))[0]!;
  return report("rows", "rows() speed / papaparse chunk API's, both over HTTP", perRound.median, [">=", 0.95], {
    perRound,
    parserAloneFromDiskVsPapaparseChunk: parsing,
    fastestCorrectFromDisk: fastestOnDisk,
    reportMB: round(bytes / 1e6, 0),
    rows: count,
    rounds,
    order: "rotated",
    rowsPerSecond: rates,
    failsCorpus: failing,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await rows();
