// Benchmark 3: per-call overhead. 1,000 small reports (step 1 + step 2) through the client against the same
// requests made with plain fetch, same simulator, same concurrency (1 and 16), interleaved rounds.
// Targets: at most 1.15× plain fetch's time; exactly one get_token for the client's whole run.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createYeastarClient } from "../../src/index.js";
import { UA, median, report, round, simulatorProcess, token } from "./common.js";

async function pool(count: number, concurrency: number, job: () => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await job();
    }),
  );
}

export async function overhead(count = 1000, rounds = 3): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-bench-"));
  const small = path.join(dir, "small.csv");
  await writeFile(
    small,
    "Queue,Total Surveys,Average Score,Satisfied,Unsatisfied\r\n6400 - " +
      "Sales,120,4.1,100,20\r\nTotal,120,4.1,100,20\r\n",
  );
  const sim = await simulatorProcess(["--report-file", small]);
  const query = {
    type: "queuesatisfaction",
    queue_id: 1,
    start_time: "2024-05-01T00:00:00",
    end_time: "2024-05-01T23:59:59",
  } as const;
  const wire =
    "type=queuesatisfaction&queue_id=1&start_time=2024%2F05%2F01%2000%3A00%3A00&end_time=2024%2F05%2F01%2023%3A59%3A59";
  try {
    for (const concurrency of [1, 16]) {
      const times: Record<"client" | "fetch", number[]> = { client: [], fetch: [] };
      let getTokens = 0;
      const pbx = createYeastarClient({
        baseUrl: sim.baseUrl,
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        logger: { debug: (line) => void (line.startsWith("POST") && line.endsWith("/get_token") && getTokens++) },
      });
      const accessToken = await token(sim);
      const plain = async () => {
        const step1 = (await (
          await fetch(`${sim.baseUrl}/openapi/v2.0/call_report/download?${wire}&access_token=${accessToken}`, {
            headers: UA,
          })
        ).json()) as { download_resource_url: string };
        await (
          await fetch(`${sim.baseUrl}${step1.download_resource_url}?access_token=${accessToken}`, { headers: UA })
        ).text();
      };
      const viaClient = async () => {
        await (await pbx.downloadReport(query)).text();
      };
      await pool(50, concurrency, viaClient); // warm-up, both
      await pool(50, concurrency, plain);
      for (let r = 0; r < rounds; r++) {
        let t0 = performance.now();
        await pool(count, concurrency, plain);
        times.fetch.push((performance.now() - t0) / 1000);
        t0 = performance.now();
        await pool(count, concurrency, viaClient);
        times.client.push((performance.now() - t0) / 1000);
      }
      await pbx.close();
      const c = median(times.client);
      const f = median(times.fetch);
      report({
        benchmark: "per-call-overhead",
        downloads: count,
        concurrency,
        rounds,
        clientSeconds: round(c, 3),
        fetchSeconds: round(f, 3),
        clientMsPerDownload: round((c / count) * 1000, 3),
        fetchMsPerDownload: round((f / count) * 1000, 3),
        clientToFetch: round(c / f),
        getTokenCalls: getTokens,
        targets: { clientToFetch: "<= 1.15", getTokenCalls: 1 },
        met: c / f <= 1.15 && getTokens === 1,
      });
    }
  } finally {
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await overhead();
