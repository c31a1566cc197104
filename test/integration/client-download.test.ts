// The client against the simulator over real HTTP: the vendor example, PBX time, query checks,
// API versions, the two-step download and its file handling (issue 4, points 2, 3, 4, 5).

import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type ReportQuery,
  reportTypeNames,
  reportTypes,
  YeastarFileError,
  YeastarQueryError,
} from "../../src/index.js";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/simulator/index.js";
import { clientFor, received } from "../helpers/client.js";
import { fullQuery } from "../helpers/queries.js";

let sim: Simulator;
const start = async (options: SimulatorOptions = {}) => (sim = await startSimulator(options));
afterEach(async () => {
  vi.useRealTimers();
  await sim?.close();
});
const tmp = () => mkdtemp(path.join(tmpdir(), "ycr-"));

describe("the vendor page's example", () => {
  it("sends exactly the vendor's query on a MM/DD/YYYY 24-hour PBX, then fetches the file from /api/download/", async () => {
    await start({ dateFormat: "MM/DD/YYYY", clock: 24 });
    const { pbx } = clientFor(sim);
    const report = await pbx.downloadReport({
      type: "queuesatisfaction",
      queue_id: 1,
      start_time: "2022-04-01T00:00:00",
      end_time: "2022-05-31T23:59:59",
    });
    const [step1] = received(sim, "call_report/download");
    expect(step1!.query).toEqual({
      type: "queuesatisfaction",
      start_time: "04/01/2022 00:00:00",
      end_time: "05/31/2022 23:59:59",
      queue_id: "1",
      access_token: "[redacted]",
    });
    expect(report.file).toMatch(/^QueueSatisfaction-/);
    const text = await report.text();
    expect(text.startsWith("Queue,KEY: 1(5 Points),KEY: 2(3 Points),KEY: 3(1 Points),Total KEY")).toBe(true);
    expect(received(sim, "/api/download/").map((r) => r.path)).toEqual([`/api/download/${report.file}`]);
    await pbx.close();
  });
});

