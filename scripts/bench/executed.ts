// The bundle's floor: of the code that createYeastarClient + downloadReport + saveTo + rows() load, how much the
// job runs. The core bundle (esbuild, minified, code splitting, as size.ts builds it) is written to a temporary
// directory and run once against a simulator under V8's block coverage (NODE_V8_COVERAGE): a download saved, one
// read as rows, close(). Only the code that ran is kept (every range V8 counts 0 cut out), then gzipped. No lazy
// loading gets what the job loads below it: what runs must be loaded; only smaller code would. Which modules that
// code comes from: each ran byte traced to its module through the chunks' source maps.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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

/** Which bytes of `source` ran: each byte takes the count of the innermost range around it (kept when above 0). */
function ranMask(source: Buffer, functions: ScriptCoverage["functions"]): Int32Array {
  const counts = new Int32Array(source.length).fill(1);
  const ranges = functions
    .flatMap((f) => f.ranges)
    .sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  for (const r of ranges) counts.fill(r.count, r.startOffset, Math.min(r.endOffset, source.length));
  return counts;
}

/** The bytes of `source` that ran. */
export function ranCode(source: Buffer, functions: ScriptCoverage["functions"]): Buffer {
  const counts = ranMask(source, functions);
  const kept: number[] = [];
  for (let i = 0; i < source.length; i++) if (counts[i]! > 0) kept.push(source[i]!);
  return Buffer.from(kept);
}

/**
 * Visits each ran byte of a chunk with the module it comes from, found through its source map (each byte takes the
 * source of the nearest mapping at or before it; undefined where no mapping covers it).
 */
function eachRanByte(
  source: Buffer,
  counts: Int32Array,
  map: SourceMap,
  visit: (byte: number, module: string | undefined) => void,
): void {
  let line = 0;
  let column = 0;
  for (let i = 0; i < source.length; i++) {
    if (counts[i]! > 0) {
      const found = map.findEntry(line, column);
      visit(source[i]!, "originalSource" in found ? found.originalSource : undefined);
    }
    if (source[i] === 0x0a) [line, column] = [line + 1, 0];
    else column++;
  }
}

/** The ran bytes of a chunk by the module they come from; bytes no mapping covers are left out. */
export function byModule(source: Buffer, counts: Int32Array, map: SourceMap): Record<string, number> {
  const bytes: Record<string, number> = {};
  eachRanByte(source, counts, map, (_, module) => {
    if (module) bytes[module] = (bytes[module] ?? 0) + 1;
  });
  return bytes;
}

/** The ran bytes of a chunk that do not come from a module whose path ends with `cut`; unmapped bytes are kept. */
export function ranCodeWithout(source: Buffer, counts: Int32Array, map: SourceMap, cut: string): Buffer {
  const kept: number[] = [];
  eachRanByte(source, counts, map, (byte, module) => {
    if (!module?.endsWith(cut)) kept.push(byte);
  });
  return Buffer.from(kept);
}

/** A chunk of the bundle as it ran: its bytes, V8's counts of its functions' ranges, and its source map. */
interface RanChunk {
  source: Buffer;
  functions: ScriptCoverage["functions"];
  map: SourceMap;
}

/**
 * Builds the core bundle with `bundled`'s options and external source maps (written beside the chunks: of the chunks
 * they change only the hashes in their names, not a byte count), runs the job once under coverage, and returns the
 * chunks that ran.
 */
async function runCovered(bundled: BuildOptions, external: string[]): Promise<RanChunk[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-executed-"));
  const sim = await simulatorProcess();
  try {
    await build({
      ...bundled,
      sourcemap: "external",
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
    const mapOf = async (url: string) => new SourceMap(JSON.parse(await readFile(new URL(`${url}.map`), "utf8")));
    return await Promise.all(
      chunks.map(async (s) => ({
        source: await readFile(new URL(s.url)),
        functions: s.functions,
        map: await mapOf(s.url),
      })),
    );
  } finally {
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Builds the core bundle, runs the job under coverage, and returns the size of the code that ran, all chunks
 * together (minified and gzip; and gzip without the generated report table), how many chunks ran, and which
 * modules that code comes from (the largest `top`, as per cent of it).
 */
export async function executed(bundled: BuildOptions, external: string[], top = 6) {
  const chunks = await runCovered(bundled, external);
  const all = Buffer.concat(chunks.map((c) => ranCode(c.source, c.functions)));
  // The same without the generated report table: what the main path's own code weighs, whatever the table's layout.
  const code = Buffer.concat(
    chunks.map((c) => ranCodeWithout(c.source, ranMask(c.source, c.functions), c.map, "generated/reports.ts")),
  );
  return {
    chunksRun: chunks.length,
    minified: all.length,
    gzip: gzipSync(all, { level: 9 }).byteLength,
    withoutTableGzip: gzipSync(code, { level: 9 }).byteLength,
    percentByModule: sharesOf(chunks, top),
  };
}

/** The ran bytes of `chunks` by module, the largest `top` as per cent of them all (paths relative to the root). */
function sharesOf(chunks: RanChunk[], top: number): Record<string, number> {
  const bytes: Record<string, number> = {};
  for (const c of chunks)
    for (const [module, n] of Object.entries(byModule(c.source, ranMask(c.source, c.functions), c.map)))
      bytes[module] = (bytes[module] ?? 0) + n;
  const total = Object.values(bytes).reduce((sum, n) => sum + n, 0);
  const name = (module: string) => path.relative(root, fileURLToPath(new URL(module, "file:///"))) || module;
  return Object.fromEntries(
    Object.entries(bytes)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, n]) => [name(module), Math.round((1000 * n) / total) / 10]),
  );
}
