// Issue 21, rows 2 and 14. Row 2: saved reports (caller numbers: personal data) were 0644 under the usual umask,
// --overwrite turned a 0600 report into 0644, and directories were 0755. Row 14: --overwrite replaced a FIFO with a
// regular file, and "exists already" suggested --overwrite for it. Now: 0600 files, 0700 directories made for
// them, a replaced file's own mode kept, and a target that is no regular file never written over.
import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createYeastarClient, type ReportQuery, YeastarFileError } from "../../src/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { runCli } from "../helpers/cli.js";

let sim: Simulator;
let dir: string;
const q: ReportQuery = { type: "queuesatisfaction", queue_id: 1 };
const mode = async (file: string) => (await stat(file)).mode & 0o777;
beforeAll(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(path.join(tmpdir(), "ycr-private-"));
});
afterAll(() => sim?.close());
const client = () =>
  createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });

it("saves reports 0600 and the directories it makes 0700, under a umask that allows 0644", async () => {
  const old = process.umask(0o022);
  const pbx = client();
  try {
    const saved = await (await pbx.downloadReport(q)).saveTo(path.join(dir, "new", "deeper/"));
    expect(await mode(saved)).toBe(0o600);
    expect(await mode(path.join(dir, "new"))).toBe(0o700);
    expect(await mode(path.join(dir, "new", "deeper"))).toBe(0o700);
    // The command line's templates and json rows: the same.
    const env = { ...process.env, YEASTAR_BASE_URL: sim.baseUrl, YEASTAR_CLIENT_ID: sim.clientId };
    const args = ["download", "--type", "queuesatisfaction", "--queue-id", "1", "--format", "ndjson"];
    const run = await runCli([...args, "--out", `${dir}/cli/{type}.ndjson`], {
      env: { ...env, YEASTAR_CLIENT_SECRET: sim.clientSecret },
    });
    expect(run.code).toBe(0);
    expect(await mode(`${dir}/cli/queuesatisfaction.ndjson`)).toBe(0o600);
    expect(await mode(`${dir}/cli`)).toBe(0o700);
  } finally {
    process.umask(old);
    await pbx.close();
  }
});

it("--overwrite keeps the replaced file's mode (0600 stays 0600, 0640 stays 0640)", async () => {
  const pbx = client();
  try {
    for (const kept of [0o600, 0o640]) {
      const file = path.join(dir, `kept-${kept.toString(8)}.csv`);
      await writeFile(file, "old");
      await chmod(file, kept);
      await (await pbx.downloadReport(q)).saveTo(file, { overwrite: true });
      expect(await mode(file)).toBe(kept);
      expect(await readFile(file, "utf8")).not.toBe("old");
    }
  } finally {
    await pbx.close();
  }
});

it("a FIFO as the target is refused, with or without overwrite, and stays what it was", async () => {
  const fifo = path.join(dir, "pipe.csv");
  execFileSync("mkfifo", [fifo]);
  const pbx = client();
  try {
    for (const overwrite of [false, true]) {
      const error = await (await pbx.downloadReport(q)).saveTo(fifo, { overwrite }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(YeastarFileError);
      expect((error as YeastarFileError).message).toMatch(/is a FIFO, not a regular file/);
      expect((error as YeastarFileError).message).not.toMatch(/overwrite/);
      expect((await stat(fifo)).isFIFO()).toBe(true);
    }
  } finally {
    await pbx.close();
  }
});
