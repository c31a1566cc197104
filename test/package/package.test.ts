// The published package: build, pack, install the tarball into an empty project, then import
// it, require it (require(esm): one copy of each class), type-check a consumer against it and run its bin against
// the simulator; publint and @arethetypeswrong/cli must find no problems.

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportTypes } from "../../generated/reports.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
let project: string;
let tarball: string;
let sim: Simulator;

beforeAll(async () => {
  // With its scripts: `npm pack` runs `prepare` (the build), whose output must leave --json's stdout JSON.
  const packs = await mkdtemp(path.join(tmpdir(), "ycr-pack-"));
  const { stdout } = await run("npm", ["pack", "--pack-destination", packs, "--json"], { cwd: root });
  tarball = path.join(packs, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  project = await mkdtemp(path.join(tmpdir(), "ycr-consumer-"));
  await writeFile(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  // --prefer-offline, not --offline: `npm ci` caches tarballs but not the registry metadata that resolving
  // the tarball's dependencies needs, so a fresh machine (empty cache) must reach the registry here.
  const typesNode = JSON.parse(await readFile(path.join(root, "node_modules/@types/node/package.json"), "utf8")) as {
    version: string;
  };
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, `@types/node@${typesNode.version}`],
    { cwd: project },
  );
  sim = await startSimulator({ dateFormat: "DD/MM/YYYY", clock: 12 });
}, 180_000);
afterAll(() => sim?.close());

