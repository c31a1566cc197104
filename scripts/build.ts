// `npm run build`: src/ → dist/.
//   dist/esm  tsc: ES modules with .d.ts (sources import with .js specifiers, so nothing is rewritten)
//   dist/cjs  esbuild: one CommonJS bundle per entry (dependencies external but openapi-fetch), with the same
//             declarations under a package.json of type commonjs, for require() on any Node 20
import { execFileSync } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};
const dist = path.join(root, "dist");
await rm(dist, { recursive: true, force: true });

execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});

await build({
  entryPoints: { index: "src/index.ts", simulator: "src/simulator/index.ts" },
  absWorkingDir: root,
  outdir: path.join(dist, "cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Dependencies stay external but openapi-fetch: its CommonJS build's `default` is not the function
  // that esbuild's interop for a type-module source expects, so its ES module is bundled instead.
  external: Object.keys(pkg.dependencies).filter((name) => name !== "openapi-fetch"),
  logLevel: "warning",
});
await mkdir(path.join(dist, "cjs"), { recursive: true });
await writeFile(path.join(dist, "cjs/package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
await cp(path.join(dist, "esm"), path.join(dist, "cjs"), { recursive: true, filter: (src) => !src.endsWith(".js") });
console.log("built dist/esm (ES modules, .d.ts) and dist/cjs (CommonJS bundles)");
