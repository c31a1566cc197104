// "A firmware adds a report type" is one spec edit: a temporary copy of the project whose spec/ gains one
// member (one new file, two lines in CallReportQuery.yaml) generates, type-checks a call of the new type,
// lists it in the CLI, and downloads it from the simulator. Nothing else is touched.

import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let copy: string;

const member = `title: AI Receptionist Call Activity
description: |
  Calls handled by the AI receptionist over a time range (newest en Cloud page; API version 2.0 only).
  Time: a range, optional \`start_time\`/\`end_time\` in the PBX date and time display format.
type: object
x-time-kind: range
additionalProperties: false
required: [type]
properties:
  type:
    type: string
    const: aireceptionistcallactivity
  start_time:
    $ref: ../params/start_time.yaml
  end_time:
    $ref: ../params/end_time.yaml
  is_async:
    $ref: ../params/is_async.yaml
`;

beforeAll(async () => {
  copy = await mkdtemp(path.join(tmpdir(), "ycr-add-a-type-"));
  for (const dir of ["spec", "scripts", "src", "generated"])
    await cp(path.join(root, dir), path.join(copy, dir), { recursive: true });
  for (const file of ["package.json", "tsconfig.json"]) await cp(path.join(root, file), path.join(copy, file));
  await symlink(path.join(root, "node_modules"), path.join(copy, "node_modules"));
  // The edit a maintainer makes: one file, and the type in the union's oneOf and mapping.
  await writeFile(path.join(copy, "spec/schemas/reports/aireceptionistcallactivity.yaml"), member);
  const union = path.join(copy, "spec/schemas/CallReportQuery.yaml");
  const text = await readFile(union, "utf8");
  await writeFile(
    union,
    text
      .replace("oneOf:\n", "oneOf:\n  - $ref: ./reports/aireceptionistcallactivity.yaml\n")
      .replace(
        "  mapping:\n",
        "  mapping:\n    aireceptionistcallactivity: ./reports/aireceptionistcallactivity.yaml\n",
      ),
  );
  await run(process.execPath, ["--import", "tsx", "scripts/generate.ts"], { cwd: copy });
}, 60_000);
afterAll(() => rm(copy, { recursive: true, force: true }));

it("type-checks a call of the new type, and still refuses what the spec does not allow", async () => {
  await writeFile(
    path.join(copy, "check.ts"),
    `import { createYeastarClient } from "./src/index.js";
const pbx = createYeastarClient({ baseUrl: "http://127.0.0.1:1", clientId: "a", clientSecret: "b" });
void pbx.downloadReport({ type: "aireceptionistcallactivity", start_time: "2024-05-01", end_time: new Date() });
// @ts-expect-error the new type takes no queue_id
void pbx.downloadReport({ type: "aireceptionistcallactivity", queue_id: 1 });
`,
  );
  const config = { extends: "./tsconfig.json", include: ["check.ts"] };
  await writeFile(path.join(copy, "tsconfig.check.json"), JSON.stringify(config));
  await run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.check.json"], {
    cwd: copy,
  });
}, 60_000);

it("the CLI lists it with its flags, and it downloads from the simulator", async () => {
  const types = await run(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "types", "aireceptionistcallactivity"],
    { cwd: copy },
  );
  expect(types.stdout).toMatch(/^aireceptionistcallactivity: AI Receptionist Call Activity/);
  expect(types.stdout).toMatch(/--start-time\s+no\s+time/);
  await writeFile(
    path.join(copy, "download.ts"),
    `import { createYeastarClient } from "./src/index.js";
import { startSimulator } from "./src/simulator/index.js";
const sim = await startSimulator();
const pbx = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
const report = await pbx.downloadReport({ type: "aireceptionistcallactivity", start_time: "2024-05-01", end_time: "2024-05-02" });
let rows = 0;
for await (const _ of report.rows()) rows += 1;
console.log(JSON.stringify({ type: report.type, rows, query: sim.requests.find((r) => r.path.includes("call_report"))?.query }));
await pbx.close();
await sim.close();
`,
  );
  const { stdout } = await run(process.execPath, ["--import", "tsx", "download.ts"], { cwd: copy });
  const result = JSON.parse(stdout) as { type: string; rows: number; query: Record<string, string> };
  expect(result.type).toBe("aireceptionistcallactivity");
  expect(result.rows).toBeGreaterThan(0);
  expect(result.query).toEqual({
    type: "aireceptionistcallactivity",
    start_time: "2024/05/01 00:00:00",
    end_time: "2024/05/02 23:59:59",
    access_token: "[redacted]",
  });
}, 60_000);
