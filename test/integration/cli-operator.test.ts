// The operator's command line (issue 12): no silent empty report, IDs by @NUMBER or @NAME, periods on the
// PBX's calendar. Each as a child process against the simulator: exit code, stdout, stderr.

import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/simulator/index.js";

const root = path.resolve(import.meta.dirname, "../..");
let sim: Simulator;
afterEach(() => sim?.close());
const start = async (options: SimulatorOptions = {}) => (sim = await startSimulator(options));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // TZ=UTC: the machine's calendar must not be the one periods follow.
  const env = {
    ...process.env,
    TZ: "UTC",
    YEASTAR_BASE_URL: sim.baseUrl,
    YEASTAR_CLIENT_ID: sim.clientId,
    YEASTAR_CLIENT_SECRET: sim.clientSecret,
  };
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args],
      { env, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
const reportRequests = () => sim.requests.filter((r) => r.path.includes("call_report/download"));
const out = async () => `${await mkdtemp(path.join(tmpdir(), "ycr-op-"))}/`;

describe("no silent empty report", () => {
  it("queue 99 does not exist: the report is saved, the diagnosis says why; --fail-on-empty makes it exit 3", async () => {
    await start();
    const args = ["download", "--type", "queueperformance", "--queue-id-list", "99", "--out", await out()];
    const plain = await cli(args);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/warning: the queueperformance report holds no data row/);
    expect(plain.stderr).toMatch(
      /likely\s+queue_id_list: queue 99 does not exist on the PBX \(it has 1 = 6400 - Sales, 2 = 6401 - Support\)/,
    );
    expect(plain.stderr).toMatch(/ruled out\s+times were written in the display format the PBX reports/);
    const strict = await cli([...args, "--fail-on-empty"]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toMatch(/queue 99 does not exist/);
  });

  it("v1.0 on new firmware is named the likely cause; a report with rows says nothing", async () => {
    await start();
    const v1 = await cli([
      "download",
      "--type",
      "queueperformance",
      "--queue-id-list",
      "1",
      "--api-version",
      "v1.0",
      "--out",
      await out(),
    ]);
    expect(v1.stderr).toMatch(/likely\s+v1\.0 on firmware 37\.23\.0\.123/);
    const full = await cli(["download", "--type", "queueperformance", "--queue-id-list", "1", "--out", await out()]);
    expect(full).toMatchObject({ code: 0, stderr: "" });
  });

  it("end_time before start_time is refused before sending (exit 2)", async () => {
    await start();
    const run = await cli([
      "download",
      "--type",
      "queueperformance",
      "--queue-id-list",
      "1",
      "--start-time",
      "2024-05-31",
      "--end-time",
      "2024-05-01",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/end_time is before start_time/);
    expect(sim.requests).toEqual([]);
  });
});

describe("IDs by @NUMBER or @NAME", () => {
  it("resolves numbers and names (whole word, any case) through the menu the spec names for the parameter", async () => {
    await start();
    const run = await cli([
      "download",
      "--type",
      "queueperformance",
      "--queue-id-list",
      "@6400,@support,2",
      "--out",
      await out(),
    ]);
    expect(run.code).toBe(0);
    expect(reportRequests()[0]!.query.queue_id_list).toBe("1,2,2");
    const agents = await cli([
      "download",
      "--type",
      "queueagentperformance",
      "--queue-id",
      "@Support",
      "--agent-id-list",
      "@1004,@emma",
      "--out",
      await out(),
    ]);
    expect(agents.code).toBe(0);
    expect(reportRequests()[1]!.query).toMatchObject({ queue_id: "2", agent_id_list: "4,5" });
  });

  it("no match or several: exit 2 listing the candidates with number, name and ID; no report request", async () => {
    await start();
    const none = await cli([
      "download",
      "--type",
      "queueperformance",
      "--queue-id-list",
      "@Salez",
      "--out",
      await out(),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      '--queue-id-list: no queue is "Salez" (did you mean Sales?); the queue options are: 6400 - Sales (ID 1); 6401 - Support (ID 2)',
    );
    const many = await cli(["download", "--type", "extcallstatistics", "--ext-id-list", "@team", "--out", await out()]);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(
      /"team" names more than one extension\/ext_group: Sales team \(ID 51\); Support team \(ID 52\)/,
    );
    expect(reportRequests()).toEqual([]);
  });
});

describe("periods on the PBX's calendar", () => {
  it("--period last-month sends the first and last second of the previous month in the PBX's format and zone", async () => {
    // 2024-06-30 11:00 UTC is already 1 July in Kiritimati (UTC+14): last month is June there, May here.
    await start({
      timeZone: "Pacific/Kiritimati",
      dateFormat: "MM/DD/YYYY",
      clock: 12,
      startTime: Date.UTC(2024, 5, 30, 11),
    });
    const run = await cli([
      "download",
      "--type",
      "queueperformance",
      "--queue-id-list",
      "1",
      "--period",
      "last-month",
      "--out",
      await out(),
    ]);
    expect(run.code).toBe(0);
    expect(reportRequests()[0]!.query).toMatchObject({
      start_time: "06/01/2024 12:00:00 AM",
      end_time: "06/30/2024 11:59:59 PM",
    });
  });

  it("a bucket report gets the bucket; a week is refused with a hint; --period with explicit times is exit 2", async () => {
    await start({ startTime: Date.UTC(2024, 6, 15, 12) });
    expect(
      (
        await cli([
          "download",
          "--type",
          "extcallactivity",
          "--ext-id-list",
          "1",
          "--period",
          "last-month",
          "--out",
          await out(),
        ])
      ).code,
    ).toBe(0);
    expect(reportRequests()[0]!.query.time).toBe("2024/06");
    const week = await cli(["download", "--type", "extcallactivity", "--ext-id-list", "1", "--period", "last-week"]);
    expect(week.code).toBe(2);
    expect(week.stderr).toMatch(
      /--period last-week is no bucket of an activity report.*use today, yesterday, this-month/,
    );
    const clash = await cli([
      "download",
      "--type",
      "queueperformance",
      "--queue-id-list",
      "1",
      "--period",
      "today",
      "--start-time",
      "2024-01-01",
    ]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/--period sets the times itself: give no --start-time with it/);
  });
});

describe("output a script can rely on, and errors a person can act on", () => {
  it("--json on info, options, types and the download summary", async () => {
    await start();
    const info = JSON.parse((await cli(["info", "--json"])).stdout);
    expect(info).toMatchObject({
      apiVersion: "v2.0",
      format: { date: "YYYY/MM/DD", clock: 24 },
      information: { firmware_version: "37.23.0.123" },
    });
    expect(JSON.parse((await cli(["options", "queue", "--json"])).stdout)).toEqual([
      { text: "6400 - Sales", value: "1" },
      { text: "6401 - Support", value: "2" },
    ]);
    expect(JSON.parse((await cli(["types", "ivr", "--json"])).stdout).ivr.parameters.ivr_id_list).toMatchObject({
      required: true,
      kind: "id-list",
    });
    const summary = await cli([
      "download",
      "--type",
      "queueperformance",
      "--queue-id-list",
      "99",
      "--json",
      "--out",
      await out(),
    ]);
    const line = JSON.parse(summary.stdout);
    expect(line).toMatchObject({
      profile: null,
      type: "queueperformance",
      query: { queue_id_list: "99" },
      empty: true,
      error: null,
    });
    expect(line.bytes).toBeGreaterThan(0);
    expect(line.path).toMatch(/QueuePerformance-.*\.csv$/);
  });

  it("--dry-run prints the exact request (times translated, token redacted) and sends no report request", async () => {
    await start({ dateFormat: "DD/MM/YYYY", clock: 12 });
    const run = await cli([
      "download",
      "--type",
      "ivr",
      "--ivr-id-list",
      "1",
      "--start-time",
      "2024-05-01",
      "--dry-run",
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.trim()).toBe(
      "GET /openapi/v2.0/call_report/download?type=ivr&start_time=01%2F05%2F2024+12%3A00%3A00+AM&ivr_id_list=1&access_token=[redacted]",
    );
    expect(reportRequests()).toEqual([]);
  });

  it("did you mean, for a report type and a menu; a Go layout in valid_msg is shown translated", async () => {
    await start({ dateFormat: "DD/MM/YYYY", clock: 12 });
    expect((await cli(["download", "--type", "queueperformence", "--queue-id-list", "1"])).stderr).toMatch(
      /unknown report type "queueperformence" \(did you mean queueperformance\?\)/,
    );
    expect((await cli(["options", "extensoin"])).stderr).toMatch(
      /unknown menu "extensoin" \(did you mean extension\?\)/,
    );
    const wrong = await cli([
      "download",
      "--type",
      "ivr",
      "--ivr-id-list",
      "1",
      "--start-time",
      "2024-05-01",
      "--date-format",
      "YYYY/MM/DD",
      "--clock",
      "24",
    ]);
    expect(wrong.stderr).toContain("valid format: 02/01/2006 03:04:05 PM) = DD/MM/YYYY hh:mm:ss AM");
  });

  it("simulate on a busy port exits 1 and says so", async () => {
    await start();
    const port = new URL(sim.baseUrl).port;
    const run = await cli(["simulate", "--port", port]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`port ${port} is in use`));
  });
});

describe("connection errors a person can act on", () => {
  const bare = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args],
        { env: { ...process.env, YEASTAR_CLIENT_ID: "a", YEASTAR_CLIENT_SECRET: "b", ...env } },
        (error, _o, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );

  it("a closed port, HTTPS against an HTTP port: host:port and the next step; no --verbose hint when it was given", async () => {
    await start();
    const port = new URL(sim.baseUrl).port;
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = server.address() as net.AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const refused = await bare(["info", "--base-url", `http://127.0.0.1:${closed}`, "-q"], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`Nothing answers at 127\\.0\\.0\\.1:${closed}: check --base-url`));
    expect(refused.stderr).not.toMatch(/retry/);
    expect(refused.stderr).toMatch(/Run again with --verbose/);
    const tls = await bare(["info", "--base-url", `https://127.0.0.1:${port}`, "-v"], {});
    expect(tls.stderr).toMatch(
      new RegExp(`127\\.0\\.0\\.1:${port} does not speak HTTPS on this port: check it \\(--base-url http://127`),
    );
    expect(tls.stderr).toMatch(/the PBX did not answer in TLS/);
    // Deterministic: one attempt, no retry line (issue 20, point 6).
    expect(tls.stderr).not.toMatch(/retry/);
    expect(tls.stderr).not.toMatch(/Run again with --verbose/);
  });

  it("a --ca file without a certificate is exit 2 and says so", async () => {
    await start();
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-ca-"));
    const { writeFile } = await import("node:fs/promises");
    await writeFile(path.join(dir, "ca.pem"), "not a certificate\n");
    const run = await cli(["info", "--ca", path.join(dir, "ca.pem")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--ca .*ca\.pem holds no PEM certificate/);
  });

  it("JSON/NDJSON rows of a need_detail report say their table", async () => {
    await start();
    const run = await cli([
      "download",
      "--type",
      "ivr",
      "--ivr-id-list",
      "1",
      "--start-time",
      "2024-05-01",
      "--end-time",
      "2024-05-01",
      "--need-detail",
      "1",
      "--format",
      "ndjson",
      "--out",
      "-",
    ]);
    const sections = new Set(
      run.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)._section),
    );
    expect(sections).toEqual(new Set(["summary", "detail", "total"]));
  });
});

