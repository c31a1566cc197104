// The README's main-job command: `npm run demo` downloads all 20 report types from the simulator.
import { expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

it("npm run demo downloads one report of each of the 20 types and prints the table", async () => {
  const out = path.join(await mkdtemp(path.join(tmpdir(), "ycr-demo-")), "reports");
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/demo.ts", out], { timeout: 60_000 });
  expect(stdout).toMatch(/^type\s+saved to\s+bytes$/m);
  expect(stdout).toMatch(/20 reports downloaded in [\d.]+ s/);
  expect((await readdir(out)).filter((f) => f.endsWith(".csv"))).toHaveLength(20);
}, 60_000);
