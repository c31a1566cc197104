// `npm run build`: src/ → dist/esm, ES modules with .d.ts and source maps (the sources inlined, so a stack under
// --enable-source-maps names src/…ts lines without shipping src/). ES modules only: CommonJS users load them
// with require() (require(esm): Node ^20.19 or >=22.12, the package's engines), one copy of each class, so an
// error is `instanceof YeastarError` whichever way it was loaded. It prints on stderr: `npm pack --json` runs
// this as `prepare`, and its stdout must stay JSON.
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
await rm(path.join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: ["ignore", process.stderr, process.stderr],
});
console.error("built dist/esm (ES modules, .d.ts, source maps)");
