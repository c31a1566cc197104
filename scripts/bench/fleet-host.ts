// The fake PBX fleet of the fleet benchmark, in a process of its own (its CPU is not the client's): COUNT
// simulators on 127.0.0.1, each with its own client ID and secret, every answer LATENCY ms late (a network's round
// trip), each serving the same small report file (the simulator's generated figures cost ~180 ms of its CPU per
// report: that would measure the host, not the client), none keeping a log of its requests (the host would grow
// from round to round, and its collector with it). Prints one JSON line, the PBXs' addresses and credentials,
// then serves until killed.
//   tsx fleet-host.ts COUNT LATENCY_MS
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSimulator } from "../../src/simulator/index.js";

const [count = 1, latencyMs = 100] = process.argv.slice(2).map(Number);
const reportFile = path.join(await mkdtemp(path.join(tmpdir(), "ycr-fleet-host-")), "small.csv");
await writeFile(
  reportFile,
  "Queue,Total Surveys,Average Score,Satisfied,Unsatisfied\r\n6400 - Sales,120,4.1,100,20\r\nTotal,120,4.1,100,20\r\n",
);
const pbxs = [];
for (let i = 0; i < count; i++) {
  const sim = await startSimulator({ clientId: `fleet-${i}`, latencyMs, reportFile, requestLog: 0 });
  pbxs.push({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
}
console.log(JSON.stringify(pbxs));
