// Benchmark: a large report to disk. downloadReport().saveTo() against curl -o of the same URL, Node's floors
// (undici.request piped to a file; Node's fetch piped to a file: no library code) and the naive fetch + text() +
// writeFile; interleaved rounds, one process each (built package), one simulator serving a file from disk.
// Targets: ≥ 0.9× curl's speed and ≥ 1.0× the floor's at the largest size; peak RSS < 100 MB at every size.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileUrl, median, quick, report, root, round, simulatorProcess, token, writeCsv } from "./common.js";

function ensureCurl(): void {
  if (spawnSync("curl", ["--version"]).status === 0) return;
  console.error("curl is missing: installing Debian's curl");
  execFileSync(
    "sh",
    ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null"],
    { stdio: "inherit" },
  );
}

type Mode = "curl" | "client" | "floor" | "fetch" | "naive";
interface Run {
  seconds: number;
  maxRssMb?: number;
}

function worker(mode: Exclude<Mode, "curl">, out: string, url: string, env: NodeJS.ProcessEnv): Run {
  const args = [path.join(root, "scripts/bench/worker-save.mjs"), mode, out, url];
  const line = execFileSync(process.execPath, args, { env, encoding: "utf8" }).trim().split("\n").pop()!;
  const result = JSON.parse(line) as Run & { error?: string };
  if (result.error) throw new Error(`${mode}: ${result.error}`);
  return result;
}

/** One save of `mode`, checked for its size; the naive mode's failure (a string too long) is its result. */
async function once(mode: Mode, sim: { baseUrl: string }, accessToken: string, env: NodeJS.ProcessEnv, bytes: number) {
  const out = path.join(tmpdir(), `ycr-bench-out-${process.pid}.csv`);
  const url = await fileUrl(sim, accessToken);
  try {
    const t0 = performance.now();
    let run: Run;
    if (mode === "curl") {
      execFileSync("curl", ["-sS", "--fail", "-o", out, "-H", "User-Agent: curl-bench", url]);
      run = { seconds: (performance.now() - t0) / 1000 };
    } else run = worker(mode, out, url, env);
    const size = (await stat(out)).size;
    if (size !== bytes) throw new Error(`${mode} wrote ${size} of ${bytes} bytes`);
    return { mbps: bytes / 1e6 / run.seconds, rss: run.maxRssMb };
  } catch (error) {
    if (mode === "naive") return { error: (error as Error).message.split("\n")[0]!.slice(0, 120) };
    throw error;
  } finally {
    await rm(out, { force: true });
  }
}

async function atSize(dir: string, size: number, rounds: number, last: boolean): Promise<boolean> {
  const source = path.join(dir, `report-${size}.csv`);
  const bytes = await writeCsv(source, size);
  const sim = await simulatorProcess(["--report-file", source]);
  const env = {
    ...process.env,
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: sim.clientSecret,
  };
  const speed: Record<Mode, number[]> = { curl: [], client: [], floor: [], fetch: [], naive: [] };
  const rss: Record<Mode, number[]> = { curl: [], client: [], floor: [], fetch: [], naive: [] };
  let naiveError: string | undefined;
  try {
    const accessToken = await token(sim);
    for (let r = 0; r < rounds; r++) {
      const modes: Mode[] = ["curl", "client", "floor", "fetch", ...(r === 0 ? (["naive"] as const) : [])];
      for (const mode of modes) {
        const run = await once(mode, sim, accessToken, env, bytes);
        if ("error" in run) naiveError = run.error;
        else speed[mode].push(run.mbps);
        if ("rss" in run && run.rss !== undefined) rss[mode].push(run.rss);
      }
    }
  } finally {
    sim.stop();
    await rm(source);
  }
  const mb = round(bytes / 1e6, 0);
  const mbps = Object.fromEntries(Object.entries(speed).map(([m, v]) => [m, v.length ? round(median(v), 1) : null]));
  const peak = Object.fromEntries(Object.entries(rss).map(([m, v]) => [m, v.length ? round(Math.max(...v), 1) : null]));
  const details = { reportMB: mb, rounds, MBps: mbps, peakRssMB: peak, naiveError: naiveError ?? null };
  const client = median(speed.client);
  let met = report("streaming-save", `peak RSS saving ${mb} MB (MB)`, peak.client!, ["<", 100], details);
  if (!last) return met;
  met =
    report(
      "streaming-save",
      `save ${mb} MB, speed / curl's`,
      round(client / median(speed.curl)),
      [">=", 0.9],
      details,
    ) && met;
  const floor = Math.max(median(speed.floor), median(speed.fetch));
  return (
    report("streaming-save", `save ${mb} MB, speed / Node's floor`, round(client / floor), [">=", 1], details) && met
  );
}

export async function streaming(sizes = quick ? [10e6, 100e6] : [10e6, 100e6, 1e9], rounds = quick ? 2 : 5) {
  ensureCurl();
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-bench-"));
  let met = true;
  try {
    for (const size of sizes) met = (await atSize(dir, size, rounds, size === sizes.at(-1))) && met;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return met;
}

if (import.meta.url === `file://${process.argv[1]}`) await streaming();
