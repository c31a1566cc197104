// Issue 21, row 3: the command line could not bound a run. No flag for fileDeadline, maxFileBytes, asyncTimeout (a
// PBX dripping a byte every 20 s held a cron job or a fleet slot for ever), and a fleet of dead PBXs took minutes:
// every report of a PBX that never answered waited out its own logins. Now every bound of the library is a flag, the
// unattended defaults are finite, and a PBX that gives no token ends its batch.
import { mkdtemp, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { clientOptions } from "../../src/cli/connection.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { runCli } from "../helpers/cli.js";

let sim: Simulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ reportSize: 1024 * 1024 });
  dir = await mkdtemp(path.join(tmpdir(), "ycr-bounds-"));
});
afterAll(() => sim?.close());

const env = () => ({
  ...process.env,
  YEASTAR_BASE_URL: sim.baseUrl,
  YEASTAR_CLIENT_ID: sim.clientId,
  YEASTAR_CLIENT_SECRET: sim.clientSecret,
});
const download = ["download", "--type", "queuesatisfaction", "--queue-id", "1"];

it("--file-deadline ends a file that trickles (16 KiB every 300 ms: 19 s in all)", async () => {
  sim.fault({ kind: "slow-body", ms: 300 });
  const started = Date.now();
  const run = await runCli([...download, "--out", `${dir}/`, "--file-deadline", "1s", "--retries", "0"], {
    env: env(),
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/within 1000 ms \(--file-deadline\)/);
  expect(Date.now() - started).toBeLessThan(8000);
  expect(sim.validTokens()).toBe(0);
});

it("--max-file-bytes refuses a larger file, in the flag's words", async () => {
  const run = await runCli([...download, "--out", `${dir}/`, "--max-file-bytes", "64k"], { env: env() });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/more than --max-file-bytes \(65536/);
});

it("a bad bound is exit 2 naming the flag and what it takes; nothing is sent", async () => {
  const before = sim.requests.length;
  for (const [flag, value, said] of [
    ["--file-deadline", "soon", /--file-deadline takes a duration such as 500ms, 90s, 30m or 2h/],
    ["--max-file-bytes", "-1", /--max-file-bytes takes a size such as 500M, 4G/],
    ["--async-timeout", "30d", /--async-timeout takes a duration/],
    ["--retries", "many", /--retries takes a whole number from 0 to 10/],
  ] as const) {
    const run = await runCli([...download, "--out", `${dir}/`, flag, value], { env: env() });
    expect(run.code, flag).toBe(2);
    expect(run.stderr).toMatch(said);
  }
  expect(sim.requests.length).toBe(before);
});

it("the unattended defaults are finite: a file's deadline and size, the async wait, each attempt", async () => {
  const options = await clientOptions({}, { YEASTAR_BASE_URL: "https://pbx", YEASTAR_ACCESS_TOKEN: "t" });
  expect(options).toMatchObject({
    timeout: 30_000,
    loginTimeout: 10_000,
    fileTimeout: 60_000,
    fileDeadline: 3_600_000,
    maxFileBytes: 4 * 1024 ** 3,
    asyncTimeout: 600_000,
    maxRetries: 2,
  });
  const unbounded = await clientOptions(
    { fileDeadline: "none", maxFileBytes: "none", timeout: "2m" },
    { YEASTAR_BASE_URL: "https://pbx", YEASTAR_ACCESS_TOKEN: "t" },
  );
  expect(unbounded).not.toHaveProperty("fileDeadline");
  expect(unbounded).not.toHaveProperty("maxFileBytes");
  expect(unbounded.timeout).toBe(120_000);
});

it("a fleet of three dead PBXs, two reports each: one login per PBX, bounded by --login-timeout", async () => {
  const held: net.Socket[] = [];
  const logins: number[] = [0, 0, 0];
  const dead = await Promise.all(
    logins.map(
      (_, i) =>
        new Promise<net.Server>((resolve) => {
          const server = net.createServer((socket) => {
            held.push(socket);
            socket.on("data", (d) => (logins[i]! += String(d).split("get_token").length - 1));
          });
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const config = path.join(dir, "dead.yaml");
  const profiles = dead.map(
    (s, i) =>
      `  dead${i}:\n    base_url: http://127.0.0.1:${(s.address() as net.AddressInfo).port}\n` +
      "    client_id: x\n    client_secret_env: DEAD_SECRET\n",
  );
  await writeFile(config, `profiles:\n${profiles.join("")}`, { mode: 0o600 });
  const queries = path.join(dir, "two.yaml");
  await writeFile(queries, "- { type: queuesatisfaction, queue_id: 1 }\n- { type: queuesatisfaction, queue_id: 2 }\n");
  const started = Date.now();
  const run = await runCli(
    [
      "download",
      "--from-file",
      queries,
      "--all-profiles",
      "--config",
      config,
      "--out",
      `${dir}/{profile}/{type}.csv`,
    ].concat(["--login-timeout", "500ms", "--retries", "1"]),
    { env: { ...process.env, DEAD_SECRET: "s" } },
  );
  const elapsed = Date.now() - started;
  for (const s of held) s.destroy();
  await Promise.all(dead.map((s) => new Promise((r) => s.close(r))));
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("0 of 3 PBXs done without failure");
  expect(run.stderr).toMatch(/dead0: the PBX gave no token: 1 more report not asked/);
  expect(run.stderr).toMatch(/within 500 ms \(--login-timeout\)/);
  // Two attempts of one login per PBX (the second report is not tried), the PBXs side by side.
  expect(logins).toEqual([2, 2, 2]);
  expect(elapsed).toBeLessThan(6000);
});
