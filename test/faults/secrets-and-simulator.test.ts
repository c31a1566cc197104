// Defects 13 and 15: a secret given on the command line is said to be visible, and a file is offered; the
// simulator caps what it reads of a request body and answers 413, as a web server does.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";

let sim: Simulator;
afterEach(() => sim?.close());
const root = path.resolve(import.meta.dirname, "../..");

function cli(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args],
      { env },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

it("13: --client-secret works but warns and points to the environment or --client-secret-file, which works too", async () => {
  sim = await startSimulator();
  const env = {
    ...process.env,
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: "",
  };
  const flag = await cli(["info", "--client-secret", sim.clientSecret], env);
  expect(flag.code).toBe(0);
  expect(flag.stderr).toMatch(
    /^warning: --client-secret is visible to other users .* YEASTAR_CLIENT_SECRET or use --client-secret-file/m,
  );
  expect(flag.stderr).not.toContain(sim.clientSecret);
  const file = path.join(await mkdtemp(path.join(tmpdir(), "ycr-secret-")), "secret");
  await writeFile(file, `${sim.clientSecret}\n`, { mode: 0o600 });
  const fromFile = await cli(["info", "--client-secret-file", file], env);
  expect(fromFile).toMatchObject({ code: 0, stderr: "" });
});

it("13: the README says that pbx.api's raw response.url holds the token", async () => {
  expect(await readFile(path.join(root, "README.md"), "utf8")).toMatch(/`response\.url`[^.]*holds the access token/);
});

it("15: the simulator reads at most 64 KiB of a request body, and answers 413", async () => {
  sim = await startSimulator();
  const body = JSON.stringify({ username: "x".repeat(1024 * 1024), password: "y" });
  const res = await fetch(`${sim.baseUrl}/openapi/v1.0/get_token`, {
    method: "POST",
    headers: { "user-agent": "t", "content-type": "application/json" },
    body,
  });
  expect(res.status).toBe(413);
  expect(await res.text()).toContain("413 Request Entity Too Large");
});
