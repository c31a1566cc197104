// Defect 3: an interrupted run leaves no valid token and no temporary file. The CLI revokes its token on
// SIGINT (exit 130), SIGTERM (exit 143) and a closed pipe (EPIPE, exit 0, as `… | head` expects);
// close() revokes a token that a renewal brings after it was called.

import { spawn } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, expect, it } from "vitest";
import { createYeastarClient } from "../../src/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";

let sim: Simulator;
afterEach(() => sim?.close());
const root = path.resolve(import.meta.dirname, "../..");
const main = path.join(root, "src/cli/main.ts");
const envOf = (s: Simulator) => ({
  ...process.env,
  YEASTAR_BASE_URL: s.baseUrl,
  YEASTAR_CLIENT_ID: s.clientId,
  YEASTAR_CLIENT_SECRET: s.clientSecret,
});
const count = (p: string) => sim.requests.filter((r) => r.path.endsWith(p)).length;
const download = ["download", "--type", "queuesatisfaction", "--queue-id", "1"];

function shell(command: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { env, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("exit", (code) => resolve({ code, stdout }));
  });
}

it("ten runs of `download --out - | head -c 40`: one del_token each, no valid token left", async () => {
  sim = await startSimulator({ reportSize: 1024 * 1024 });
  const command = `"${process.execPath}" --import tsx "${main}" ${download.join(" ")} --out - | head -c 40`;
  // Five at a time: the same ten closed pipes, within the faults suite's 10 s a test on CI's two cores.
  for (let batch = 0; batch < 2; batch++) {
    const runs = await Promise.all(Array.from({ length: 5 }, () => shell(command, envOf(sim))));
    for (const run of runs) expect(run.stdout).toHaveLength(40);
  }
  expect(count("/get_token")).toBe(10);
  expect(count("/del_token")).toBe(10);
  expect(sim.validTokens()).toBe(0);
}, 120_000);

it.each([
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)(
  "%s while a report arrives: exit %i, the token revoked, no temporary file",
  async (signal, code) => {
    sim = await startSimulator({ reportSize: 4 * 1024 * 1024 });
    sim.fault({ kind: "slow-body", ms: 100 });
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-interrupt-"));
    const child = spawn(process.execPath, ["--import", "tsx", main, ...download, "--out", `${dir}/`], {
      env: envOf(sim),
      cwd: root,
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    // Wait until the body streams into the temporary file.
    for (let i = 0; i < 200 && (await readdir(dir)).length === 0; i++) await sleep(25);
    expect((await readdir(dir))[0]).toMatch(/\.partial$/);
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(exit).toBe(code);
    expect(stderr).toContain(`interrupted (${signal})`);
    expect(await readdir(dir)).toEqual([]);
    expect(count("/del_token")).toBe(1);
    expect(sim.validTokens()).toBe(0);
  },
  30_000,
);

it("close() while the token is being fetched: the token that arrives after it is revoked", async () => {
  sim = await startSimulator();
  sim.fault({ kind: "delay", ms: 200, path: "/get_token" });
  const pbx = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
  const pending = pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1 }).catch((e: unknown) => e);
  await sleep(20);
  await pbx.close();
  await pending;
  expect(count("/get_token")).toBe(1);
  expect(count("/del_token")).toBe(1);
  expect(sim.validTokens()).toBe(0);
});
