// Benchmark: report.rows() against the fastest CSV parser. Every candidate (scripts/bench/parsers.ts) must first
// return the correctness corpus's rows; then each reads the same file from disk into the same keyed rows, and
// rows() reads it from the simulator over HTTP. Interleaved rounds, medians.
// Target: rows() ≥ 1.0× the fastest candidate that passes the corpus.
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createYeastarClient } from "../../src/index.js";
import { median, quick, report, round, simulatorProcess, writeCsv } from "./common.js";
import { candidates, passesCorpus } from "./parsers.js";

async function timed(rows: AsyncIterable<unknown>): Promise<{ seconds: number; count: number }> {
  const t0 = performance.now();
  let count = 0;
  for await (const _ of rows) count++;
  return { seconds: (performance.now() - t0) / 1000, count };
}

export async function rows(size = quick ? 20e6 : 100e6, rounds = quick ? 1 : 3): Promise<boolean> {
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
  const times: Record<string, number[]> = { "rows()": [] };
  let count = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      for (const [name, parse] of Object.entries(candidates)) {
        const run = await timed(parse(createReadStream(file, { highWaterMark: 1 << 16 })));
        times[name] = [...(times[name] ?? []), run.seconds];
        if (passing.includes(name) && count && run.count !== count) throw new Error(`${name}: ${run.count} rows`);
        if (passing.includes(name)) count = run.count;
      }
      const report = await pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1 });
      const run = await timed(report.rows({ withSection: true }));
      if (run.count !== count) throw new Error(`rows() gave ${run.count} rows, the parsers ${count}`);
      times["rows()"]!.push(run.seconds);
    }
  } finally {
    await pbx.close();
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const rate = (name: string) => Math.round(count / median(times[name]!));
  const rates = Object.fromEntries(Object.keys(times).map((name) => [name, rate(name)]));
  const fastest = passing.filter((n) => n !== "rows() parsing").sort((a, b) => rate(b) - rate(a))[0]!;
  return report("rows", "rows() speed / fastest correct parser's", round(rate("rows()") / rate(fastest)), [">=", 1], {
    fastest,
    reportMB: round(bytes / 1e6, 0),
    rows: count,
    rounds,
    rowsPerSecond: rates,
    failsCorpus: failing,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await rows();
