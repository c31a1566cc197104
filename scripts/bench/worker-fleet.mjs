// A client process of the fleet benchmark, on the built package (dist/): every PBX of FILE (the fleet host's JSON)
// gets its own client, CALLS small reports downloaded one after the other (step 1 and the file), then close();
// CONCURRENCY PBXs at a time. Prints its time, CPU and peak RSS as one JSON line.
//   node worker-fleet.mjs FILE CONCURRENCY CALLS
import { readFile } from "node:fs/promises";
import { createYeastarClient } from "../../dist/esm/src/index.js";

const [file, concurrency, calls] = process.argv.slice(2);
const pbxs = JSON.parse(await readFile(file, "utf8"));
const query = { type: "queuesatisfaction", queue_id: 1 };

async function nightly({ baseUrl, clientId, clientSecret }) {
  const pbx = createYeastarClient({
    baseUrl,
    clientId,
    clientSecret,
    apiVersion: "v2.0",
    displayFormat: { date: "YYYY/MM/DD", clock: 24 },
  });
  try {
    for (let i = 0; i < Number(calls); i++) await (await pbx.downloadReport(query)).text();
  } finally {
    await pbx.close();
  }
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < pbxs.length) await nightly(pbxs[next++]);
  }),
);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({ seconds, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }),
);
