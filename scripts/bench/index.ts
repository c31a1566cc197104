// `npm run bench`: every figure of the performance table, one JSON line each (figure, target, met or missed),
// then a summary line naming the figures that missed their targets (a failure to measure exits non-zero; a
// missed target is a result, not a failure). About 16 minutes on a 2-core machine;
// `npm run bench -- --quick` (smaller sizes, fewer rounds) about 75 seconds. The client side runs from dist/ (built
// first) where memory is measured, the simulator in a process of its own.
import { execFileSync } from "node:child_process";
import { missed, quick, root } from "./common.js";
import { fleet } from "./fleet.js";
import { memory, overhead } from "./overhead.js";
import { rows } from "./rows.js";
import { size } from "./size.js";
import { streaming } from "./streaming.js";
import { typecheck } from "./typecheck.js";

const t0 = performance.now();
execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
for (const bench of [size, typecheck, overhead, memory, fleet, rows, streaming]) await bench();
const seconds = Math.round((performance.now() - t0) / 1000);
console.log(JSON.stringify({ benchmark: "summary", mode: quick ? "quick" : "full", seconds, missed }));
