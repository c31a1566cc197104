// Issue 21, row 13: a 100 MB --from-file ended the process with a V8 out-of-memory after 110 s (10 MB cost 960 MB:
// a YAML parser needs about a hundred times a file's size). --from-file and the config are capped at 1 MiB, refused
// at once with the cap and what to do, before anything is parsed or sent.
import { mkdtemp, open } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/** A sparse file of `bytes` (no disk used): what matters is what the reader does with its size. */
async function big(file: string, bytes: number): Promise<string> {
  const handle = await open(file, "w");
  await handle.truncate(bytes);
  await handle.close();
  return file;
}

it("a --from-file or a config over 1 MiB is exit 2 at once, naming the cap", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ycr-size-"));
  const queries = await big(path.join(dir, "queries.yaml"), 100_000_000);
  const t0 = performance.now();
  const batch = await runCli(["download", "--from-file", queries, "--base-url", "http://127.0.0.1:9", "--dry-run"]);
  expect(batch.code).toBe(2);
  expect(batch.stderr).toMatch(/--from-file .*queries\.yaml: more than 1 MiB; split it/);
  const config = await big(path.join(dir, "config.yaml"), 10_000_000);
  const fleet = await runCli(["download", "--all-profiles", "--config", config, "--type", "ivr", "--ivr-id-list", "1"]);
  expect(fleet.code).toBe(2);
  expect(fleet.stderr).toMatch(/config .*config\.yaml: more than 1 MiB; split it/);
  expect(performance.now() - t0).toBeLessThan(15_000);
});