describe("the tarball", () => {
  it("holds only what users need", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n");
    expect(files).toContain("package/dist/esm/src/index.js");
    expect(files).toContain("package/dist/esm/src/index.js.map");
    expect(files).toContain("package/dist/esm/src/cli/main.js");
    // ES modules only: no second build whose classes would differ from the first's.
    expect(files.filter((f) => f.startsWith("package/dist/cjs/"))).toEqual([]);
    expect(files.filter((f) => /^package\/(test|scripts|node_modules)\//.test(f) || f.endsWith(".test.js"))).toEqual(
      [],
    );
  });

  it("publint and @arethetypeswrong/cli find no problems", async () => {
    await expect(run(bin("publint"), ["run", "--strict", root])).resolves.toBeDefined();
    // attw models Node 16's require(), which could not load ES modules; the engines' Node versions can
    // (require(esm)), as the next test proves, so that one rule is left out.
    const { stdout } = await run(bin("attw"), [
      tarball,
      "--format",
      "table-flipped",
      "--ignore-rules",
      "cjs-resolves-to-esm",
    ]);
    expect(stdout).toMatch(/No problems found/);
  });

  it("imports (ESM) and requires (require(esm)) the root, ./api and ./simulator, and downloads a report through them", async () => {
    const script = (kind: "esm" | "cjs") =>
      kind === "esm"
        ? `const { createYeastarClient, reportTypes, YeastarError } = await import("yeastar-call-reports"); const { startSimulator } = await import("yeastar-call-reports/simulator"); const { typedApi } = await import("yeastar-call-reports/api");`
        : `const { createYeastarClient, reportTypes, YeastarError } = require("yeastar-call-reports"); const { startSimulator } = require("yeastar-call-reports/simulator"); const { typedApi } = require("yeastar-call-reports/api");`;
    const body = `
      const sim = await startSimulator();
      const pbx = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
      const report = await pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1, start_time: "2024-05-01", end_time: "2024-05-31" });
      const rows = []; for await (const row of report.rows()) rows.push(row);
      const info = await typedApi(pbx).GET("/openapi/v1.0/system/information");
      await pbx.close(); await sim.close();
      console.log(JSON.stringify({ types: Object.keys(reportTypes).length, rows: rows.length, error: typeof YeastarError, api: info.data.errcode }));`;
    await writeFile(path.join(project, "esm.mjs"), `${script("esm")}\n${body}`);
    await writeFile(
      path.join(project, "cjs.cjs"),
      `(async () => { ${script("cjs")}\n${body} })().catch((e) => { console.error(e); process.exit(1); });`,
    );
    for (const file of ["esm.mjs", "cjs.cjs"]) {
      const { stdout, stderr } = await run(process.execPath, [file], { cwd: project });
      // One queue, one data row: its Total row is no data row (rows() leaves it out without withSection).
      expect(JSON.parse(stdout), file).toEqual({
        types: Object.keys(reportTypes).length,
        rows: 1,
        error: "function",
        api: 0,
      });
      expect(stderr, "no ExperimentalWarning for require(esm)").toBe("");
    }
  });

  it("has one copy of each class: an error thrown through require() is instanceof the imported YeastarError", async () => {
    await writeFile(
      path.join(project, "hazard.cjs"),
      `const required = require("yeastar-call-reports");
       import("yeastar-call-reports").then(async (imported) => {
         const pbx = required.createYeastarClient({ baseUrl: process.argv[2], clientId: "id", clientSecret: "wrong" });
         try { await pbx.pbxInfo(); } catch (error) {
           console.log(JSON.stringify({ same: required.YeastarError === imported.YeastarError,
             instance: error instanceof imported.YeastarError, name: error.name }));
         }
       });`,
    );
    // A refused login (a wrong secret) from the simulator: an error made by the required module.
    const { stdout } = await run(process.execPath, ["hazard.cjs", sim.baseUrl], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ same: true, instance: true, name: "YeastarAuthError" });
  });

  it("ships source maps: a stack under --enable-source-maps names the TypeScript source", async () => {
    await writeFile(
      path.join(project, "stack.mjs"),
      `import { createYeastarClient } from "yeastar-call-reports";
       try { createYeastarClient({ baseUrl: "not a url", clientId: "id", clientSecret: "s" }); }
       catch (error) { console.log(error.stack); }`,
    );
    const { stdout } = await run(process.execPath, ["--enable-source-maps", "stack.mjs"], { cwd: project });
    expect(stdout).toMatch(/src\/[\w/-]+\.ts:\d+:\d+/);
  });

  it("type-checks a consumer against the installed declarations, ESM and CJS", async () => {
    await writeFile(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          types: ["node"],
          skipLibCheck: false,
        },
      }),
    );
    await writeFile(
      path.join(project, "consumer.ts"),
      `import { createYeastarClient, YeastarApiError, type ReportQuery } from "yeastar-call-reports";
import { startSimulator, type Simulator } from "yeastar-call-reports/simulator";
const pbx = createYeastarClient({ baseUrl: "https://pbx:8088", clientId: "id", clientSecret: "secret", timeZone: "Europe/Berlin" });
const ok: ReportQuery = { type: "extcallactivity", ext_id_list: [1, 2], time: "2024-05" };
// @ts-expect-error queue_id is not a parameter of extcallstatistics
const bad: ReportQuery = { type: "extcallstatistics", ext_id_list: 1, queue_id: 1 };
export async function main(sim: Simulator): Promise<string> {
  const report = await pbx.downloadReport(ok, { async: true });
  const error: unknown = undefined;
  if (error instanceof YeastarApiError) console.log(error.errcode, error.invalid_param_list);
  void bad; void startSimulator;
  return report.saveTo(sim.baseUrl);
}
`,
    );
    await writeFile(
      path.join(project, "consumer.cts"),
      `import yeastar = require("yeastar-call-reports");
const q: yeastar.ReportQuery = { type: "queuesatisfaction", queue_id: 1 };
// @ts-expect-error nosuch is no report type
const r: yeastar.ReportQuery = { type: "nosuch" };
export = { q, r, client: yeastar.createYeastarClient };
`,
    );
    await expect(
      run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: project }),
    ).resolves.toBeDefined();
  });

  it("runs the installed bin against the simulator", async () => {
    const out = path.join(project, "reports");
    await mkdir(out);
    const env = {
      ...process.env,
      YEASTAR_BASE_URL: sim.baseUrl,
      YEASTAR_CLIENT_ID: sim.clientId,
      YEASTAR_CLIENT_SECRET: sim.clientSecret,
    };
    const { stdout } = await run(
      path.join(project, "node_modules/.bin/yeastar-call-reports"),
      ["download", "--type", "ivr", "--ivr-id-list", "1", "--start-time", "2024-05-01", "--out", `${out}/`],
      { cwd: project, env },
    );
    expect(stdout).toMatch(/reports\/IVRReport-.*\.csv\n$/);
    expect(await readdir(out)).toHaveLength(1);
    const version = await run(path.join(project, "node_modules/.bin/yeastar-call-reports"), ["--version"], {
      cwd: project,
    });
    expect(version.stdout.trim()).toBe("0.1.0");
  });
});
