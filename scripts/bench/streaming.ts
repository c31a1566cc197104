// Benchmark 1: a large report to disk. downloadReport().saveTo() against curl -o of the same URL and the
// naive fetch + text() + writeFile, interleaved rounds on one simulator serving a file from disk.
// Targets: ≥ 0.9× curl's throughput; client peak RSS < 100 MB for 1 GB (independent of report size).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileUrl, median, report, round, simulatorProcess, token, writeCsv, root } from "./common.js";

function ensureCurl(): void {
  if (spawnSync("curl", ["--version"]).status === 0) return;
  console.error("curl is missing: installing Debian's curl");
  execFileSync(
    "sh",
    ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null"],
    { stdio: "inherit" },
  );
}

function worker(
  args: string[],
  env: NodeJS.ProcessEnv,
): { bytes?: number; seconds?: number; maxRssMb: number; error?: string } {
  const out = execFileSync(process.execPath, [path.join(root, "scripts/bench/worker-save.mjs"), ...args], {
    env,
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}

export async function streaming(sizes: number[] = [100e6, 1e9], rounds = 3): Promise<void> {
  ensureCurl();
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-bench-"));
  try {
    for (const size of sizes) {
      const source = path.join(dir, `report-${size}.csv`);
      const bytes = await writeCsv(source, size);
      const sim = await simulatorProcess(["--report-file", source]);
      const env = {
        ...process.env,
        YEASTAR_BASE_URL: sim.baseUrl,
        YEASTAR_CLIENT_ID: sim.clientId,
        YEASTAR_CLIENT_SECRET: sim.clientSecret,
      };
      const out = path.join(dir, "out.csv");
      const rates: Record<"curl" | "client" | "naive" | "floor", number[]> = {
        curl: [],
        client: [],
        naive: [],
        floor: [],
      };
      const rss: Record<"client" | "naive" | "floor", number[]> = { client: [], naive: [], floor: [] };
      let naiveError: string | undefined;
      try {
        const accessToken = await token(sim);
        for (let r = 0; r < rounds; r++) {
          // curl
          const url = await fileUrl(sim, accessToken);
          const t0 = performance.now();
          execFileSync("curl", ["-sS", "--fail", "-o", out, "-H", "User-Agent: curl-bench", url]);
          const curlSeconds = (performance.now() - t0) / 1000;
          if ((await stat(out)).size !== bytes) throw new Error("curl wrote a different size");
          rates.curl.push(bytes / 1e6 / curlSeconds);
          await rm(out);
          // the client
          const client = worker(["client", out], env);
          if (client.error || client.bytes !== bytes)
            throw new Error(`client: ${client.error ?? `wrote ${client.bytes} of ${bytes} bytes`}`);
          rates.client.push(bytes / 1e6 / client.seconds!);
          rss.client.push(client.maxRssMb);
          await rm(out);
          // Node's floor: undici.request piped to the file, no library code (why the targets are what they are)
          const floor = worker(["floor", out, await fileUrl(sim, accessToken)], env);
          if (floor.error || floor.bytes !== bytes)
            throw new Error(`floor: ${floor.error ?? `wrote ${floor.bytes} of ${bytes} bytes`}`);
          rates.floor.push(bytes / 1e6 / floor.seconds!);
          rss.floor.push(floor.maxRssMb);
          await rm(out);
          // the naive approach: only once per size at 1 GB (it fails there: a string cannot be that long)
          if (size <= 200e6 || r === 0) {
            const naive = worker(["naive", out, await fileUrl(sim, accessToken)], env);
            if (naive.error) naiveError = naive.error;
            else rates.naive.push(bytes / 1e6 / naive.seconds!);
            rss.naive.push(naive.maxRssMb);
            await rm(out, { force: true });
          }
        }
      } finally {
        sim.stop();
      }
      const curl = median(rates.curl);
      const client = median(rates.client);
      const ratio = client / curl;
      const peak = Math.max(...rss.client);
      report({
        benchmark: "streaming-save",
        reportMB: round(bytes / 1e6, 0),
        rounds,
        curlMBps: round(curl, 1),
        clientMBps: round(client, 1),
        nodeFloorMBps: round(median(rates.floor), 1),
        naiveMBps: rates.naive.length ? round(median(rates.naive), 1) : null,
        naiveError: naiveError ?? null,
        clientToCurl: round(ratio),
        clientToNodeFloor: round(client / median(rates.floor)),
        clientPeakRssMB: round(peak, 1),
        nodeFloorPeakRssMB: round(Math.max(...rss.floor), 1),
        naivePeakRssMB: round(Math.max(...rss.naive), 1),
        targets: { clientToCurl: ">= 0.9", clientPeakRssMB: size >= 1e9 ? "< 100" : "(flat; see 1 GB)" },
        met: ratio >= 0.9 && (size < 1e9 || peak < 100),
      });
      await rm(source);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await streaming();
