// The README's main-job command: `npm run demo` downloads every report type from the simulator.

import { execFile } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { reportTypes } from "../../generated/reports.js";

it("npm run demo downloads one report of each type and prints the table", async () => {
  const count = Object.keys(reportTypes).length;
  const out = path.join(await mkdtemp(path.join(tmpdir(), "ycr-demo-")), "reports");
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/demo.ts", out], {
    timeout: 60_000,
  });
  expect(stdout).toMatch(/^type\s+saved to\s+bytes$/m);
  expect(stdout).toMatch(new RegExp(`${count} reports downloaded in [\\d.]+ s`));
  expect((await readdir(out)).filter((f) => f.endsWith(".csv"))).toHaveLength(count);
}, 60_000);
