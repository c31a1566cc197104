// `npm run demo`: the main job on a machine with no PBX. Starts the built-in PBX simulator, downloads one
// report of each of the 20 types with the library, saves them under demo-reports/, and prints a table.
import path from "node:path";
import { createYeastarClient, reportTypeNames, type ReportQuery } from "../src/index.ts";
import { startSimulator, exampleQuery } from "../src/simulator/index.ts";

const out = path.resolve(process.argv[2] ?? "demo-reports");
const t0 = performance.now();
const sim = await startSimulator({ dateFormat: "MM/DD/YYYY", clock: 24, utcOffsetMinutes: 480 });
const pbx = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
console.log(`PBX simulator on ${sim.baseUrl} (MM/DD/YYYY, 24-hour, UTC+8); saving to ${out}\n`);
const rows: [string, string, string][] = [];
try {
  for (const type of reportTypeNames) {
    const report = await pbx.downloadReport(exampleQuery(type) as ReportQuery);
    const saved = await report.saveTo(`${out}/`, { overwrite: true });
    const { size } = await import("node:fs/promises").then((fs) => fs.stat(saved));
    rows.push([type, report.file, String(size)]);
  }
} finally {
  await pbx.close();
  await sim.close();
}
const widths = [0, 1, 2].map((i) => Math.max(...[["type", "file", "bytes"], ...rows].map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
console.log(line(["type", "file", "bytes"]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
console.log(`\n${rows.length} reports downloaded in ${((performance.now() - t0) / 1000).toFixed(1)} s, saved in ${out}`);
