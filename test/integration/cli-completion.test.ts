// Shell completion from the program (`__complete`): the bash script driven as bash drives it, with COMP_WORDS and
// COMP_CWORD, through a `yeastar-call-reports` on PATH (and `npx yeastar-call-reports`).
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { root, runCli } from "../helpers/cli.js";

// tsx by its file, as the completions run in another directory than the repository.
const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
let dir: string;
let script: string;
let sim: Simulator;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(path.join(tmpdir(), "ycr-completion-"));
  const bin = path.join(dir, "bin");
  await mkdir(bin);
  // The installed command, as npm links it: here the source through tsx; npx is a stand-in that runs it too.
  const run = `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${path.join(root, "src/cli/main.ts")}" "$@"\n`;
  await writeFile(path.join(bin, "yeastar-call-reports"), run);
  await writeFile(path.join(bin, "npx"), `#!/bin/sh\nshift; shift\n${run.split("\n")[1]}\n`);
  await Promise.all(["yeastar-call-reports", "npx"].map((f) => chmod(path.join(bin, f), 0o755)));
  script = path.join(dir, "completion.bash");
  await writeFile(script, (await runCli(["completion", "bash"])).stdout);
  await mkdir(path.join(dir, "files"));
  await writeFile(path.join(dir, "files", "pbx.pem"), "");
  await writeFile(path.join(dir, "files", "reports.yaml"), "");
  const config = path.join(dir, "config.yaml");
  await writeFile(config, `profiles:\n  hq:\n    base_url: ${sim.baseUrl}\n  branch:\n    base_url: ${sim.baseUrl}\n`);
  env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(dir, "xdg"),
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: sim.clientSecret,
  };
  await mkdir(path.join(dir, "xdg", "yeastar-call-reports"), { recursive: true });
  await writeFile(
    path.join(dir, "xdg", "yeastar-call-reports", "config.yaml"),
    await import("node:fs/promises").then((f) => f.readFile(config)),
  );
});
afterAll(() => sim.close());

/** What bash offers for the last word of `line` (words split on spaces; "" for an empty last word). */
function complete(words: string[]): Promise<string[]> {
  const quoted = words.map((w) => `'${w}'`).join(" ");
  const program = `source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _yeastar_call_reports; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return new Promise((resolve, reject) =>
    execFile("bash", ["-c", program], { env, cwd: dir, timeout: 20_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.split("\n").filter(Boolean)),
    ),
  );
}
const ycr = "yeastar-call-reports";

describe("bash completion", () => {
  it("values: --format, --type, --period, --api-version, --clock, --profile (from the config)", async () => {
    expect(await complete([ycr, "download", "--format", ""])).toEqual([
      "csv",
      "json",
      "ndjson",
      "stats",
      "stats-ndjson",
    ]);
    expect(await complete([ycr, "download", "--type", "queueperf"])).toEqual([
      "queueperformance",
      "queueperformanceactivity",
    ]);
    expect(await complete([ycr, "download", "--period", "last-"])).toEqual(expect.arrayContaining(["last-month"]));
    expect(await complete([ycr, "info", "--api-version", ""])).toEqual(["auto", "v1.0", "v2.0"]);
    expect(await complete([ycr, "info", "--clock", ""])).toEqual(["12", "24"]);
    expect((await complete([ycr, "info", "--profile", ""])).sort()).toEqual(["branch", "hq"]);
  });

  it("files after --out, --ca, --from-file, --config, and for convert", async () => {
    expect(await complete([ycr, "download", "--out", "files/"])).toEqual(["files/pbx.pem", "files/reports.yaml"]);
    expect(await complete([ycr, "info", "--ca", "files/p"])).toEqual(["files/pbx.pem"]);
    expect(await complete([ycr, "download", "--from-file", "files/r"])).toEqual(["files/reports.yaml"]);
    expect(await complete([ycr, "info", "--config", "files/r"])).toEqual(["files/reports.yaml"]);
    expect(await complete([ycr, "convert", "files/r"])).toEqual(["files/reports.yaml"]);
  });

  it("menus for options, commands, subcommands, flags after the values, shells", async () => {
    expect(await complete([ycr, "options", "queue"])).toEqual(["queue", "queue_agent"]);
    expect(await complete([ycr, "options", "pause"])).toEqual(["pause-reasons"]);
    expect(await complete([ycr, "dow"])).toEqual(["download"]);
    expect(await complete([ycr, "scheduled", ""])).toEqual(["list", "download"]);
    expect(await complete([ycr, "completion", ""])).toEqual(["bash", "zsh", "fish"]);
    expect(await complete([ycr, "download", "--format", "csv", "--que"])).toEqual(["--queue-id", "--queue-id-list"]);
  });

  it("scheduled report names from the PBX; npx yeastar-call-reports completes the same", async () => {
    expect(await complete([ycr, "scheduled", "download", "--name", "Sup"])).toEqual(["Support", "Support2"]);
    expect(await complete(["npx", ycr, "download", "--format", "nd"])).toEqual(["ndjson"]);
    expect(await complete(["npx", ycr, "options", "ivr"])).toEqual(["ivr"]);
  });

  it("zsh gets the bash script through bashcompinit; fish asks __complete too", async () => {
    expect((await runCli(["completion", "zsh"])).stdout).toMatch(/^autoload -U \+X bashcompinit/);
    expect((await runCli(["completion", "fish"])).stdout).toMatch(/yeastar-call-reports __complete \$words/);
    expect((await runCli(["completion", "tcsh"])).code).toBe(2);
  });
});