describe("PBX time", () => {
  const q = { type: "ringgroupstatistics", ring_group_id_list: [1, "2"] } as const;
  const sentTimes = () => {
    const r = received(sim, "call_report/download").at(-1)!.query;
    return [r.start_time, r.end_time];
  };

  it.each([
    [{ dateFormat: "DD/MM/YYYY", clock: 12 }, ["01/04/2022 12:00:00 AM", "31/05/2022 11:59:59 PM"]],
    [{ dateFormat: "YYYY/MM/DD", clock: 24 }, ["2022/04/01 00:00:00", "2022/05/31 23:59:59"]],
    [{ dateFormat: "MM/DD/YYYY", clock: 12 }, ["04/01/2022 12:00:00 AM", "05/31/2022 11:59:59 PM"]],
  ] as const)("writes ISO wall-clock times in the display format read from the PBX: %o", async (options, expected) => {
    await start(options);
    const { pbx } = clientFor(sim);
    await pbx.downloadReport({ ...q, start_time: "2022-04-01 00:00", end_time: "2022-05-31T23:59:59" });
    expect(sentTimes()).toEqual(expected);
    expect(received(sim, "call_report").at(-1)!.query.ring_group_id_list).toBe("1,2");
  });

  it("shows instants in the PBX zone: the offset derived from system_time, or the named IANA zone (with DST)", async () => {
    await start({ dateFormat: "YYYY/MM/DD", utcOffsetMinutes: 480 });
    const auto = clientFor(sim).pbx;
    await auto.downloadReport({
      ...q,
      start_time: new Date("2022-04-01T00:00:00Z"),
      end_time: "2022-05-31T23:59:59-04:00",
    });
    expect(sentTimes()).toEqual(["2022/04/01 08:00:00", "2022/06/01 11:59:59"]);
    const berlin = clientFor(sim, { timeZone: "Europe/Berlin" }).pbx;
    await berlin.downloadReport({ ...q, start_time: "2024-01-15T12:00:00Z", end_time: "2024-07-15T12:00:00Z" });
    expect(sentTimes()).toEqual(["2024/01/15 13:00:00", "2024/07/15 14:00:00"]);
  });

  it("passes on a time already in the display format, takes a date alone as the whole day", async () => {
    await start({ dateFormat: "MM/DD/YYYY", clock: 24 });
    const { pbx } = clientFor(sim);
    await pbx.downloadReport({ ...q, start_time: "04/01/2022 08:30:00", end_time: "2022-05-31" });
    expect(sentTimes()).toEqual(["04/01/2022 08:30:00", "05/31/2022 23:59:59"]);
  });

  it.each([
    ["YYYY/MM/DD", ["2024/05/03", "2024/05", "2024"]],
    ["MM/DD/YYYY", ["05/03/2024", "05/2024", "2024"]],
    ["DD/MM/YYYY", ["03/05/2024", "05/2024", "2024"]],
  ] as const)("writes time buckets in the %s order", async (dateFormat, expected) => {
    await start({ dateFormat });
    const { pbx } = clientFor(sim);
    for (const [i, time] of ["2024-05-03", "2024-05", "2024"].entries()) {
      await pbx.downloadReport({ type: "extcallactivity", ext_id_list: 1, time });
      expect(received(sim, "call_report").at(-1)!.query.time).toBe(expected[i]);
    }
    await pbx.downloadReport({ type: "extcallactivity", ext_id_list: 1, time: expected[0] });
    expect(received(sim, "call_report").at(-1)!.query.time).toBe(expected[0]);
  });

  it.each([
    [
      { start_time: "yesterday" },
      /start_time "yesterday" is not a time; write "2022-04-01T00:00:00" \(PBX time\), .*"04\/01\/2022 00:00:00"/,
    ],
    [{ start_time: "2022-02-30T00:00:00" }, /not a real date and time/],
    [{ start_time: "31/05/2022 23:59:59" }, /not a time this PBX accepts/],
    [{ end_time: new Date("nope") }, /must be a Date or a time string/],
  ])("rejects %o before any report request, with an accepted example", async (times, message) => {
    await start({ dateFormat: "MM/DD/YYYY" });
    const { pbx } = clientFor(sim);
    await expect(pbx.downloadReport({ ...q, ...times } as ReportQuery)).rejects.toThrow(message);
    expect(received(sim, "call_report")).toHaveLength(0);
  });

  it("rejects a bad time bucket with the three accepted forms", async () => {
    await start({ dateFormat: "DD/MM/YYYY" });
    const { pbx } = clientFor(sim);
    const { pbx: other, sent } = clientFor(sim);
    const error = await other
      .downloadReport({ type: "trunkactivity", trunk_id_list: "1", time: "May 2024" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarQueryError);
    expect((error as Error).message).toBe(
      'trunkactivity: time "May 2024" is not a time bucket; write "2024-05-03" (a day, hourly rows), "2024-05" (a ' +
        'month, daily rows) or "2024" (a year, monthly rows), or the same in the PBX\'s date order',
    );
    expect(sent).toEqual([]); // refused before even the PBX's display format was asked for
    // A bucket in another date order than the PBX's is refused once the PBX's order is known, with examples in it.
    const wrongOrder = await pbx
      .downloadReport({ type: "trunkactivity", trunk_id_list: "1", time: "2024/05/03" })
      .catch((e: unknown) => e);
    expect((wrongOrder as Error).message).toBe(
      'trunkactivity: time "2024/05/03" is not a time bucket; write "2024-05-03" (a day, hourly rows), "2024-05" ' +
        '(a month, daily rows) or "2024" (a year, monthly rows), or in the PBX\'s order: "03/05/2024", "05/2024", ' +
        '"2024"',
    );
    expect(received(sim, "call_report")).toHaveLength(0);
  });
});

describe("query checks before any request", () => {
  it.each([
    [
      { type: "nosuch" },
      /unknown report type "nosuch"; valid types: aisttusage, extcallactivity, .*ringgroupstatistics/,
    ],
    [
      { type: "extcallstatistics", ext_id_list: "1", queue_id: "1" },
      /extcallstatistics \(Extension Call Statistics\) does not take queue_id; it takes: /,
    ],
    [{ type: "extcallactivity", ext_id_list: "1" }, /extcallactivity \(Extension Call Activity\) requires time/],
    [
      { type: "trunkactivity", time: "2024", trunk_id_list: "1", communication_type: "Internal" },
      /trunkactivity: communication_type must be one of "Inbound", "Outbound", not "Internal"/,
    ],
    [{ type: "ivr", ivr_id_list: "1", need_detail: 2 }, /ivr: need_detail must be one of 0, 1, not 2/],
    [{ type: "ivr", ivr_id_list: "1001,abc" }, /ivr: ivr_id_list must be IDs from Get Menu Options/],
    [{ type: "queueperformance", queue_id_list: [1], abandon_time: -5 }, /abandon_time must be a whole number ≥ 0/],
  ])("%o", async (query, message) => {
    await start();
    const { pbx, sent } = clientFor(sim);
    const error = await pbx.downloadReport(query as unknown as ReportQuery).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarQueryError);
    expect((error as Error).message).toMatch(message);
    expect(sent).toEqual([]);
  });
});

