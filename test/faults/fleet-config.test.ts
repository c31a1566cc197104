// Issue 21, rows 4 and 16. Row 4: `--all-profiles --base-url X` (and --client-id, --client-secret, --ca) sent every
// profile's client ID and secret to X and reported success. Row 16: an unknown top-level section of the config and
// two secret sources in one profile were accepted silently (a typo'd section is a fleet that never runs).
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { runCli } from "../helpers/cli.js";

let hq: Simulator;
let elsewhere: Simulator;
let dir: string;
beforeAll(async () => {
  [hq, elsewhere] = await Promise.all([startSimulator(), startSimulator()]);
  dir = await mkdtemp(path.join(tmpdir(), "ycr-fleet-"));
});
afterAll(() => Promise.all([hq?.close(), elsewhere?.close()]));

const config = async (text: string) => {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, text, { mode: 0o600 });
  return file;
};
const profiles = () => `profiles:
  hq:
    base_url: ${hq.baseUrl}
    client_id: ${hq.clientId}
    client_secret_env: HQ_SECRET
  branch:
    base_url: ${hq.baseUrl}
    client_id: ${hq.clientId}
    client_secret_env: HQ_SECRET
`;
const env = () => ({ ...process.env, HQ_SECRET: hq.clientSecret });
const download = () => [
  "download",
  "--type",
  "queuesatisfaction",
  "--queue-id",
  "1",
  "--out",
  `${dir}/{profile}/{type}.csv`,
];

it("a fleet with --base-url, --client-id, --client-secret or --ca is exit 2 before any PBX is asked", async () => {
  const file = await config(profiles());
  for (const flags of [
    ["--base-url", elsewhere.baseUrl],
    ["--client-id", "someone"],
    ["--client-secret", "s3cret"],
    ["--ca", file],
  ]) {
    const run = await runCli([...download(), "--all-profiles", "--config", file, ...flags], { env: env() });
    expect(run.code, flags[0]).toBe(2);
    expect(run.stderr).toContain(`${flags[0]} cannot go with several profiles`);
    expect(run.stderr).not.toContain(hq.clientSecret);
  }
  expect(elsewhere.requests).toEqual([]);
  expect(hq.requests).toEqual([]);
});

it("the config refuses an unknown section and a profile with two secret sources, naming them", async () => {
  const typo = await config(`${profiles()}profile:\n  x:\n    base_url: https://x\n`);
  const unknown = await runCli([...download(), "--all-profiles", "--config", typo], { env: env() });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown section profile; the file holds profiles:/);
  const two = await config(`${profiles()}    client_secret_file: /etc/secret\n`);
  const double = await runCli([...download(), "--profile", "branch", "--config", two], { env: env() });
  expect(double.code).toBe(2);
  expect(double.stderr).toMatch(/profile branch names client_secret_env and client_secret_file: give one source/);
  expect(hq.requests).toEqual([]);
});
