// A timeout must fire even when a garbage collection runs while the PBX says nothing. Node's fetch copies the
// Request it is given and follows the copy's signal only while the original lives (undici links them weakly): a
// Request nothing holds during the wait loses its abort at the next collection, and the call waits for the PBX
// however long it takes. Seen on Node 20, 22 and 24 with a `fetch` option (the file step built a temporary
// Request); the child process collects garbage on purpose (--expose-gc), so the test does not rest on luck.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const src = (file: string) => JSON.stringify(pathToFileURL(path.join(root, "src", file)).href);

const script = `
import { createYeastarClient } from ${src("index.ts")};
import { startSimulator } from ${src("simulator/index.ts")};
const sim = await startSimulator();
const base = {
  baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, maxRetries: 0,
  timeout: 400, fileTimeout: 400,
};
const collect = setInterval(() => globalThis.gc(), 50);
const q = { type: "queuesatisfaction", queue_id: 1 };
async function timed(what, run) {
  const t0 = performance.now();
  const outcome = await run().then(() => "answered", (e) => e.name);
  return { what, outcome, ms: Math.round(performance.now() - t0) };
}
const results = [];
// With a fetch option (Node's fetch under it), and on the default path (node:http, openapi-fetch's Request's signal).
for (const [how, options] of [["fetch option", { fetch: (request) => globalThis.fetch(request) }], ["default", {}]]) {
  const pbx = createYeastarClient({ ...base, ...options });
  sim.fault({ kind: "delay", ms: 4000, path: "call_report/download" });
  results.push(await timed(how + ": json", () => pbx.downloadReport(q)));
  const report = await pbx.downloadReport(q);
  sim.fault({ kind: "delay", ms: 4000, path: "/api/download/" });
  results.push(await timed(how + ": file", () => report.text()));
  await pbx.close();
}
clearInterval(collect);
await sim.close();
console.log(JSON.stringify(results));
`;

it("a JSON call's and a file's timeout fire although garbage is collected while the PBX is silent", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-gc-"));
  await writeFile(path.join(dir, "gc.mts"), script);
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ["--expose-gc", "--import", "tsx", path.join(dir, "gc.mts")],
      { cwd: root, timeout: 20_000 },
      (error, out) => (error ? reject(error) : resolve(out)),
    ),
  );
  const results = JSON.parse(stdout) as { what: string; outcome: string; ms: number }[];
  expect(results).toHaveLength(4);
  for (const result of results) {
    expect(result.outcome, result.what).toBe("YeastarTimeoutError");
    expect(result.ms, result.what).toBeLessThan(2500);
  }
}, 30_000);
