// Benchmark 3: per-call overhead. 1,000 small reports (step 1 + step 2) through the client against the same
// requests made with plain fetch, same simulator, same concurrency (1 and 16); rounds interleaved, the order rotated
// each round, ratios per round, medians with min–max.
// Targets: at most 1.05× plain fetch's time at both; exactly one get_token for the client's whole run.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { quick, ratios, report, root, rotated, simulatorProcess, spread, token, UA } from "./common.js";

const SMALL_REPORT =
  "Queue,Total Surveys,Average Score,Satisfied,Unsatisfied\r\n6400 - Sales,120,4.1,100,20\r\nTotal,120,4.1,100,20\r\n";

async function pool(count: number, concurrency: number, job: () => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await job();
    }),
  );
}

/** The client from the built package (dist/), as users run it (this benchmark itself runs under tsx). */
async function builtClient(): Promise<typeof import("../../src/index.js").createYeastarClient> {
  const built = pathToFileURL(path.join(root, "dist/esm/src/index.js")).href;
  const module: typeof import("../../src/index.js") = await import(built);
  return module.createYeastarClient;
}

export async function overhead(count = quick ? 300 : 1000, rounds = quick ? 2 : 15): Promise<boolean> {
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-bench-"));
  const small = path.join(dir, "small.csv");
  await writeFile(small, SMALL_REPORT);
  const sim = await simulatorProcess(["--report-file", small]);
  const query = {
    type: "queuesatisfaction",
    queue_id: 1,
    start_time: "2024-05-01T00:00:00",
    end_time: "2024-05-01T23:59:59",
  } as const;
  const wire =
    "type=queuesatisfaction&queue_id=1&start_time=2024%2F05%2F01%2000%3A00%3A00&end_time=2024%2F05%2F01%2023%3A59%3A59";
  let met = true;
  const createYeastarClient = await builtClient();
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
      // Warm-up, both: 300 calls each, so that the rounds measure compiled code (50 left the client's first round
      // a fifth slower: it has more code for the JIT to compile than plain fetch has).
      await pool(300, concurrency, viaClient);
      await pool(300, concurrency, plain);
      const jobs = { fetch: plain, client: viaClient };
      for (let r = 0; r < rounds; r++) {
        for (const mode of rotated(["fetch", "client"] as const, r)) {
          const t0 = performance.now();
          await pool(count, concurrency, jobs[mode]);
          times[mode].push((performance.now() - t0) / 1000);
        }
      }
      await pbx.close();
      const perRound = spread(ratios(times.client, times.fetch));
      const msEach = (t: number[]) =>
        spread(
          t.map((s) => (s / count) * 1000),
          3,
        );
      met =
        report("per-call-overhead", `${count} small downloads, time / plain fetch's`, perRound.median, ["<=", 1.05], {
          concurrency,
          rounds,
          order: "rotated",
          perRound,
          clientMsPerDownload: msEach(times.client),
          fetchMsPerDownload: msEach(times.fetch),
        }) && met;
      met =
        report("per-call-overhead", "get_token calls for the whole run", getTokens, ["<=", 1], { concurrency }) && met;
    }
  } finally {
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return met;
}

/**
 * Memory after many calls: `count` small downloads, 16 at a time, in a process of their own (built package),
 * through the client and with plain fetch; the RSS each process holds after them. Target: within 1.2× of fetch's.
 */
export async function memory(count = quick ? 2000 : 6000, rounds = quick ? 2 : 4): Promise<boolean> {
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-bench-"));
  const small = path.join(dir, "small.csv");
  await writeFile(small, SMALL_REPORT);
  const sim = await simulatorProcess(["--report-file", small]);
  const env = {
    ...process.env,
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: sim.clientSecret,
    YEASTAR_TOKEN: await token(sim),
  };
  const rss: Record<"client" | "fetch", number[]> = { client: [], fetch: [] };
  const peak: Record<"client" | "fetch", number[]> = { client: [], fetch: [] };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const mode of rotated(["fetch", "client"] as const, r)) {
        const out = execFileSync(
          process.execPath,
          [path.join(root, "scripts/bench/worker-calls.mjs"), mode, `${count}`],
          {
            env,
            encoding: "utf8",
          },
        );
        const result = JSON.parse(out.trim().split("\n").pop()!) as { rssMB: number; peakRssMB: number };
        rss[mode].push(result.rssMB);
        peak[mode].push(result.peakRssMB);
      }
    }
  } finally {
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const perRound = spread(ratios(rss.client, rss.fetch));
  return report("memory", `RSS after ${count} calls / plain fetch's`, perRound.median, ["<=", 1.2], {
    rounds,
    order: "rotated",
    perRound,
    clientRssMB: spread(rss.client, 1),
    fetchRssMB: spread(rss.fetch, 1),
    clientPeakRssMB: spread(peak.client, 1),
    fetchPeakRssMB: spread(peak.fetch, 1),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await overhead();
