// Benchmark: a fleet. A fake fleet of PBXs (scripts/bench/fleet-host.ts: each its own simulator, client ID and
// secret, every answer 100 ms late) and a client process (worker-fleet.mjs, built package) that gives each PBX a
// client, five small reports one after the other, and close(), N PBXs at a time.
// The latency bound: what the fewest requests a PBX needs (get_token, two per report, del_token) cost at 100 ms
// each, times the PBXs each of the N slots serves, ceil(PBXs / N). Rounds interleaved, the order rotated.
// Targets at concurrency 64: ≤ 1.1× the bound and ≤ 5 ms of client CPU per PBX; 1,000 PBXs within 1.1× and < 200 MB.
// Printed beside the CPU figure: Node's http alone on the same fleet (worker-fleet.mjs floor), the same requests with
// the JSON calls through openapi-fetch (worker-fleet.mjs openapi-fetch: what the layer the library is built on costs
// at the least), and the client's marginal CPU per PBX (1,000 PBXs against 200: what a PBX costs once the process's
// code is compiled). Reported too, without a target: the same CPU figure and its floors under the other Node
// versions CI tests, when .ci/node has them installed (`npm ci --prefix .ci/node --ignore-scripts`, as .ci/run does).
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { median, quick, report, root, rotated, round, spread } from "./common.js";

const LATENCY_MS = 100;
const CALLS = 5;
/** The requests a PBX needs at the least: get_token, step 1 and the file per report, del_token. */
const REQUESTS_PER_PBX = 1 + 2 * CALLS + 1;

interface Run {
  seconds: number;
  cpuMs: number;
  maxRssMB: number;
}

async function fleetHost(count: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/bench/fleet-host.ts", `${count}`, `${LATENCY_MS}`],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  return { pbxs: JSON.parse(line) as unknown[], stop: () => child.kill("SIGTERM") };
}

type Mode = "client" | "floor" | "openapi-fetch";

function worker(mode: Mode, file: string, concurrency: number, node = process.execPath): Run {
  const args = [path.join(root, "scripts/bench/worker-fleet.mjs"), mode, file, `${concurrency}`, `${CALLS}`];
  return JSON.parse(execFileSync(node, args, { encoding: "utf8" }).trim().split("\n").pop()!) as Run;
}

/** The Node binaries of .ci/node (the versions CI tests besides this machine's), those installed. */
const otherNodes = () =>
  ["node22", "node24"]
    .map((name) => path.join(root, ".ci/node/node_modules", name, "bin/node"))
    .filter((node) => existsSync(node));

/** The CPU figure of 200 PBXs at concurrency 64 under another Node, client and both floors interleaved, rotated. */
function underNode(node: string, file: string, rounds: number): void {
  const cpu: Record<Mode, number[]> = { client: [], floor: [], "openapi-fetch": [] };
  for (let r = 0; r < rounds; r++)
    for (const mode of rotated(["client", "floor", "openapi-fetch"] as const, r))
      cpu[mode].push(worker(mode, file, 64, node).cpuMs / 200);
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  report(
    "fleet",
    `200 PBXs at concurrency 64, client CPU per PBX (ms), Node ${version}`,
    round(median(cpu.client), 2),
    undefined,
    {
      rounds,
      order: "rotated",
      cpuMsPerPbx: spread(cpu.client),
      floorCpuMsPerPbx: spread(cpu.floor),
      openapiFetchFloorCpuMsPerPbx: spread(cpu["openapi-fetch"]),
    },
  );
}

const boundOf = (pbxs: number, concurrency: number) =>
  (Math.ceil(pbxs / concurrency) * REQUESTS_PER_PBX * LATENCY_MS) / 1000;

