// The command line, run as a child process against the simulator: every command and exit code.

import { execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportTypes } from "../../generated/reports.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";

const root = path.resolve(import.meta.dirname, "../..");
const main = path.join(root, "src/cli/main.ts");
let sim: Simulator;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  sim = await startSimulator({ dateFormat: "MM/DD/YYYY", clientSecret: "cli-test-secret-4f9a0b1c2d3e" });
  env = {
    ...process.env,
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: sim.clientSecret,
  };
});
afterAll(() => sim.close());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function cli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, ...args],
      { env: options.env ?? env, cwd: options.cwd ?? root, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
const tmp = () => mkdtemp(path.join(tmpdir(), "ycr-cli-"));
const secretsIn = (run: Run) => [run.stdout, run.stderr].join("\n").includes(sim.clientSecret);

describe("download", () => {
  it("saves the vendor example into a directory and prints the path (exit 0)", async () => {
    const dir = await tmp();
    const before = sim.requests.length;
    const run = await cli([
      "download",
      "--type",
      "queuesatisfaction",
      "--queue-id",
      "1",
      "--start-time",
      "2022-04-01T00:00:00",
      "--end-time",
      "2022-05-31 23:59:59",
      "--out",
      `${dir}/`,
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const [file] = await readdir(dir);
    expect(run.stdout).toBe(`${path.join(dir, file!)}\n`);
    expect(await readFile(path.join(dir, file!), "utf8")).toMatch(/^Queue,KEY: 1\(5 Points\)/);
    const step1 = sim.requests.slice(before).find((r) => r.path.includes("call_report"))!;
    expect(step1.query).toMatchObject({
      start_time: "04/01/2022 00:00:00",
      end_time: "05/31/2022 23:59:59",
      queue_id: "1",
    });
  });

  it("writes json and ndjson rows, to a file or to stdout; csv to stdout is the PBX's bytes", async () => {
    const dir = await tmp();
    const base = ["download", "--type", "extcallactivity", "--ext-id-list", "1,2", "--time", "2024-05-03"];
    const json = await cli([...base, "--format", "json", "--out", path.join(dir, "a.json")]);
    expect(json.code).toBe(0);
    const rows = JSON.parse(await readFile(path.join(dir, "a.json"), "utf8"));
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatchObject({ Time: "00:00-00:59" });
    const ndjson = await cli([...base, "--format", "ndjson", "--out", "-"]);
    expect(
      ndjson.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual(rows);
    const csv = await cli([...base, "--out", "-"]);
    expect(csv.stdout.split("\r\n")[0]).toBe("Time,Total Calls,Answered,No Answer,Busy,Total Talking Time");
  });

  it("downloads a YAML batch with one token", async () => {
    const dir = await tmp();
    const batch = path.join(dir, "batch.yaml");
    await writeFile(
      batch,
      "- type: queuesatisfaction\n  queue_id: 1\n- type: ivr\n  ivr_id_list: [1, 2]\n  start_time: 2024-05-01\n- " +
        "type: trunkactivity\n  trunk_id_list: 1\n  time: '2024'\n",
    );
    const before = sim.requests.length;
    const run = await cli(["download", "--from-file", batch, "--out", `${dir}/out/`]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(3);
    expect(sim.requests.slice(before).filter((r) => r.path.endsWith("get_token"))).toHaveLength(1);
    expect(await readdir(path.join(dir, "out"))).toHaveLength(3);
  });

  it("an invalid query is exit 2 with the flag named, and nothing is sent", async () => {
    const before = sim.requests.length;
    for (const args of [
      ["--type", "extcallstatistics", "--ext-id-list", "1", "--queue-id", "1"],
      ["--type", "extcallactivity", "--ext-id-list", "1"],
      ["--type", "queuesatisfaction", "--queue-id", "1", "--start-time", "31/05/2022"],
      ["--type", "nosuch"],
      ["--type", "ivr", "--ivr-id-list", "1", "--need-detail", "2"],
      ["--queue-id", "1"],
      ["--bogus"],
    ]) {
      const run = await cli(["download", ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(/error/);
    }
    const run = await cli(["download", "--type", "extcallstatistics", "--ext-id-list", "1", "--queue-id", "1"]);
    expect(run.stderr).toBe(
      "error: extcallstatistics (Extension Call Statistics) does not take queue_id; it takes: ext_id_list, " +
        "start_time, end_time, communication_type, is_async (--queue-id)\nSee --help for the accepted flags and " +
        "examples.\n",
    );
    expect(sim.requests.length).toBe(before);
  });

  it("a PBX error is exit 1 with the errcode, its meaning and valid_msg", async () => {
    const run = await cli([
      "download",
      "--type",
      "queuesatisfaction",
      "--queue-id",
      "1",
      "--start-time",
      "2022-04-01",
      "--date-format",
      "DD/MM/YYYY",
      "--clock",
      "12",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /errcode 40002 PARAMETER ERROR — A parameter was rejected.*start_time format invalid, valid format: 01\/02\/2006 15:04:05.*display format/,
    );
    expect(run.stderr.trim().split("\n")).toHaveLength(2);
  });

  it("network, credential and file errors are exit 1", async () => {
    const dir = await tmp();
    const q = [
      "download",
      "--type",
      "queuesatisfaction",
      "--queue-id",
      "1",
      "--out",
      path.join(dir, "satisfaction.csv"),
    ];
    expect((await cli(q)).code).toBe(0);
    const again = await cli(q);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already; pass --overwrite to replace it/);
    expect((await cli([...q, "--overwrite"])).code).toBe(0);
    const wrong = await cli(q, { env: { ...env, YEASTAR_CLIENT_SECRET: "nope" } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/errcode -1 FAILURE.*Check the client ID and client secret/);
    const down = await cli(q, { env: { ...env, YEASTAR_BASE_URL: "http://127.0.0.1:1" } });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/connection failed/);
  });

  it("missing connection settings are exit 2 and say what to set", async () => {
    const run = await cli(["download", "--type", "queuesatisfaction", "--queue-id", "1"], {
      env: { PATH: process.env.PATH },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--base-url .* YEASTAR_BASE_URL/);
  });

  it("--verbose prints the request log with tokens redacted; no secret anywhere", async () => {
    const run = await cli(["download", "--type", "queuesatisfaction", "--queue-id", "1", "--out", "-", "--verbose"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /\[request\] GET .*\/openapi\/v2\.0\/call_report\/download\?.*access_token=\[redacted\]/,
    );
    expect(run.stderr).not.toMatch(/access_token=(?!\[redacted\])/);
    expect(secretsIn(run)).toBe(false);
    for (const help of [["--help"], ["download", "--help"], ["info", "--help"]])
      expect(secretsIn(await cli(help))).toBe(false);
  });

  it("shows progress on a TTY (percentage, rate, time left) and a closing line that stays; -q and pipes show none", async () => {
    const big = await startSimulator({ reportSize: 30_000_000 });
    try {
      const dir = await tmp();
      const args = ["download", "--type", "queuesatisfaction", "--queue-id", "1", "--out", `${dir}/`];
      const bigEnv = {
        ...env,
        YEASTAR_BASE_URL: big.baseUrl,
        YEASTAR_CLIENT_ID: big.clientId,
        YEASTAR_CLIENT_SECRET: big.clientSecret,
      };
      const piped = await cli(args, { env: bigEnv });
      expect(piped).toMatchObject({ code: 0, stderr: "" });
      const onTty = (extra: string[]) => {
        const command = [process.execPath, "--import", "tsx", main, ...args, "--overwrite", ...extra]
          .map((a) => `'${a}'`)
          .join(" ");
        return new Promise<string>((resolve) => {
          const child = spawn("script", ["-qec", command, "/dev/null"], { env: bigEnv, cwd: root });
          let out = "";
          child.stdout.on("data", (d) => (out += d));
          child.on("close", () => resolve(out));
        });
      };
      const tty = await onTty([]);
      expect(tty).toMatch(/queuesatisfaction: [\d.]+ MB of 30\.0 MB \(\d+%\), [\d.]+ [kM]B\/s, \d+:\d\d left/);
      // The closing line is what the terminal keeps: the last \r\e[K is followed by it and a newline.
      const kept = tty.split("\r\x1b[K").at(-1) ?? "";
      expect(kept).toMatch(/^queuesatisfaction: 30\.0 MB in [\d.]+ s \([\d.]+ [kM]B\/s\)\r?\n/);
      const quiet = await onTty(["-q"]);
      expect(quiet).not.toMatch(/queuesatisfaction:/);
    } finally {
      await big.close();
    }
  });
});

describe("download past the spec (--unchecked)", () => {
  it("the newer pages' types download from the simulator", async () => {
    const dir = await tmp();
    for (const type of ["aisttusage", "unreturnmisscall"]) {
      const run = await cli([
        "download",
        "--type",
        type,
        "--start-time",
        "2024-05-01",
        "--end-time",
        "2024-05-02",
        "--out",
        `${dir}/`,
      ]);
      expect(run, type).toMatchObject({ code: 0, stderr: "" });
    }
    expect((await readdir(dir)).sort().map((f) => f.split("-")[0])).toEqual([
      "TranscriptionUsageDetails",
      "UnreturnedMissedCall",
    ]);
  });

  it("an unknown type with --unchecked --param reaches the PBX with exactly those parameters plus the token; without --unchecked nothing is sent", async () => {
    const before = sim.requests.length;
    const refused = await cli(["download", "--type", "nosuchtype", "--param", "x=1"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/unknown report type "nosuchtype"; valid types:/);
    expect(sim.requests.length).toBe(before);

    const run = await cli(["download", "--unchecked", "--type", "nosuchtype", "--param", "x=1", "--out", "-"]);
    expect(run.stderr).toMatch(/^warning: unchecked: report type "nosuchtype" is not in the spec of this version/m);
    const sent = sim.requests.slice(before).filter((r) => r.path.includes("call_report"));
    expect(sent.map((r) => r.query)).toEqual([{ type: "nosuchtype", x: "1", access_token: "[redacted]" }]);
    // The simulator does not know the type either: -2, as a PBX without it answers.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/errcode -2 INTERNAL SERVER ERROR/);
    expect((await cli(["download", "--unchecked", "--type", "ivr", "--param", "oops"])).code).toBe(2);
  });
});

describe("types, info, options, simulate", () => {
  it("types lists every report type; types TYPE shows its flags; an unknown type is exit 2", async () => {
    const all = await cli(["types"]);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split("\n")).toHaveLength(Object.keys(reportTypes).length + 1);
    const one = await cli(["types", "queueperformance"]);
    expect(one.stdout).toMatch(/--queue-id-list\s+yes\s+ID,ID,…/);
    expect(one.stdout).toMatch(/--need-detail\s+no\s+0\|1/);
    expect((await cli(["types", "nosuch"])).code).toBe(2);
    for (const name of ["toString", "constructor"]) {
      const inherited = await cli(["types", name]);
      expect(inherited, name).toMatchObject({ code: 2, stdout: "" });
      expect(inherited.stderr).toMatch(new RegExp(`unknown report type "${name}"; valid types: aisttusage, `));
    }
  });

  it("info shows the PBX's formats, offset and API version", async () => {
    const run = await cli(["info"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/display format\s+MM\/DD\/YYYY HH:mm:ss \(24-hour\)/);
    expect(run.stdout).toMatch(/UTC offset\s+\+00:00/);
    expect(run.stdout).toMatch(/API version\s+v2\.0/);
  });

  it("options lists IDs; queue_agent takes --id", async () => {
    const run = await cli(["options", "queue_agent", "--id", "1"]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toBe("ID  NAME\n1   1001 - Alice Chen\n2   1002 - Bob Martin\n3   1003 - Chloé Dubois\n");
  });

  it("options takes the vendor's lower-case menu names in any case; a wrong menu or queue_agent without --id sends nothing (exit 2)", async () => {
    for (const menu of ["ivr", "IVR"]) {
      const run = await cli(["options", menu]);
      expect(run, menu).toMatchObject({ code: 0, stdout: "ID  NAME\n1   6200 - Main menu\n2   6201 - After hours\n" });
    }
    const before = sim.requests.length;
    const missing = await cli(["options", "queue_agent"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/queue_agent .*(--id|id)/);
    const unknown = await cli(["options", "nosuch"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/valid menus: .*ivr/);
    expect(sim.requests.length).toBe(before);
  });

  it("options prints the PBX's invalid_param_list (field and value)", async () => {
    const run = await cli(["options", "queue_agent", "--id", "99"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/errcode 40002 PARAMETER ERROR.*Rejected: id="99"/);
  });

  it("simulate prints its base URL and credentials, and serves until stopped", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", main, "simulate", "--date-format", "DD/MM/YYYY", "--clock", "12"],
      { cwd: root },
    );
    const out = await new Promise<string>((resolve) => {
      let text = "";
      child.stdout.on("data", (d) => {
        text += d;
        if (text.includes("Ctrl-C")) resolve(text);
      });
    });
    const vars = Object.fromEntries([...out.matchAll(/(YEASTAR_\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    expect(vars.YEASTAR_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = await cli(["info"], { env: { ...process.env, ...vars } });
    expect(info.stdout).toMatch(/DD\/MM\/YYYY hh:mm:ss AM \(12-hour\)/);
    child.kill("SIGTERM");
    expect(await new Promise((resolve) => child.on("exit", resolve))).toBe(0);
  });
});
