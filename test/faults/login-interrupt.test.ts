// Issue 21, row 6: Ctrl-C or SIGTERM while get_token was in flight left the issued token valid (the login ran under
// the client's signal, so it was cut off after the PBX had issued the token). Now a login in flight finishes, within
// a grace of 3 s, and its token is revoked before the exit.
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, expect, it } from "vitest";
import { createYeastarClient, YeastarAbortError } from "../../src/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { root } from "../helpers/cli.js";

let sim: Simulator;
afterEach(() => sim?.close());
const count = (p: string) => sim.requests.filter((r) => r.path.endsWith(p)).length;
const loginSent = async () => {
  for (let i = 0; i < 200 && count("/get_token") === 0; i++) await sleep(10);
};

it.each([
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)(
  "%s during get_token: exit %i soon, the token issued meanwhile revoked",
  async (signal, code) => {
    sim = await startSimulator();
    sim.fault({ kind: "delay", ms: 1000, path: "/get_token" });
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/main.ts",
        "download",
        "--type",
        "queuesatisfaction",
        "--queue-id",
        "1",
        "--out",
        "-",
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          YEASTAR_BASE_URL: sim.baseUrl,
          YEASTAR_CLIENT_ID: sim.clientId,
          YEASTAR_CLIENT_SECRET: sim.clientSecret,
        },
      },
    );
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    await loginSent();
    const sent = Date.now();
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(exit, stderr).toBe(code);
    expect(Date.now() - sent).toBeLessThan(4000);
    expect(count("/del_token")).toBe(1);
    expect(sim.validTokens()).toBe(0);
    expect(count("/call_report/download")).toBe(0);
  },
  15_000,
);

it("an aborted call stops waiting at once; the login goes on, and close() revokes its token", async () => {
  sim = await startSimulator();
  sim.fault({ kind: "delay", ms: 500, path: "/get_token" });
  const controller = new AbortController();
  const pbx = createYeastarClient({
    baseUrl: sim.baseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    signal: controller.signal,
  });
  const pending = pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1 }).catch((e: unknown) => e);
  await loginSent();
  const aborted = Date.now();
  controller.abort(new Error("stop"));
  expect(await pending).toBeInstanceOf(YeastarAbortError);
  expect(Date.now() - aborted).toBeLessThan(200);
  await pbx.close();
  expect(count("/del_token")).toBe(1);
  expect(sim.validTokens()).toBe(0);
});

it("a login that never answers after an abort ends 3 s later, not at its timeout", async () => {
  sim = await startSimulator();
  sim.fault({ kind: "delay", ms: 8000, path: "/get_token" });
  const controller = new AbortController();
  const pbx = createYeastarClient({
    baseUrl: sim.baseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    signal: controller.signal,
    maxRetries: 0,
  });
  const pending = pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1 }).catch((e: unknown) => e);
  await loginSent();
  controller.abort(new Error("stop"));
  await pending;
  const closing = Date.now();
  await pbx.close();
  expect(Date.now() - closing).toBeLessThan(3500);
  expect(Date.now() - closing).toBeGreaterThan(2500);
});
