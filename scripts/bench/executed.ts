// The bundle's floor: of the code that createYeastarClient + downloadReport + saveTo + rows() load, how much the
// job runs. The core bundle (esbuild, minified, code splitting, as size.ts builds it) is written to a temporary
// directory and run once against a simulator under V8's block coverage (NODE_V8_COVERAGE): a download saved, one
// read as rows, close(). Only the code that ran is kept (every range V8 counts 0 cut out), then gzipped. No lazy
// loading gets what the job loads below it: what runs must be loaded; only smaller code would.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";
import { coreEntry, root, simulatorProcess } from "./common.js";

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  url: string;
  functions: { ranges: Range[] }[];
}

/** The job, as a program of the bundle's: the entry's exports, a simulator's address in the environment. */
const job = `
import { createYeastarClient } from "./entry.js";
const env = process.env;
const pbx = createYeastarClient({ baseUrl: env.YEASTAR_BASE_URL, clientId: env.YEASTAR_CLIENT_ID,
  clientSecret: env.YEASTAR_CLIENT_SECRET, apiVersion: "v2.0", displayFormat: { date: "YYYY/MM/DD", clock: 24 } });
const query = { type: "extcallstatistics", ext_id_list: [1], start_time: new Date(2026, 0, 1), end_time: new Date(2026, 0, 2) };
await (await pbx.downloadReport(query)).saveTo(process.argv[2] + "/", { overwrite: true });
let rows = 0;
for await (const _ of (await pbx.downloadReport(query)).rows()) rows++;
await pbx.close();
if (rows === 0) throw new Error("the job read no row");
`;

/** The bytes of `source` that ran: each byte takes the count of the innermost range around it. */
export function ranCode(source: Buffer, functions: ScriptCoverage["functions"]): Buffer {
  const counts = new Int32Array(source.length).fill(1);
  const ranges = functions
    .flatMap((f) => f.ranges)
    .sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  for (const r of ranges) counts.fill(r.count, r.startOffset, Math.min(r.endOffset, source.length));
  const kept: number[] = [];
  for (let i = 0; i < source.length; i++) if (counts[i]! > 0) kept.push(source[i]!);
  return Buffer.from(kept);
}

/**
 * Builds the core bundle into `dir`, runs the job under coverage, and returns the size of the code that ran, all
 * chunks together (minified and gzip), and how many chunks ran.
 */
export async function executed(bundled: BuildOptions, external: string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-executed-"));
  const sim = await simulatorProcess();
  try {
    await build({
      ...bundled,
      entryPoints: [await coreEntry(dir)],
      external,
      splitting: true,
      write: true,
      outdir: path.join(dir, "out"),
    });
    await writeFile(path.join(dir, "out", "job.mjs"), job);
    const coverage = path.join(dir, "coverage");
    const env = {
      ...process.env,
      NODE_V8_COVERAGE: coverage,
      NODE_PATH: path.join(root, "node_modules"),
      YEASTAR_BASE_URL: sim.baseUrl,
      YEASTAR_CLIENT_ID: sim.clientId,
      YEASTAR_CLIENT_SECRET: sim.clientSecret,
    };
    try {
      execFileSync(process.execPath, [path.join(dir, "out", "job.mjs"), dir], { env, stdio: "pipe" });
    } catch (error) {
      const said = String((error as { stderr?: Buffer }).stderr ?? "")
        .split("\n")
        .filter((l) => l.length < 300);
      throw new Error(`the job failed under coverage: ${said.slice(-12).join("\n")}`);
    }
    const out = pathToFileURL(path.join(dir, "out")).href;
    const scripts: ScriptCoverage[] = [];
    for (const file of await readdir(coverage))
      scripts.push(...(JSON.parse(await readFile(path.join(coverage, file), "utf8")).result as ScriptCoverage[]));
    const chunks = scripts.filter((s) => s.url.startsWith(out) && !s.url.endsWith("/job.mjs"));
    const ran = await Promise.all(chunks.map(async (s) => ranCode(await readFile(new URL(s.url)), s.functions)));
    const all = Buffer.concat(ran);
    return { chunksRun: chunks.length, minified: all.length, gzip: gzipSync(all, { level: 9 }).byteLength };
  } finally {
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