export async function fleet(rounds = quick ? 1 : 3): Promise<boolean> {
  const sizes = quick
    ? [{ pbxs: 200, concurrency: 64 }]
    : [
        { pbxs: 200, concurrency: 16 },
        { pbxs: 200, concurrency: 64 },
        { pbxs: 1000, concurrency: 64 },
      ];
  const host = await fleetHost(Math.max(...sizes.map((s) => s.pbxs)));
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-fleet-"));
  const runs = new Map<(typeof sizes)[number], Run[]>(sizes.map((s) => [s, []]));
  // Node's http alone on the CPU target's fleet, and openapi-fetch on it, in the same rotation: the least any client
  // spends there, and the least any client on openapi-fetch does.
  const floors = (["floor", "openapi-fetch"] as const).map((mode) => ({ pbxs: 200, concurrency: 64, mode }));
  const floorRuns: Record<(typeof floors)[number]["mode"], Run[]> = { floor: [], "openapi-fetch": [] };
  const file = (pbxs: number) => path.join(dir, `${pbxs}.json`);
  try {
    for (const size of sizes) await writeFile(file(size.pbxs), JSON.stringify(host.pbxs.slice(0, size.pbxs)));
    for (let r = 0; r < rounds; r++)
      for (const size of rotated<(typeof sizes)[number] | (typeof floors)[number]>([...sizes, ...floors], r)) {
        if ("mode" in size) floorRuns[size.mode].push(worker(size.mode, file(size.pbxs), size.concurrency));
        else runs.get(size)!.push(worker("client", file(size.pbxs), size.concurrency));
      }
    if (!quick) for (const node of otherNodes()) underNode(node, file(200), rounds);
  } finally {
    host.stop();
    await rm(dir, { recursive: true, force: true });
  }
  let met = true;
  const floorCpuMsPerPbx = spread(floorRuns.floor.map((d) => d.cpuMs / 200));
  const openapiFetchFloorCpuMsPerPbx = spread(floorRuns["openapi-fetch"].map((d) => d.cpuMs / 200));
  // What one more PBX costs once the process has warmed up: the client's CPU at 1,000 PBXs less that at 200, per PBX.
  const cpuOf = (pbxs: number) =>
    median([...runs].find(([s]) => s.pbxs === pbxs && s.concurrency === 64)?.[1].map((d) => d.cpuMs) ?? []);
  const marginal = quick ? null : round((cpuOf(1000) - cpuOf(200)) / 800, 2);
  for (const [{ pbxs, concurrency }, done] of runs) {
    const bound = boundOf(pbxs, concurrency);
    const perRound = spread(done.map((d) => d.seconds / bound));
    const cpuPerPbx = spread(done.map((d) => d.cpuMs / pbxs));
    const rss = spread(
      done.map((d) => d.maxRssMB),
      1,
    );
    const details = {
      pbxs,
      concurrency,
      latencyMs: LATENCY_MS,
      reportsPerPbx: CALLS,
      boundSeconds: round(bound, 1),
      rounds,
      order: "rotated",
      perRound,
      cpuMsPerPbx: cpuPerPbx,
      peakRssMB: rss,
    };
    const target = concurrency === 64 ? ([["<=", 1.1]] as const) : [];
    met =
      report(
        "fleet",
        `${pbxs} PBXs at concurrency ${concurrency}, time / latency bound`,
        perRound.median,
        target[0] ? [...target[0]] : undefined,
        details,
      ) && met;
    if (concurrency !== 64) continue;
    if (pbxs === 1000)
      met =
        report("fleet", `${pbxs} PBXs at concurrency ${concurrency}, peak RSS (MB)`, rss.max, ["<", 200], details) &&
        met;
    else
      met =
        report(
          "fleet",
          `${pbxs} PBXs at concurrency ${concurrency}, client CPU per PBX (ms)`,
          cpuPerPbx.median,
          ["<=", 5],
          { ...details, floorCpuMsPerPbx, openapiFetchFloorCpuMsPerPbx, marginalCpuMsPerPbx: marginal },
        ) && met;
  }
  return met;
}

if (import.meta.url === `file://${process.argv[1]}`) await fleet();