describe("API versions", () => {
  it("auto: v2.0 from x.21.0.117, v1.0 before; an explicit version wins; token and system calls on v1.0", async () => {
    const q = { type: "queuecallbackssummary", queue_id_list: "1" } as const;
    await start({ firmwareVersion: "83.21.0.117" });
    await clientFor(sim).pbx.downloadReport(q);
    await clientFor(sim, { apiVersion: "v1.0" }).pbx.downloadReport(q);
    expect(received(sim, "call_report").map((r) => r.path)).toEqual([
      "/openapi/v2.0/call_report/download",
      "/openapi/v1.0/call_report/download",
    ]);
    await sim.close();
    await start({ firmwareVersion: "84.20.0.55" });
    await clientFor(sim).pbx.downloadReport(q);
    expect(received(sim, "call_report").map((r) => r.path)).toEqual(["/openapi/v1.0/call_report/download"]);
    expect(
      sim.requests
        .filter((r) => !r.path.includes("call_report"))
        .every((r) => r.path.startsWith("/openapi/v1.0/") || r.path.startsWith("/api/")),
    ).toBe(true);
  });

  it("asks system/information nothing when every option is explicit and no time needs it", async () => {
    await start();
    const { pbx } = clientFor(sim, { apiVersion: "v2.0", displayFormat: { date: "YYYY/MM/DD", clock: 24 } });
    await pbx.downloadReport({ type: "queueavgwaittalktime", queue_id_list: "1", time: "2024-05" });
    expect(received(sim, "system/information")).toHaveLength(0);
  });
});

describe("every report type of the spec", () => {
  it("download through the client and parse into rows", async () => {
    await start();
    const { pbx } = clientFor(sim);
    expect(reportTypeNames).toEqual(Object.keys(reportTypes));
    for (const type of reportTypeNames) {
      const report = await pbx.downloadReport(fullQuery(type, { date: "YYYY/MM/DD", clock: 24 }) as ReportQuery);
      const rows = [];
      for await (const row of report.rows()) rows.push(row);
      expect(rows.length, type).toBeGreaterThan(0);
    }
    expect(received(sim, "get_token")).toHaveLength(1);
  });
});