describe("help and words", () => {
  it("download --help lists the common flags, not every report parameter; --type TYPE --help lists that type's", async () => {
    await start();
    const general = await cli(["download", "--help"]);
    expect(general.stdout).toMatch(/--period <period>/);
    expect(general.stdout).not.toMatch(/--ring-group-id-list/);
    expect(general.stdout).toMatch(/download --type TYPE --help/);
    const ivr = await cli(["download", "--type", "ivr", "--help"]);
    expect(ivr.code).toBe(0);
    expect(ivr.stdout).toMatch(/^ivr: IVR Report/);
    expect(ivr.stdout).toMatch(/--ivr-id-list\s+yes/);
    expect(ivr.stdout).not.toMatch(/--queue-id/);
  });

  it("errors use the command line's words, not the library's option names", async () => {
    await start();
    const dir = await out();
    const args = ["download", "--type", "queueperformance", "--queue-id-list", "1", "--out", `${dir}report.csv`];
    expect((await cli(args)).code).toBe(0);
    const again = await cli(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already; pass --overwrite to replace it/);
    expect(again.stderr).not.toMatch(/overwrite: true/);
  });
});

describe("pause reasons", () => {
  it("options pause-reasons lists them; --reason @lunch sends the PBX's reason; an unknown one is exit 2", async () => {
    await start();
    const list = await cli(["options", "pause-reasons"]);
    expect(list.stdout).toBe("CODE  REASON\n*01   Lunch\n*02   Break\n*03   Wrap up\n*04   Task Transfer\n");
    const run = await cli([
      "download",
      "--type",
      "queueagentpausetime",
      "--queue-id",
      "1",
      "--reason",
      "@lunch",
      "--out",
      await out(),
    ]);
    expect(run.code).toBe(0);
    expect(reportRequests()[0]!.query.reason).toBe("Lunch");
    const wrong = await cli(["download", "--type", "queueagentpausetime", "--queue-id", "1", "--reason", "@Dinner"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--reason: no pause reason is "Dinner"; the pause reason options are: \*01 Lunch/);
  });
});

describe("scheduled call reports", () => {
  it("scheduled list --json; scheduled download --name Support --out DIR/, sync and async; an unknown id names it", async () => {
    await start();
    const list = JSON.parse((await cli(["scheduled", "list", "--json"])).stdout);
    expect(list.map((s: { name: string }) => s.name)).toEqual([
      "Support",
      "Sales",
      "Support2",
      "test-extension-report",
    ]);
    for (const extra of [[], ["--async"]]) {
      const dir = await out();
      const run = await cli(["scheduled", "download", "--name", "support", "--out", dir, ...extra]);
      expect(run, extra.join(" ")).toMatchObject({ code: 0, stdout: `${dir}Support.csv\n` });
    }
    expect(reportRequests()).toEqual([]);
    const bound = sim.requests.filter((r) => r.path.includes("call_schedule_report/download")).map((r) => r.query);
    expect(bound).toEqual([
      { id: "3", access_token: "[redacted]" },
      { id: "3", is_async: "1", access_token: "[redacted]" },
    ]);
    const unknown = await cli(["scheduled", "download", "--id", "99"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/errcode 60001 DATA NOT FOUND.*No scheduled report has id 99/);
    // In the command line's words: the list command, not the library's method.
    expect(unknown.stderr).toMatch(/list them: yeastar-call-reports scheduled list/);
    expect(unknown.stderr).not.toMatch(/scheduledReports/);
    const sent = sim.requests.length;
    const badId = await cli(["scheduled", "download", "--id", "5x"]);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/--id: a scheduled report's ID is a whole number, not "5x"/);
    const neither = await cli(["scheduled", "download"]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/give --id N or --name NAME/);
    expect(sim.requests.length).toBe(sent);
  });
});

describe("statistics as JSON", () => {
  const query = ["--type", "extcallstatistics", "--ext-id-list", "1,2", "--start-time", "2024-05-01"];
  it("download --format stats prints the report's numbers on one line; stats-ndjson one line a list entry", async () => {
    await start();
    const stats = await cli(["download", ...query, "--end-time", "2024-05-31", "--format", "stats"]);
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout);
    expect(parsed).toMatchObject({ type: "extcallstatistics", total_number: 2 });
    expect(parsed.ext_call_statistics_list).toEqual([
      expect.objectContaining({ ext_num: "1001", ext_name: "Alice Chen", total_call_count: expect.any(Number) }),
      expect.objectContaining({ ext_num: "1002", ext_name: "Bob Martin", total_talking_time: expect.any(Number) }),
    ]);
    const lines = await cli(["download", ...query, "--end-time", "2024-05-31", "--format", "stats-ndjson"]);
    expect(
      lines.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual(parsed.ext_call_statistics_list);
    expect(reportRequests()).toEqual([]);
    expect(sim.requests.filter((r) => r.path.includes("call_report/list"))).toHaveLength(2);
  });

  it("refuses --out and --unchecked with --format stats, before anything is sent", async () => {
    await start();
    const sent = sim.requests.length;
    const withOut = await cli(["download", ...query, "--format", "stats", "--out", await out()]);
    expect(withOut).toMatchObject({ code: 2 });
    expect(withOut.stderr).toMatch(/prints to stdout the statistics of checked queries: give no --out/);
    expect(sim.requests.length).toBe(sent);
  });
});
