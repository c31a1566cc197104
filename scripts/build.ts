// `npm run build`: src/ → dist/esm. The code: esbuild, bundled per entry (the root, ./api, ./simulator and the
// CLI's bin; see `builds`), with source maps whose sources are inlined (a stack under --enable-source-maps names
// src/…ts lines without shipping src/). The declarations: tsc, beside them. Bundled because each ES module costs
// Node's loader: the root entry as tsc's 52 modules took 42 ms of CPU and +11.4 MB of RSS to import; bundled as
// here, 8 modules with openapi-fetch, 22-27 ms and +5.7 MB (measured on this machine, Node 20).
// ES modules only: CommonJS users load them with require() (require(esm): Node ^20.19 or >=22.12, the package's
// engines), one copy of each class, so an error is `instanceof YeastarError` whichever way it was loaded. It prints
// on stderr: `npm pack --json` runs this as `prepare`, and its stdout must stay JSON.
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = path.join(root, "dist/esm");
/**
 * The builds, each an entry list (output path under dist/esm, source): the library's two entries together, so
 * that they share one copy of each module (typedApi finds the clients createYeastarClient made); the simulator and
 * the CLI each on its own, their shared code copied in (neither hands an object to the library's).
 */
const builds = [
  { "src/index": "src/index.ts", "src/api/index": "src/api/index.ts" },
  { "src/simulator/index": "src/simulator/index.ts" },
  { "src/cli/main": "src/cli/main.ts" },
];

await rm(path.join(root, "dist"), { recursive: true, force: true });
for (const entryPoints of builds)
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    chunkNames: "src/chunks/[name]-[hash]",
    bundle: true,
    // The features imported on first use (async reports, scheduled reports, the operator's helpers) in chunks.
    splitting: true,
    // Dependencies stay imports (installed beside the package), Node's modules too.
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    sourcesContent: true,
    logLevel: "warning",
  });
execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: ["ignore", process.stderr, process.stderr],
});
console.error("built dist/esm (ES modules bundled per entry, shared chunks, source maps; .d.ts)");
