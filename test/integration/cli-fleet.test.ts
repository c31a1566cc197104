// Many PBXs (issue 12): profiles in a YAML config file, a fleet run with bounded concurrency, --out templates and
// --skip-existing for nightly jobs.

import { execFile } from "node:child_process";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";

const root = path.resolve(import.meta.dirname, "../..");
let sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args],
      {
        env: { ...process.env, YEASTAR_BASE_URL: "", YEASTAR_CLIENT_ID: "", YEASTAR_CLIENT_SECRET: "", ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

async function fleet(count: number, wrong: number[] = []) {
  sims = await Promise.all(Array.from({ length: count }, () => startSimulator()));
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-fleet-"));
  const profiles = sims
    .map(
      (s, i) =>
        `  pbx${i + 1}:\n    base_url: ${s.baseUrl}\n    client_id: ${s.clientId}\n    client_secret_env: SECRET_${i + 1}\n`,
    )
    .join("");
  const config = path.join(dir, "config.yaml");
  await writeFile(config, `profiles:\n${profiles}`, { mode: 0o600 });
  const env = Object.fromEntries(
    sims.map((s, i) => [`SECRET_${i + 1}`, wrong.includes(i) ? "wrong-secret" : s.clientSecret]),
  );
  return { dir, config, env };
}
const logins = (s: Simulator) => s.requests.filter((r) => r.path.endsWith("/get_token")).length;

describe("a fleet run", () => {
  it("three PBXs, one with a wrong secret: two succeed, one fails with a clear error, exit 1, one get_token each", async () => {
    const { dir, config, env } = await fleet(3, [1]);
    const run = await cli(
      [
        "download",
        "--config",
        config,
        "--all-profiles",
        "--concurrency",
        "2",
        "--type",
        "queuesatisfaction",
        "--queue-id",
        "1",
        "--out",
        `${dir}/out/`,
      ],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^pbx2: failed: .*errcode -1 FAILURE.*client ID and client secret/m);
    expect(run.stderr).toMatch(/^pbx1: 1 of 1 reports saved$/m);
    expect(run.stderr).toMatch(/^pbx3: 1 of 1 reports saved$/m);
    expect(run.stderr).toMatch(/2 of 3 PBXs done without failure/);
    expect(sims.map(logins)).toEqual([1, 1, 1]);
    expect((await readdir(path.join(dir, "out"))).sort()).toEqual(["pbx1", "pbx3"]);
    expect(sims.map((s) => s.validTokens())).toEqual([0, 0, 0]);
  });

  it("--profile a,b picks PBXs; --out templates put files where a nightly job wants them; --skip-existing downloads only what is missing", async () => {
    const { dir, config, env } = await fleet(2);
    const out = `${dir}/{profile}/{type}-{start}.csv`;
    const args = [
      "download",
      "--config",
      config,
      "--profile",
      "pbx1,pbx2",
      "--type",
      "queueperformance",
      "--queue-id-list",
      "1",
      "--start-time",
      "2024-05-01",
      "--out",
      out,
    ];
    const first = await cli(args, env);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split("\n").sort()).toEqual([
      path.join(dir, "pbx1/queueperformance-2024-05-01.csv"),
      path.join(dir, "pbx2/queueperformance-2024-05-01.csv"),
    ]);
    const again = await cli([...args, "--skip-existing"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(/skipped \(saved already\): .*pbx1\/queueperformance-2024-05-01\.csv/);
  });

  it("one profile, flags override it; a config holding a secret readable by others gets a warning; an unknown profile is exit 2", async () => {
    sims = [await startSimulator()];
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-profile-"));
    const config = path.join(dir, "config.yaml");
    await writeFile(
      config,
      `profiles:\n  hq:\n    base_url: http://127.0.0.1:1\n    client_id: ${sims[0]!.clientId}\n    client_secret: ${sims[0]!.clientSecret}\n`,
      { mode: 0o644 },
    );
    const run = await cli(["info", "--config", config, "--profile", "hq", "--base-url", sims[0]!.baseUrl], {});
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /warning: .*config\.yaml holds the client secret of hq and is readable by others \(mode 644\); chmod 600 it/,
    );
    expect(run.stderr).not.toContain(sims[0]!.clientSecret);
    const unknown = await cli(["info", "--config", config, "--profile", "branch"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--profile branch: no such profile .* \(it has: hq\)/);
  });

  it("--shard K/N: three jobs together save every PBX's report exactly once; a bad or lone --shard is exit 2", async () => {
    const { dir, config, env } = await fleet(6);
    const args = ["download", "--config", config, "--all-profiles", "--type", "queuesatisfaction", "--queue-id", "1"];
    const saved: string[] = [];
    for (const k of [1, 2, 3]) {
      const run = await cli([...args, "--shard", `${k}/3`, "--json", "--out", `${dir}/{profile}/{type}.csv`], env);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { profile: string });
      saved.push(...lines.map((l) => l.profile));
      expect(run.stderr).toMatch(
        new RegExp(
          `^shard ${k}/3: (\\d+ of \\d+ PBXs done without failure \\(of 6 profiles\\)|none of the 6 profiles)`,
          "m",
        ),
      );
    }
    expect(saved.sort()).toEqual(["pbx1", "pbx2", "pbx3", "pbx4", "pbx5", "pbx6"]);
    expect((await readdir(dir)).filter((f) => f.startsWith("pbx")).sort()).toEqual(saved);
    expect(sims.map(logins)).toEqual([1, 1, 1, 1, 1, 1]);
    for (const [flags, said] of [
      [["--shard", "4/3", "--all-profiles"], /--shard takes K\/N/],
      [["--shard", "1/2", "--profile", "pbx1"], /--shard splits --all-profiles among jobs: add --all-profiles/],
    ] as const) {
      const run = await cli(
        ["download", "--config", config, "--type", "queuesatisfaction", "--queue-id", "1", ...flags],
        env,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(said);
    }
    expect(sims.map(logins)).toEqual([1, 1, 1, 1, 1, 1]);
  }, 60_000);
});
