// Benchmark: what importing the package costs a consumer's `tsc --noEmit` (skipLibCheck off, strict, NodeNext):
// a file that imports it and makes a typical call, against the same project without the import. The package
// resolves by its name to the built declarations (dist/), as a consumer's would. Rounds interleaved, the order
// rotated, the difference taken per round; its median and min–max.
// Target: under 0.1 s extra (openapi-fetch's declarations are reached only through yeastar-call-reports/api).
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { median, quick, report, root, rotated, round, spread } from "./common.js";

const withImport = `import { createYeastarClient } from "yeastar-call-reports";
const pbx = createYeastarClient({ baseUrl: "https://pbx.example:8088", clientId: "id", clientSecret: "secret" });
export async function main(): Promise<void> {
  const report = await pbx.downloadReport({ type: "extcallstatistics", ext_id_list: [1001], start_time: new Date() });
  for await (const row of report.rows()) console.log(row);
}
`;
const withoutImport = `export async function main(): Promise<void> {
  console.log("no import");
}
`;

/** tsc over `file`: seconds and the memory it reports (--extendedDiagnostics). */
function tsc(dir: string, project: string): { seconds: number; memoryMB: number } {
  const bin = path.join(root, "node_modules/typescript/bin/tsc");
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [bin, "-p", path.join(dir, project), "--extendedDiagnostics"], {
    cwd: root,
    encoding: "utf8",
  });
  const seconds = (performance.now() - t0) / 1000;
  const memoryMB = Number(/Memory used:\s+(\d+)K/.exec(out)?.[1] ?? 0) / 1024;
  return { seconds, memoryMB };
}

// 30 rounds: one round's difference ranges over ±0.5 s on this 2-core machine, and the median of 15 moved by about
// 0.06 s from run to run (0.06 and 0.14 s in two full runs of the same package), as much as the margin to the target.
export async function typecheck(rounds = quick ? 2 : 30): Promise<boolean> {
  // Inside the repository, so that the package name resolves to this package (its own exports, dist/).
  await mkdir(path.join(root, "test-output"), { recursive: true });
  const dir = await mkdtemp(path.join(root, "test-output", "typecheck-"));
  const options = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: ["node"],
  };
  for (const [name, text] of [
    ["with", withImport],
    ["without", withoutImport],
  ] as const) {
    await writeFile(path.join(dir, `${name}.ts`), text);
    await writeFile(
      path.join(dir, `${name}.json`),
      JSON.stringify({ compilerOptions: options, files: [`${name}.ts`] }),
    );
  }
  const runs = { with: [] as number[], without: [] as number[], withMB: [] as number[], withoutMB: [] as number[] };
  try {
    tsc(dir, "with.json"); // fails loudly if the consumer does not compile; warms the file cache
    for (let r = 0; r < rounds; r++) {
      for (const name of rotated(["without", "with"] as const, r)) {
        const run = tsc(dir, `${name}.json`);
        runs[name].push(run.seconds);
        runs[`${name}MB`].push(run.memoryMB);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // The difference per round (both runs of a round see the same machine), then their median and min–max.
  const extra = spread(runs.with.map((w, i) => w - runs.without[i]!));
  return report("type-check", "type-check cost of importing the package (s)", extra.median, ["<", 0.1], {
    rounds,
    order: "rotated",
    perRound: extra,
    withoutSeconds: spread(runs.without),
    withSeconds: spread(runs.with),
    extraMemoryMB: round(median(runs.withMB) - median(runs.withoutMB), 1),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await typecheck();
