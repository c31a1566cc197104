// The one JSON contract of --json (spec/cli-output.schema.json): every command's output validated against its
// schema, with a failure case each; idempotent nightly runs (--skip-existing asks the PBX nothing); YAML scalars as
// written.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { root, runCli } from "../helpers/cli.js";

const schema = JSON.parse(await readFile(path.join(root, "spec/cli-output.schema.json"), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(schema, "cli");
/** Checks one JSON value against the command's schema; the error names what did not fit. */
function fits(def: string, value: unknown): void {
  const check = ajv.getSchema(`cli#/$defs/${def}`)!;
  expect(check(value), `${def}: ${ajv.errorsText(check.errors)}\n${JSON.stringify(value)}`).toBe(true);
}
/** stdout as JSON only: one document, or NDJSON lines. */
const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

let sim: Simulator;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  sim = await startSimulator();
  env = { ...process.env, YEASTAR_BASE_URL: sim.baseUrl, YEASTAR_CLIENT_ID: sim.clientId };
  env.YEASTAR_CLIENT_SECRET = sim.clientSecret;
});
afterAll(() => sim.close());
const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...extra } });
const downloads = () => sim.requests.filter((r) => r.path.endsWith("/call_report/download")).length;

/** A failure of the whole command: { error } alone on stdout, with the exit code it gave. */
function failed(run: { code: number; stdout: string }, exit: number, message: RegExp) {
  expect(run.code).toBe(exit);
  const [only, ...more] = lines(run.stdout);
  expect(more).toEqual([]);
  fits("failure", only);
  expect(only.error.exit).toBe(exit);
  expect(only.error.message).toMatch(message);
  return only.error;
}

describe("--json: stdout holds JSON only, as spec/cli-output.schema.json says", () => {
  it("types", async () => {
    fits("types", JSON.parse((await cli(["types", "--json"])).stdout));
    failed(await cli(["types", "nosuch", "--json"]), 2, /unknown report type "nosuch"/);
  });

  it("info: a wrong secret is the PBX's error, with its errcode", async () => {
    fits("info", JSON.parse((await cli(["info", "--json"])).stdout));
    const error = failed(await cli(["info", "--json"], { YEASTAR_CLIENT_SECRET: "wrong" }), 1, /client secret/);
    expect(error).toMatchObject({ name: "YeastarAuthError", errcode: expect.any(Number) });
  });

  it("options and scheduled", async () => {
    fits("options", JSON.parse((await cli(["options", "queue", "--json"])).stdout));
    failed(await cli(["options", "nosuch", "--json"]), 2, /nosuch/);
    fits("scheduledList", JSON.parse((await cli(["scheduled", "list", "--json"])).stdout));
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-json-"));
    const saved = await cli(["scheduled", "download", "--name", "support", "--out", `${dir}/`, "--json"]);
    fits("scheduledDownload", JSON.parse(saved.stdout));
    failed(await cli(["scheduled", "download", "--id", "99", "--json"]), 1, /99/);
  });

  it("download: a line per report with the query as sent (period resolved), status and an error object", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-json-"));
    const base = ["download", "--type", "extcallactivity", "--ext-id-list", "1", "--json"];
    const run = await cli([...base, "--period", "last-month", "--out", `${dir}/`]);
    expect(run.code).toBe(0);
    const [line] = lines(run.stdout);
    fits("download", line);
    expect(line).toMatchObject({
      status: "saved",
      error: null,
      query: { time: expect.stringMatching(/^\d{4}-\d{2}/) },
    });
    expect(line.bytes).toBeGreaterThan(0);
    // A report that fails: its own line, status failed, an error object; no second object for the same failure.
    const bad = await cli([...base, "--time", "2024-05", "--out", path.join(dir, "missing", "dir", "x.csv/")], {
      YEASTAR_CLIENT_SECRET: "wrong",
    });
    expect(bad.code).toBe(1);
    const [failure, ...more] = lines(bad.stdout);
    expect(more).toEqual([]);
    fits("download", failure);
    expect(failure).toMatchObject({ status: "failed", error: { name: "YeastarAuthError", exit: 1 } });
    failed(await cli([...base, "--type", "nosuch"]), 2, /unknown report type|nosuch/);
    failed(await cli([...base, "--nosuch-flag"]), 2, /unknown option/);
  });

  it("download --dry-run: each request as an object, times translated, token redacted", async () => {
    const run = await cli(
      ["download", "--type", "extcallactivity", "--ext-id-list", "1", "--time", "2024-05"].concat([
        "--dry-run",
        "--json",
      ]),
    );
    expect(run.code).toBe(0);
    const [line] = lines(run.stdout);
    fits("downloadDryRun", line);
    expect(line.request.query).toMatchObject({ time: "2024/05", access_token: "[redacted]" });
  });

  it("--out - with --json is refused before anything is sent (data and summary never share stdout)", async () => {
    const before = sim.requests.length;
    const run = await cli(
      ["download", "--type", "extcallactivity", "--ext-id-list", "1", "--time", "2024", "--json"].concat([
        "--out",
        "-",
      ]),
    );
    failed(run, 2, /--json prints a summary on stdout, where --out - writes the report/);
    expect(sim.requests.length).toBe(before);
  });

  it("doctor and simulate", async () => {
    fits("doctor", JSON.parse((await cli(["doctor", "--json"])).stdout));
    const child = spawn(process.execPath, [
      "--import",
      "tsx",
      path.join(root, "src/cli/main.ts"),
      "simulate",
      "--json",
    ]);
    const first = await new Promise<string>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(String(d))));
    fits("simulate", JSON.parse(first));
    const port = new URL(JSON.parse(first).baseUrl).port;
    failed(await cli(["simulate", "--port", port, "--json"]), 1, /port \d+ is in use/);
    child.kill("SIGTERM");
  });
});

