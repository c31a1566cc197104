// `yeastar-call-reports doctor` as a child process against the simulator over HTTP: it passes on a ready PBX, and
// fails with the fix on a wrong secret, a forced API version the firmware does not serve (a v1.0-only PBX), an
// address nothing answers at, and a report whose columns the spec does not know (issue 19, point 9).
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reportTypes } from "../../generated/reports.js";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/simulator/index.js";
import { unknownColumnExport } from "../contract/report-files.js";
import { credentials, hostilePbx, json } from "../faults/hostile.js";

const root = path.resolve(import.meta.dirname, "../..");
const main = path.join(root, "src/cli/main.ts");
const secret = "doctor-test-secret-5e1f2a3b4c";
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
async function doctor(args: string[], options: SimulatorOptions = {}, env: Record<string, string> = {}): Promise<Run> {
  sim = await startSimulator({ clientSecret: secret, ...options });
  const base = { YEASTAR_BASE_URL: sim.baseUrl, YEASTAR_CLIENT_ID: sim.clientId, YEASTAR_CLIENT_SECRET: secret };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, "doctor", ...args],
      { env: { ...process.env, ...base, ...env }, cwd: root, timeout: 60_000 },
      (e, stdout, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const lines = (run: Run) => run.stdout.split("\n").filter((l) => /^[✓✗] /.test(l));
const secretIn = (run: Run) => `${run.stdout}${run.stderr}`.includes(secret);

describe("doctor", () => {
  it("passes on a ready PBX: one ✓ line per check, a report per type, the token revoked at the end", async () => {
    const run = await doctor(["--reports"]);
    expect(run, run.stdout).toMatchObject({ code: 0, stderr: "" });
    const names = lines(run).map((l) => l.slice(2).split(/\s{2,}/)[0]);
    expect(names).toEqual([
      "address",
      "login",
      "system",
      "api version",
      "menus",
      ...Object.keys(reportTypes).map((t) => `report ${t}`),
    ]);
    expect(lines(run).every((l) => l.startsWith("✓"))).toBe(true);
    expect(run.stdout).toMatch(/api version\s+v2\.0 \(firmware 37\.23\.0\.123 is x\.21\.0\.117 or later/);
    expect(run.stdout).toMatch(/report queueperformance\s+12 columns, as the spec knows them/);
    const tokens = sim!.requests.filter((r) => r.path.endsWith("/get_token"));
    expect(tokens).toHaveLength(1);
    expect(sim!.requests.at(-1)!.path).toMatch(/del_token$/);
    expect(secretIn(run)).toBe(false);
  });

  it("--json: { ok, checks } with the same checks", async () => {
    const run = await doctor(["--json"]);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { ok: boolean; checks: { name: string; ok: boolean }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.checks.map((c) => c.name)).toEqual(["address", "login", "system", "api version", "menus"]);
  });

  it("a wrong secret: ✗ login with the fix, exit 1, no secret printed", async () => {
    const run = await doctor([], {}, { YEASTAR_CLIENT_SECRET: "not-the-secret-9f8e7d" });
    expect(run.code).toBe(1);
    expect(lines(run)).toEqual([expect.stringMatching(/^✓ address/), expect.stringMatching(/^✗ login .*get_token/)]);
    expect(run.stdout).toMatch(/→ check the client ID and secret and that the API is enabled/);
    expect(run.stdout.includes("not-the-secret-9f8e7d") || secretIn(run)).toBe(false);
  });

  it("a v1.0-only PBX: auto picks v1.0 and passes; v2.0 set fails with the fix, and so do its reports", async () => {
    const old = { firmwareVersion: "37.20.0.50" };
    const auto = await doctor([], old);
    expect(auto.code).toBe(0);
    expect(auto.stdout).toMatch(/api version\s+v1\.0 \(firmware 37\.20\.0\.50 is older than x\.21\.0\.117/);
    await sim!.close();
    const forced = await doctor(["--api-version", "v2.0", "--reports"], old);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toMatch(/✗ api version\s+v2\.0 was set, but firmware 37\.20\.0\.50/);
    expect(forced.stdout).toMatch(/→ this firmware has no v2\.0 report data: leave --api-version on auto/);
    expect(forced.stdout).toMatch(/✗ report queueperformance\s+.*errcode 10003/);
  });

  it("a v2.0 PBX with v1.0 set: ✗ api version, the reports would be empty", async () => {
    const run = await doctor(["--api-version", "v1.0"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/→ v1\.0 holds only the calls recorded before the upgrade/);
  });

  it("a system/information that is not what the API promises: ✗ system, after ✓ address and ✓ login", async () => {
    const pbx = await hostilePbx({
      "GET /openapi/v1.0/system/information": (_req, res) =>
        json(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" }),
    });
    const env = { YEASTAR_BASE_URL: pbx.baseUrl, YEASTAR_CLIENT_ID: credentials.clientId };
    const run = await doctor([], {}, { ...env, YEASTAR_CLIENT_SECRET: credentials.clientSecret });
    await pbx.close();
    expect(run.code).toBe(1);
    expect(lines(run)).toEqual([
      expect.stringMatching(/^✓ address/),
      expect.stringMatching(/^✓ login/),
      expect.stringMatching(/^✗ system .*errcode 10001/),
    ]);
    expect(pbx.log.at(-1)).toMatch(/del_token/);
  });

  it("an address nothing answers at: ✗ address, nothing else tried", async () => {
    const run = await doctor([], {}, { YEASTAR_BASE_URL: "http://127.0.0.1:9" });
    expect(run.code).toBe(1);
    expect(lines(run)).toEqual([expect.stringMatching(/^✗ address .*127\.0\.0\.1:9/)]);
    expect(run.stdout).toMatch(/→ check --base-url/);
  });

  it("--reports: a report whose header the spec does not know fails with where to add its columns", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-doctor-"));
    const file = path.join(dir, "QueuePerformance.csv");
    await writeFile(file, unknownColumnExport);
    const run = await doctor(["--reports"], { reportFile: file });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ report queueperformance\s+13 columns; not known: "SLA"/);
    expect(run.stdout).toMatch(/→ add them to x-columns in spec\/schemas\/reports\/queueperformance\.yaml/);
    expect(run.stdout).toMatch(/✗ report queuesatisfaction\s+.*missing: "Total KEY"/);
  });
});
