// Every code sample in the README runs: TypeScript samples against the simulator (imports of the package
// pointed at src/), command lines through the CLI. `npm ci`, `npm run demo`, `npm test` and `npm install`
// are exercised by CI itself, the demo test and the package test.

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import selfsigned from "selfsigned";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/^```(ts|sh)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
const tsx = import.meta.resolve("tsx");
const src = (file: string) => pathToFileURL(path.join(root, "src", file)).href;

let plain: Simulator;
let tls: Simulator;
let pem: string;
beforeAll(async () => {
  const cert = await selfsigned.generate([{ name: "commonName", value: "pbx" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
  });
  pem = cert.cert;
  [plain, tls] = await Promise.all([startSimulator(), startSimulator({ tls: { key: cert.private, cert: cert.cert } })]);
});
afterAll(() => Promise.all([plain?.close(), tls?.close()]));

function run(args: string[], cwd: string, sim: Simulator) {
  const env = {
    ...process.env,
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: sim.clientSecret,
  };
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ["--import", tsx, ...args], { cwd, env, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** Splits a command line the way a shell would for these samples: words, double-quoted words, no comment. */
const words = (line: string) => [...line.replace(/\s+#.*$/, "").matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

it("the README has samples in both languages", () => {
  expect(blocks.filter((b) => b.lang === "ts").length).toBeGreaterThanOrEqual(5);
  expect(blocks.filter((b) => b.lang === "sh").length).toBeGreaterThanOrEqual(3);
});

it.each(blocks.map((b, i) => [i, b] as const).filter(([, b]) => b.lang === "ts"))(
  "TypeScript sample %i runs against the simulator",
  async (i, block) => {
    const cwd = await mkdtemp(path.join(tmpdir(), "ycr-readme-"));
    const code = block.code
      .replaceAll('"yeastar-call-reports/simulator"', JSON.stringify(src("simulator/index.ts")))
      .replaceAll('"yeastar-call-reports/api"', JSON.stringify(src("api/index.ts")))
      .replaceAll('"yeastar-call-reports"', JSON.stringify(src("index.ts")));
    await writeFile(path.join(cwd, `sample-${i}.mts`), code);
    await writeFile(path.join(cwd, "pbx.pem"), pem);
    const result = await run([`sample-${i}.mts`], cwd, block.code.includes("ca:") ? tls : plain);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout, "each sample prints what it got").not.toBe("");
  },
);

it("every command line of the README runs through the CLI against the simulator", async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), "ycr-readme-"));
  const skipped = /^(npm ci|npm install|npm test|npm run)/;
  let ran = 0;
  for (const block of blocks.filter((b) => b.lang === "sh")) {
    for (const line of block.code
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)) {
      if (skipped.test(line)) continue;
      const [command, ...args] = words(line);
      expect(command, line).toBe("yeastar-call-reports");
      const result = await run([path.join(root, "src/cli/main.ts"), ...args], cwd, plain);
      expect(result.code, `${line}\n${result.stderr}`).toBe(0);
      ran += 1;
    }
  }
  expect(ran).toBeGreaterThanOrEqual(5);
  // One process per line, one after the other (a later line may read what an earlier one saved): ~0.6 s each here,
  // up to three times that on CI's two busy cores.
}, 120_000);
