// Benchmark 5: what 20 downloadReport calls (one per type) cost `tsc --noEmit` in a consumer, against the
// same file without them. Interleaved rounds, medians. Target: under 1 s extra.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { exampleQuery } from "../../src/simulator/examples.js";
import { reportTypeNames } from "../../src/index.js";
import { median, report, round, root } from "./common.js";

export async function typecheck(rounds = 3): Promise<void> {
  // Inside the repository, so that the consumer resolves the package's own source and types.
  // test-output/ is ignored by git, so a fresh clone does not have it.
  await mkdir(path.join(root, "test-output"), { recursive: true });
  const dir = await mkdtemp(path.join(root, "test-output", "typecheck-"));
  const head = `import { createYeastarClient } from "../../src/index.js";\nconst pbx = createYeastarClient({ baseUrl: "https://pbx:8088", clientId: "id", clientSecret: "secret" });\nexport async function main() {\n  void pbx;\n`;
  const calls = reportTypeNames
    .map((type) => `  await pbx.downloadReport(${JSON.stringify(exampleQuery(type))});\n`)
    .join("");
  await writeFile(path.join(dir, "with.ts"), `${head}${calls}}\n`);
  await writeFile(path.join(dir, "without.ts"), `${head}}\n`);
  const config = (file: string) =>
    JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true }, include: [file], files: [] });
  await writeFile(path.join(dir, "with.json"), config("with.ts"));
  await writeFile(path.join(dir, "without.json"), config("without.ts"));
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  const time = (project: string) => {
    const t0 = performance.now();
    execFileSync(process.execPath, [tsc, "-p", path.join(dir, project)], { cwd: root, stdio: "inherit" });
    return (performance.now() - t0) / 1000;
  };
  const withCalls: number[] = [];
  const without: number[] = [];
  try {
    time("without.json"); // warm the file cache
    for (let r = 0; r < rounds; r++) {
      without.push(time("without.json"));
      withCalls.push(time("with.json"));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const extra = median(withCalls) - median(without);
  report({
    benchmark: "type-check",
    calls: reportTypeNames.length,
    rounds,
    withoutSeconds: round(median(without)),
    withSeconds: round(median(withCalls)),
    extraSeconds: round(extra),
    targets: { extraSeconds: "< 1" },
    met: extra < 1,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await typecheck();
