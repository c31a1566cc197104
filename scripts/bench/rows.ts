// Benchmark 2: report.rows() over a 100 MB CSV (from the simulator, over HTTP) against csv-parse reading the
// same file from disk with columns from its header. Interleaved rounds, medians. Target: ≥ 0.9× csv-parse.
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse";
import { createYeastarClient } from "../../src/index.js";
import { median, report, round, simulatorProcess, writeCsv } from "./common.js";

export async function rows(size = 100e6, rounds = 3): Promise<void> {
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
  const client: number[] = [];
  const direct: number[] = [];
  let count = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      let n = 0;
      const stream = createReadStream(file).pipe(parse({ columns: true, bom: true }));
      let t0 = performance.now();
      for await (const _ of stream) n++;
      direct.push((performance.now() - t0) / 1000);
      const rep = await pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1 });
      t0 = performance.now();
      let m = 0;
      for await (const _ of rep.rows()) m++;
      client.push((performance.now() - t0) / 1000);
      if (m !== n) throw new Error(`rows() gave ${m} rows, csv-parse ${n}`);
      count = n;
    }
  } finally {
    await pbx.close();
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const c = median(client);
  const d = median(direct);
  report({
    benchmark: "rows",
    reportMB: round(bytes / 1e6, 0),
    rows: count,
    rounds,
    clientRowsPerSecond: Math.round(count / c),
    clientMBps: round(bytes / 1e6 / c, 1),
    csvParseRowsPerSecond: Math.round(count / d),
    csvParseMBps: round(bytes / 1e6 / d, 1),
    clientToCsvParse: round(d / c),
    targets: { clientToCsvParse: ">= 0.9" },
    met: d / c >= 0.9,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await rows();