describe("unchecked queries: past the spec on purpose", () => {
  it("sends an unknown type with exactly its parameters plus the token, times written in the display format, and warns once", async () => {
    await start({ dateFormat: "DD/MM/YYYY", clock: 12 });
    const { pbx, logs } = clientFor(sim);
    const error = await pbx
      .downloadReport(
        { type: "aireceptionistcallactivity", start_time: "2025-01-01", my_report_id: 3 },
        { unchecked: true },
      )
      .catch((e: unknown) => e);
    // The simulator, like a PBX without that type, answers -2.
    expect(error).toMatchObject({ errcode: -2 });
    const [step1] = received(sim, "call_report/download");
    expect(step1!.query).toEqual({
      type: "aireceptionistcallactivity",
      start_time: "01/01/2025 12:00:00 AM",
      my_report_id: "3",
      access_token: "[redacted]",
    });
    expect(logs.filter((l) => l.startsWith("unchecked:"))).toEqual([
      'unchecked: report type "aireceptionistcallactivity" is not in the spec of this version; sent as given ' +
        "(times in the PBX's format, token added)",
    ]);
    await pbx.close();
  });

  it("names the parameters the spec does not know for a known type, and downloads", async () => {
    await start();
    const { pbx, logs } = clientFor(sim);
    const report = pbx.downloadReport(
      { type: "unreturnmisscall", start_time: "2024-05-01", end_time: "2024-05-31", miss_call_type: "no_answer" },
      { unchecked: true },
    );
    // The simulator checks against the spec too, so it refuses the unknown parameter: the request went out as given.
    await expect(report).rejects.toMatchObject({ errcode: 40002 });
    expect(received(sim, "call_report/download")[0]!.query).toMatchObject({
      miss_call_type: "no_answer",
      start_time: "2024/05/01 00:00:00",
    });
    expect(logs).toContain(
      "unchecked: unreturnmisscall takes no miss_call_type in the spec of this version; sent as given (times in " +
        "the PBX's format, token added)",
    );
    await pbx.close();
  });

  it("a checked call stays as strict as before: an unknown type or parameter sends nothing", async () => {
    await start();
    const { pbx } = clientFor(sim);
    await expect(pbx.downloadReport({ type: "nosuch" } as unknown as ReportQuery)).rejects.toBeInstanceOf(
      YeastarQueryError,
    );
    await expect(pbx.downloadReport({ type: "toString" } as unknown as ReportQuery)).rejects.toThrow(
      /unknown report type "toString"; valid types:/,
    );
    await expect(
      pbx.downloadReport({ type: "ivr", ivr_id_list: 1, my_report_id: 1 } as unknown as ReportQuery),
    ).rejects.toThrow(/ivr \(IVR Report\) does not take my_report_id/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe("saving a report", () => {
  const q = { type: "queuesatisfaction", queue_id: "1", start_time: "2024-05-01", end_time: "2024-05-31" } as const;

  it("saves into a directory under the PBX's file name, or to a file path; never overwrites unless asked", async () => {
    await start({ reportSize: 300_000 });
    const { pbx } = clientFor(sim);
    const dir = await tmp();
    const report = await pbx.downloadReport(q);
    const saved = await report.saveTo(`${dir}/new/`);
    expect(saved).toBe(path.join(dir, "new", report.file));
    expect((await readFile(saved)).length).toBe(300_000);
    await expect(report.saveTo(`${dir}/new/`)).rejects.toThrow(YeastarFileError);
    await expect(report.saveTo(saved)).rejects.toThrow(/exists already; pass overwrite: true/);
    await writeFile(saved, "old");
    expect(await report.saveTo(saved, { overwrite: true })).toBe(saved);
    expect((await readFile(saved)).length).toBe(300_000);
    expect(await report.saveTo(path.join(dir, "mine.csv"))).toBe(path.join(dir, "mine.csv"));
    expect((await readdir(path.join(dir, "new"))).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("leaves no partial file when the body breaks every time, and recovers when it breaks once", async () => {
    await start({ reportSize: 500_000 });
    const { pbx } = clientFor(sim, { maxRetries: 1 });
    const dir = await tmp();
    const report = await pbx.downloadReport(q);
    sim.fault({ kind: "reset-during-body", times: 2, afterBytes: 100_000 });
    await expect(report.saveTo(dir)).rejects.toMatchObject({ name: "YeastarConnectionError" });
    expect(await readdir(dir)).toEqual([]);
    sim.fault({ kind: "short-body", afterBytes: 1000 });
    expect((await readFile(await report.saveTo(dir))).length).toBe(500_000);
    expect(await readdir(dir)).toEqual([report.file]);
  });

  it("requests the report again when its URL has expired (or is within a minute of it)", async () => {
    await start();
    const { pbx } = clientFor(sim);
    const report = await pbx.downloadReport(q);
    const first = report.file;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 29.5 * 60_000 });
    await report.text();
    expect(received(sim, "call_report")).toHaveLength(2);
    expect(report.file).not.toBe(first);
    expect(received(sim, "/api/download/").map((r) => r.path)).toEqual([`/api/download/${report.file}`]);
  });

  it("requests the report again, once, when the PBX says the file is gone", async () => {
    await start({ downloadLifetime: 0 });
    const { pbx } = clientFor(sim);
    const report = await pbx.downloadReport(q);
    const error = await report.text().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "YeastarNotFoundError", errcode: 60001 });
    expect(received(sim, "call_report")).toHaveLength(2);
  });

  it("refuses a download_resource_url on another origin without sending the token there", async () => {
    await start();
    const { pbx, sent } = clientFor(sim);
    sim.fault({ kind: "foreign-download-url" });
    const report = await pbx.downloadReport(q);
    await expect(report.text()).rejects.toThrow(
      /refused: the PBX's download_resource_url points to another origin \(http:\/\/foreign.invalid\)/,
    );
    expect(sent.some((u) => !u.startsWith(sim.baseUrl))).toBe(false);
  });

  it("streams: stream() gives the PBX's bytes untouched; rows() keys rows by their section's header", async () => {
    await start();
    const { pbx } = clientFor(sim);
    const report = await pbx.downloadReport({
      type: "ivr",
      ivr_id_list: "1,2",
      start_time: "2024-05-01",
      end_time: "2024-05-01",
      need_detail: 1,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of report.stream() as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks).toString("utf8");
    expect(bytes).toBe(await report.text());
    const rows = [];
    for await (const row of report.rows()) rows.push(row);
    expect(rows[0]).toMatchObject({ IVR: "6200 - Main menu" });
    expect(rows.at(-1)).toEqual({
      Time: expect.stringMatching(/^2024\/05\/01 /),
      IVR: expect.any(String),
      Caller: expect.any(String),
      Direction: expect.any(String),
      Status: expect.any(String),
      "Talk Duration": expect.any(String),
    });
  });

  it("rows() over HTTP loses no chunk of a file of many chunks (the parser loads while the body flows)", async () => {
    const dir = await tmp();
    const file = path.join(dir, "big.csv");
    const lines = Array.from({ length: 60_000 }, (_, i) => `2024/05/01 09:00:00,"100${i % 9} - Zoë, Sales",${i}\r\n`);
    await writeFile(file, `\uFEFFTime,Extension,Seq\r\n${lines.join("")}`);
    await start({ reportFile: file });
    const { pbx } = clientFor(sim);
    const report = await pbx.downloadReport({ type: "ivr", ivr_id_list: "1" });
    const seq: string[] = [];
    for await (const row of report.rows()) seq.push(row.Seq!);
    expect(seq.length).toBe(60_000);
    expect(seq.every((value, i) => value === String(i))).toBe(true);
  });
});

describe("scheduled reports", () => {
  it("scheduledReports() walks every page, sorted as asked, and stops at total_number", async () => {
    await start();
    const { pbx } = clientFor(sim);
    const all = [];
    for await (const s of pbx.scheduledReports({ pageSize: 2, sortBy: "name", orderBy: "desc" })) all.push(s.name);
    const names = [...all].sort((a, b) => String(b).localeCompare(String(a)));
    expect(all).toHaveLength(4);
    expect(all).toEqual(names);
    const pages = received(sim, "call_schedule_report/list").map((r) => r.query.page);
    expect(pages).toEqual(["1", "2"]);
  });
});