describe("idempotent nightly runs (--skip-existing)", () => {
  it("a template line run twice: the second asks the PBX for no report and says skipped, in text and JSON", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-nightly-"));
    const nightly = ["download", "--type", "extcallactivity", "--ext-id-list", "1", "--period", "yesterday"].concat([
      "--out",
      `${dir}/{type}-{time}.csv`,
      "--skip-existing",
    ]);
    const first = await cli(nightly);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/extcallactivity-\d{4}-\d{2}-\d{2}\.csv\n$/);
    const before = downloads();
    const again = await cli(nightly);
    expect(again).toMatchObject({ code: 0, stdout: "" });
    expect(again.stderr).toMatch(/^skipped \(saved already\): .*extcallactivity-\d{4}-\d{2}-\d{2}\.csv$/m);
    const json = await cli([...nightly, "--json"]);
    const [line] = lines(json.stdout);
    fits("download", line);
    expect(line).toMatchObject({ status: "skipped", error: null });
    expect(downloads()).toBe(before);
  });

  it("an --out whose name is the PBX's (a directory, {file}) is exit 2 with the template to use, nothing sent", async () => {
    const before = sim.requests.length;
    for (const out of ["reports/", ".", "reports/{file}"]) {
      const run = await cli(
        ["download", "--type", "extcallactivity", "--ext-id-list", "1", "--time", "2024"].concat([
          "--skip-existing",
          "--out",
          out,
        ]),
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--skip-existing needs a file name that is the same on every run/);
      expect(run.stderr).toContain('--out "reports/{profile}/{type}-{time}.csv"');
    }
    expect(sim.requests.length).toBe(before);
  });
});

describe("YAML scalars are read as written", () => {
  it("time: 2024 is the bucket 2024; queue_id: 0123 keeps its zero", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-yaml-"));
    const batch = path.join(dir, "reports.yaml");
    await writeFile(
      batch,
      "- type: extcallactivity\n  ext_id_list: 1\n  time: 2024\n- type: queuesatisfaction\n  queue_id: 0123\n",
    );
    const run = await cli(["download", "--from-file", batch, "--dry-run", "--json"]);
    expect(run.code).toBe(0);
    const [year, queue] = lines(run.stdout);
    expect(year.request.query.time).toBe("2024");
    expect(queue.request.query.queue_id).toBe("0123");
  });
});
