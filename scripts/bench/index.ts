// `npm run bench`: every benchmark, one JSON line each (figures, targets, met or missed). About 5 minutes
// on a 2-core machine. The client side runs from dist/ (built first), the simulator in its own process.
import { execFileSync } from "node:child_process";
import { root } from "./common.js";
import { streaming } from "./streaming.js";
import { rows } from "./rows.js";
import { overhead } from "./overhead.js";
import { size } from "./size.js";
import { typecheck } from "./typecheck.js";

const t0 = performance.now();
execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
await size();
await typecheck();
await overhead();
await rows();
await streaming();
console.error(`benchmarks done in ${Math.round((performance.now() - t0) / 1000)} s`);
