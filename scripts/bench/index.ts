// `npm run bench`: every benchmark, one JSON line each (figures, targets, met or missed). About 5 minutes
// on a 2-core machine. The client side runs from dist/ (built first), the simulator in its own process.
import { execFileSync } from "node:child_process";
import { root } from "./common.ts";
import { streaming } from "./streaming.ts";
import { rows } from "./rows.ts";
import { overhead } from "./overhead.ts";
import { size } from "./size.ts";
import { typecheck } from "./typecheck.ts";

const t0 = performance.now();
execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
await size();
await typecheck();
await overhead();
await rows();
await streaming();
console.error(`benchmarks done in ${Math.round((performance.now() - t0) / 1000)} s`);
