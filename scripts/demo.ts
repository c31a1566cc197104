// `npm run demo`: the main job on a machine with no PBX. Starts the built-in PBX simulator, runs the
// command line's `download` against it for one report of each type of the spec (one batch, one token),
// and prints where each report was saved.
import { execFile } from "node:child_process";
import { mkdtemp, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { reportTypeNames } from "../src/index.js";
import { exampleQuery, startSimulator } from "../src/simulator/index.js";

const out = path.resolve(process.argv[2] ?? "demo-reports");
const cli = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const t0 = performance.now();
const sim = await startSimulator({ dateFormat: "MM/DD/YYYY", clock: 24, utcOffsetMinutes: 480 });
console.log(`PBX simulator on ${sim.baseUrl} (MM/DD/YYYY, 24-hour, UTC+8)`);
const batch = path.join(await mkdtemp(path.join(tmpdir(), "ycr-demo-")), "reports.json");
await writeFile(
  batch,
  JSON.stringify(
    reportTypeNames.map((type) => exampleQuery(type)),
    null,
    2,
  ),
);
const args = ["download", "--from-file", batch, "--out", `${out}/`, "--overwrite"];
console.log(`$ yeastar-call-reports ${args.join(" ")}\n`);
let stdout: string;
try {
  ({ stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", cli, ...args], {
    env: {
      ...process.env,
      YEASTAR_BASE_URL: sim.baseUrl,
      YEASTAR_CLIENT_ID: sim.clientId,
      YEASTAR_CLIENT_SECRET: sim.clientSecret,
    },
  }));
} finally {
  await sim.close();
}
const saved = stdout.trim().split("\n");
const rows = await Promise.all(
  saved.map(async (file, i) => [reportTypeNames[i]!, file, String((await stat(file)).size)]),
);
const widths = [0, 1, 2].map((i) => Math.max(...[["type", "saved to", "bytes"], ...rows].map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
console.log(line(["type", "saved to", "bytes"]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
console.log(
  `\n${rows.length} reports downloaded in ${((performance.now() - t0) / 1000).toFixed(1)} s, saved in ${out}`,
);
