// Benchmark: a large report to disk. downloadReport().saveTo() against curl -o of the same URL (and curl -o then
// fdatasync: saveTo's durable job done natively), Node's floors (no library code: node:http.get, undici.stream(),
// undici.request and Node's fetch, each piped to a file; node:http flushed to the disk as saveTo does) and the naive
// fetch + text() + writeFile; one process each (built package), one simulator serving a file from disk.
// Rounds are interleaved and their order rotated each round (common.ts: rotated), and the page cache is pre-warmed
// before every timed run (common.ts: prewarm): a fixed order measured the order (issue 22). Ratios are taken per
// round against the same round's curl and best floor; medians with min–max.
// Targets: ≥ 0.9× curl's speed and ≥ 1.0× the best floor's at 100 MB and 1 GB; peak RSS < 100 MB at every size.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import {
  fileUrl,
  median,
  prewarm,
  quick,
  ratios,
  report,
  root,
  rotated,
  round,
  type SimProcess,
  simulatorProcess,
  spread,
  token,
  writeCsv,
} from "./common.js";

function ensureCurl(): void {
  if (spawnSync("curl", ["--version"]).status === 0) return;
  console.error("curl is missing: installing Debian's curl");
  execFileSync(
    "sh",
    ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null"],
    { stdio: "inherit" },
  );
}

const floors = ["http", "undici", "floor", "fetch"] as const;
// The same job as saveTo's: the bytes flushed to the disk (fsync) before the file is closed; the floors above skip it.
// http-fsync flushes at the end (fs.createWriteStream's flush); http-writeback writes back as the bytes arrive.
const durableFloors = ["http-fsync", "http-writeback"] as const;
// The same job done natively: curl -o, then coreutils' sync --data (fdatasync) of the file, the time of both.
const contenders = ["curl", "curl-fdatasync", "client", ...floors, ...durableFloors] as const;
type Mode = (typeof contenders)[number] | "naive";
type NodeMode = Exclude<Mode, "curl" | "curl-fdatasync">;
interface Run {
  seconds: number;
  maxRssMb?: number;
}

function worker(mode: NodeMode, out: string, url: string, env: NodeJS.ProcessEnv): Run {
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
    if (mode === "curl" || mode === "curl-fdatasync") {
      execFileSync("curl", ["-sS", "--fail", "-o", out, "-H", "User-Agent: curl-bench", url]);
      if (mode === "curl-fdatasync") execFileSync("sync", ["--data", out]);
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

/** Every contender once per round, in the round's rotated order, each timed run on a pre-warmed page cache. */
async function measure(sim: SimProcess, env: NodeJS.ProcessEnv, dir: string, bytes: number, rounds: number) {
  const speed = Object.fromEntries([...contenders, "naive"].map((m) => [m, [] as number[]])) as Record<Mode, number[]>;
  const rss = Object.fromEntries([...contenders, "naive"].map((m) => [m, [] as number[]])) as Record<Mode, number[]>;
  let naiveError: string | undefined;
  const accessToken = await token(sim);
  for (let r = 0; r < rounds; r++) {
    const modes: Mode[] = [...rotated(contenders, r), ...(r === 0 ? (["naive"] as const) : [])];
    for (const mode of modes) {
      await prewarm(dir, bytes * 1.3);
      const run = await once(mode, sim, accessToken, env, bytes);
      if ("error" in run) naiveError = run.error;
      else speed[mode].push(run.mbps);
      if ("rss" in run && run.rss !== undefined) rss[mode].push(run.rss);
    }
  }
  return { speed, rss, naiveError };
}

/**
 * The library's DurableFile as a module of its own, for the http-writeback floor (plain node cannot load TypeScript,
 * and the built package bundles it unexported).
 */
async function durableFileModule(dir: string): Promise<string> {
  const outfile = path.join(dir, "durable-file.mjs");
  const entry = path.join(root, "src/download/durable-file.ts");
  await build({ entryPoints: [entry], outfile, bundle: true, platform: "node", format: "esm", logLevel: "warning" });
  return outfile;
}

async function atSize(dir: string, size: number, rounds: number, speedTargets: boolean): Promise<boolean> {
  const source = path.join(dir, `report-${size}.csv`);
  const bytes = await writeCsv(source, size);
  const sim = await simulatorProcess(["--report-file", source]);
  const env = {
    ...process.env,
    YCR_DURABLE_FILE: await durableFileModule(dir),
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: sim.clientSecret,
  };
  let measured: Awaited<ReturnType<typeof measure>>;
  try {
    measured = await measure(sim, env, dir, bytes, rounds);
  } finally {
    sim.stop();
    await rm(source);
  }
  const { speed, rss, naiveError } = measured;
  const mb = round(bytes / 1e6, 0);
  const mbps = Object.fromEntries(Object.entries(speed).map(([m, v]) => [m, v.length ? spread(v, 1) : null]));
  const peak = Object.fromEntries(Object.entries(rss).map(([m, v]) => [m, v.length ? round(Math.max(...v), 1) : null]));
  // The best floor of each round: the fastest of Node's four ways, in that round.
  const bestFloor = speed.client.map((_, i) => Math.max(...floors.map((f) => speed[f][i]!)));
  const fastestFloor = floors.toSorted((a, b) => median(speed[b]) - median(speed[a]))[0];
  const details = { reportMB: mb, rounds, order: "rotated, page cache pre-warmed", MBps: mbps, peakRssMB: peak };
  let met = report("streaming-save", `peak RSS saving ${mb} MB (MB)`, peak.client!, ["<", 100], {
    ...details,
    naiveError: naiveError ?? null,
  });
  if (!speedTargets) return met;
  const perCurl = spread(ratios(speed.client, speed.curl));
  met =
    report("streaming-save", `save ${mb} MB, speed / curl's`, perCurl.median, [">=", 0.9], {
      ...details,
      perRound: perCurl,
    }) && met;
  const perFloor = spread(ratios(speed.client, bestFloor));
  met =
    report("streaming-save", `save ${mb} MB, speed / Node's best floor`, perFloor.median, [">=", 1], {
      ...details,
      perRound: perFloor,
      fastestFloor,
    }) && met;
  // Reported beside it: against the floors that flush to the disk as saveTo does (the same job), each round's best.
  const bestDurable = speed.client.map((_, i) => Math.max(...durableFloors.map((f) => speed[f][i]!)));
  const perDurable = spread(ratios(speed.client, bestDurable));
  report(
    "streaming-save",
    `save ${mb} MB, speed / node:http flushed to the disk (the same job)`,
    perDurable.median,
    undefined,
    {
      ...details,
      perRound: perDurable,
    },
  );
  // And against the same job done natively (curl, then fdatasync): what flushing costs code that is not Node's.
  const perNative = spread(ratios(speed.client, speed["curl-fdatasync"]));
  report(
    "streaming-save",
    `save ${mb} MB, speed / curl flushed to the disk (the same job)`,
    perNative.median,
    undefined,
    {
      ...details,
      perRound: perNative,
      curlFlushedPerCurl: spread(ratios(speed["curl-fdatasync"], speed.curl)),
    },
  );
  return met;
}

export async function streaming(sizes = quick ? [10e6, 100e6] : [10e6, 100e6, 1e9], rounds = quick ? 2 : 5) {
  ensureCurl();
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-bench-"));
  let met = true;
  try {
    for (const size of sizes) met = (await atSize(dir, size, rounds, size >= 100e6)) && met;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return met;
}

if (import.meta.url === `file://${process.argv[1]}`) await streaming();
