// Defect 2: wrong credentials must not block the IP. After a refusal a client never logs in again by itself,
// and a CLI batch stops at the first refusal: one run, one failed login at most.

import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { createYeastarClient, type ReportQuery, YeastarAuthError } from "../../src/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";

let sim: Simulator;
afterEach(() => sim?.close());
const q: ReportQuery = { type: "queuesatisfaction", queue_id: 1 };
const logins = () => sim.requests.filter((r) => r.path.endsWith("/get_token")).length;
const root = path.resolve(import.meta.dirname, "../..");

it("library: sequential calls after a wrong secret fail at once with the same YeastarAuthError, one get_token in all", async () => {
  sim = await startSimulator();
  const pbx = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: "wrong" });
  const errors = [];
  for (let i = 0; i < 6; i++) errors.push(await pbx.downloadReport(q).catch((e: unknown) => e));
  expect(errors.every((e) => e instanceof YeastarAuthError)).toBe(true);
  expect(new Set(errors).size).toBe(1);
  expect(logins()).toBe(1);
  // The IP is not blocked: a client with the right secret logs in.
  const right = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
  await (await right.downloadReport(q)).text();
  await right.close();
});

it("CLI: a batch of six queries with a wrong secret makes exactly one get_token request and exits 1", async () => {
  sim = await startSimulator();
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-batch-"));
  const batch = path.join(dir, "batch.json");
  await writeFile(batch, JSON.stringify(Array.from({ length: 6 }, () => q)));
  const env = {
    ...process.env,
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: "wrong",
  };
  const main = path.join(root, "src/cli/main.ts");
  const run = await new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", main, "download", "--from-file", batch, "--out", `${dir}/`],
      { env },
      (error, _out, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
    ),
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/errcode -1 FAILURE/);
  expect(logins()).toBe(1);
});
