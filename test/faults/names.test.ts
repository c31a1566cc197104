// Issue 21, rows 1, 9 and 17: the names reports are saved under. Row 1: profile names cleaned to [A-Za-z0-9._-]
// only, so `总部`, `分部` and `北京` all became "" and shared one path (two PBXs skipped every night, or one's report
// replacing another's). Row 9: `{file}` skipped the file-name sanitiser (non-ASCII dropped, 300-byte names failing,
// `.csv` kept for JSON rows). Row 17: Windows device names, trailing dots and `:` passed.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileNamePart, pathPart } from "../../src/download/names.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { runCli } from "../helpers/cli.js";
import { credentials, type Hostile, hostilePbx, json } from "./hostile.js";

describe("one cleaning for every path part", () => {
  it("keeps letters and digits of any script and is Windows-safe on every platform", () => {
    expect(["总部", "分部", "北京", "São Paulo", "hq 1", "hq/1"].map(pathPart)).toEqual([
      "总部",
      "分部",
      "北京",
      "São-Paulo",
      "hq-1",
      "hq-1",
    ]);
    expect(["..", "///", "   "].map(pathPart)).toEqual(["", "", ""]);
    expect(["CON", "nul.csv", "COM1.csv", "report.csv.", "a:b.csv", "x*?.csv"].map(fileNamePart)).toEqual([
      "_CON",
      "_nul.csv",
      "_COM1.csv",
      "report.csv",
      "a-b.csv",
      "x-.csv",
    ]);
    const long = fileNamePart(`${"报告".repeat(100)}.csv`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.startsWith("报告报告") && long.endsWith(".csv")).toBe(true);
  });
});

describe("a fleet whose profile names are not ASCII", () => {
  let sim: Simulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator();
    dir = await mkdtemp(path.join(tmpdir(), "ycr-names-"));
  });
  afterAll(() => sim?.close());
  const fleet = async (names: string[]) => {
    const config = path.join(dir, `${names.length}-${Math.random().toString(36).slice(2)}.yaml`);
    const profile = (n: string) =>
      `  "${n}":\n    base_url: ${sim.baseUrl}\n    client_id: ${sim.clientId}\n    client_secret_env: SECRET\n`;
    await writeFile(config, `profiles:\n${names.map(profile).join("")}`, { mode: 0o600 });
    return config;
  };
  const nightly = (config: string, out: string) =>
    runCli(
      ["download", "--all-profiles", "--config", config, "--type", "queuesatisfaction", "--queue-id", "1"].concat([
        "--start-time",
        "2024-05-01",
        "--out",
        out,
        "--skip-existing",
      ]),
      { env: { ...process.env, SECRET: sim.clientSecret } },
    );

  it("gives each PBX its own directory, and a rerun skips only what each has", async () => {
    const config = await fleet(["总部", "分部", "北京"]);
    const out = `${dir}/reports/{profile}/{type}-{start}.csv`;
    const first = await nightly(config, out);
    expect(first.code, first.stderr).toBe(0);
    expect((await readdir(`${dir}/reports`)).sort()).toEqual(["分部", "北京", "总部"].sort());
    const again = await nightly(config, out);
    expect(again.code).toBe(0);
    expect(again.stderr.match(/skipped \(saved already\): /g)).toHaveLength(3);
  });

  it("two profiles that would share a directory are exit 2 before any PBX is asked", async () => {
    const asked = sim.requests.length;
    const run = await nightly(await fleet(["hq 1", "hq/1"]), `${dir}/clash/{profile}/{type}-{start}.csv`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/profiles "hq 1" and "hq\/1" would both save under hq-1\/: rename one/);
    const nothing = await nightly(await fleet(["...", "hq"]), `${dir}/clash/{profile}/{type}-{start}.csv`);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/profile "\.\.\." leaves no usable directory name/);
    expect(sim.requests.length).toBe(asked);
  });
});

describe("{file} is the PBX's file name as saveTo writes it", () => {
  let pbx: Hostile;
  let file = "";
  beforeAll(async () => {
    pbx = await hostilePbx({
      "GET /openapi/v1.0/call_report/download": (_req, res) =>
        json(res, { errcode: 0, errmsg: "SUCCESS", file, download_resource_url: "/api/download/x.csv" }),
    });
  });
  afterAll(() => pbx?.close());
  const env = () => ({
    ...process.env,
    YEASTAR_BASE_URL: pbx.baseUrl,
    YEASTAR_CLIENT_ID: credentials.clientId,
    YEASTAR_CLIENT_SECRET: credentials.clientSecret,
  });

  it("keeps non-ASCII names apart, caps long ones, and gives JSON rows their own extension", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-file-"));
    const saved: string[] = [];
    for (const [name, format] of [
      ["队列报告.csv", "csv"],
      ["坐席报告.csv", "csv"],
      [`${"长".repeat(120)}.csv`, "csv"],
      ["NUL.csv", "json"],
    ] as const) {
      file = name;
      const args = ["download", "--type", "queuesatisfaction", "--queue-id", "1", "--format", format];
      const run = await runCli([...args, "--out", `${dir}/{file}`], { env: env() });
      expect(run.code, run.stderr).toBe(0);
      saved.push(path.basename(run.stdout.trim()));
    }
    expect(saved[0]).toBe("队列报告.csv");
    expect(saved[1]).toBe("坐席报告.csv");
    expect(Buffer.byteLength(saved[2]!)).toBeLessThanOrEqual(255);
    expect(saved[3]).toBe("_NUL.json");
    expect((await readdir(dir)).sort()).toEqual([...saved].sort());
  });
});
