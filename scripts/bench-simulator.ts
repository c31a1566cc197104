// `npm run bench:simulator`: streams a 1 GB report out of the simulator (in its own process) and prints
// the simulator's peak RSS. Target (issue 3): under 150 MB, however large the report.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";

const size = Number(process.env.REPORT_BYTES ?? 1024 ** 3);
const child = spawn(
  process.execPath,
  ["--import", "tsx", "src/cli/main.ts", "simulate", "--json", "--report-size", String(size)],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
const sim = JSON.parse(line) as { baseUrl: string; clientId: string; clientSecret: string; pid: number };
const ua = { "user-agent": "yeastar-call-reports-bench" };
const peak = async () => Number(/VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${sim.pid}/status`, "utf8"))![1]) / 1024;

try {
  const idle = await peak();
  const token = (
    (await (
      await fetch(`${sim.baseUrl}/openapi/v1.0/get_token`, {
        method: "POST",
        headers: { ...ua, "content-type": "application/json" },
        body: JSON.stringify({ username: sim.clientId, password: sim.clientSecret }),
      })
    ).json()) as { access_token: string }
  ).access_token;
  const reply = (await (
    await fetch(
      `${sim.baseUrl}/openapi/v2.0/call_report/download?type=queuesatisfaction&queue_id=1&access_token=${token}`,
      { headers: ua },
    )
  ).json()) as { download_resource_url: string };
  const t0 = performance.now();
  const res = await fetch(`${sim.baseUrl}${reply.download_resource_url}?access_token=${token}`, { headers: ua });
  let bytes = 0;
  for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
  const seconds = (performance.now() - t0) / 1000;
  const peakMb = await peak();
  console.log(
    JSON.stringify({
      benchmark: "simulator-1gb-stream",
      bytes,
      seconds: +seconds.toFixed(2),
      mbPerSecond: +(bytes / 1e6 / seconds).toFixed(1),
      simulatorIdleRssMb: +idle.toFixed(1),
      simulatorPeakRssMb: +peakMb.toFixed(1),
      targetPeakRssMb: 150,
      met: peakMb < 150 && bytes === size,
    }),
  );
} finally {
  child.kill("SIGTERM");
}
