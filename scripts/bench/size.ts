// Benchmark 4: what createYeastarClient + downloadReport + saveTo/rows() load, bundled and minified with esbuild
// (code splitting: the chunks the features import dynamically are reported apart), gzip size, openapi-fetch
// included; and the whole library entry (not the CLI, not the simulator). ws and papaparse are imported lazily by
// the features that need them (async reports, rows()); they are reported apart. Also: the installed size of the
// production dependencies. Target: < 12 kB gzip.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";
import { coreEntry, report, root } from "./common.js";
import { executed } from "./executed.js";

const lazy = ["ws", "papaparse"];

interface Bundle {
  minified: number;
  gzip: number;
  /** The modules that weigh most in the minified bundle, in kB. */
  largest: Record<string, number>;
}

/** How every bundle here is built: minified ESM for Node 20, in memory, with its metafile. */
const bundled = {
  absWorkingDir: root,
  nodePaths: [path.join(root, "node_modules")],
  bundle: true,
  minify: true,
  platform: "node",
  format: "esm",
  target: "node20",
  write: false,
  logLevel: "silent",
  metafile: true,
} satisfies BuildOptions;

async function gzipOf(entry: string, external: string[]): Promise<Bundle> {
  const result = await build({ ...bundled, entryPoints: [entry], external });
  const code = result.outputFiles[0]!.contents;
  const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, largest: largestOf(inputs) };
}

/** The modules that weigh most in a bundle's minified output, in kB. */
function largestOf(inputs: Record<string, { bytesInOutput: number }>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(inputs)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 8)
      .map(([file, { bytesInOutput }]) => [file, Math.round(bytesInOutput / 102.4) / 10]),
  );
}

/**
 * What a program that calls createYeastarClient, downloadReport and saveTo/rows() loads: esbuild with code
 * splitting, the entry's chunk and the chunks it imports statically (gzip of them together); the chunks it imports
 * dynamically (async reports, scheduled reports, statistics, the operator's helpers) are what the features load.
 */
async function coreBundle(external: string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-split-"));
  const entry = await coreEntry(dir);
  const result = await build({
    ...bundled,
    entryPoints: [entry],
    external,
    splitting: true,
    outdir: path.join(dir, "out"),
  });
  await rm(dir, { recursive: true, force: true });
  const outputs = result.metafile.outputs;
  const absolute = (p: string) => path.resolve(root, p);
  const code = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  const first = Object.keys(outputs).find((k) => outputs[k]!.entryPoint)!;
  const loaded = new Set<string>();
  for (const stack = [first]; stack.length; ) {
    const next = stack.pop()!;
    if (loaded.has(next)) continue;
    loaded.add(next);
    for (const i of outputs[next]!.imports) if (i.kind === "import-statement" && outputs[i.path]) stack.push(i.path);
  }
  const bytes = Buffer.concat([...loaded].map((k) => code.get(absolute(k)) ?? new Uint8Array()));
  const inputs = Object.assign({}, ...[...loaded].map((k) => outputs[k]!.inputs));
  const lazyChunks = Object.fromEntries(
    Object.keys(outputs)
      .filter((k) => !loaded.has(k))
      .map((k) => [path.basename(k).replace(/-[A-Z0-9]+\.js$/, ""), Math.round(outputs[k]!.bytes / 102.4) / 10]),
  );
  return {
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    minified: bytes.length,
    largest: largestOf(inputs),
    lazyChunks,
  };
}

async function du(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await du(full) : (await stat(full)).size;
  }
  return total;
}

export async function size(): Promise<boolean> {
  const library = await gzipOf("src/index.ts", lazy);
  const core = await coreBundle(lazy);
  const fetchOnly = await gzipOf("node_modules/openapi-fetch/dist/index.mjs", []);
  const ran = await executed(bundled, lazy);
  const features = Object.fromEntries(
    await Promise.all(
      lazy.map(async (name) => {
        const dir = await mkdtemp(path.join(tmpdir(), "ycr-size-"));
        const entry = path.join(dir, "entry.mjs");
        await writeFile(entry, `import * as m from ${JSON.stringify(name)};\nexport default m;\n`);
        const { gzip } = await gzipOf(entry, []);
        await rm(dir, { recursive: true, force: true });
        return [name, Math.round(gzip / 100) / 10];
      }),
    ),
  );
  // Installed size of the production dependencies, from the packed tarball (--prefer-offline: an empty npm cache has no
  // registry metadata).
  const project = await mkdtemp(path.join(tmpdir(), "ycr-install-"));
  const packs = await mkdtemp(path.join(tmpdir(), "ycr-pack-"));
  const tarball = path.join(
    packs,
    (
      JSON.parse(
        execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", packs, "--json"], {
          cwd: root,
          encoding: "utf8",
        }),
      ) as { filename: string }[]
    )[0]!.filename,
  );
  await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "size-probe", private: true }));
  execFileSync("npm", ["install", "--prefer-offline", "--omit=dev", "--no-audit", "--no-fund", tarball], {
    cwd: project,
    stdio: "ignore",
  });
  const modules = path.join(project, "node_modules");
  const own = await du(path.join(modules, "yeastar-call-reports"));
  const all = await du(modules);
  const perDependency = Object.fromEntries(
    await Promise.all(
      (await readdir(modules))
        .filter((n) => !n.startsWith(".") && n !== "yeastar-call-reports")
        .map(async (n) => [n, Math.round((await du(path.join(modules, n))) / 1024)]),
    ),
  );
  await rm(project, { recursive: true, force: true });
  await rm(packs, { recursive: true, force: true });
  const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;
  return report(
    "size",
    "createYeastarClient + downloadReport + saveTo/rows(), minified + gzip (kB)",
    kB(core.gzip),
    ["<", 12],
    {
      coreMinifiedKB: kB(core.minified),
      // The floor of any lazy loading: the part of the loaded code that the job runs (executed.ts).
      ranByTheJobGzipKB: kB(ran.gzip),
      ranByTheJobMinifiedKB: kB(ran.minified),
      // Of it, the code alone: the ran bytes not traced to generated/reports.ts (the report table), gzipped.
      ranByTheJobWithoutTheTableGzipKB: kB(ran.withoutTableGzip),
      chunksTheJobRan: ran.chunksRun,
      // Where what the job runs comes from: the largest modules' shares of it, in per cent.
      ranByTheJobPercentByModule: ran.percentByModule,
      largestModulesMinifiedKB: core.largest,
      loadedByFeaturesMinifiedKB: core.lazyChunks,
      wholeEntryGzipKB: kB(library.gzip),
      wholeEntryMinifiedKB: kB(library.minified),
      openapiFetchGzipKB: kB(fetchOnly.gzip),
      lazyFeatureGzipKB: features,
      installedPackageKB: Math.round(own / 1024),
      installedProductionDependenciesKB: Math.round((all - own) / 1024),
      installedPerDependencyKB: perDependency,
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await size();
