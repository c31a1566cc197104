// Reports, async delivery over the WebSocket, and faults on demand (issue 3, points 5, 6, 8).

import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/simulator/index.js";
import { allTypes, fullQuery } from "../helpers/queries.js";
import { accessToken, fetchFile, report, reportText, UA } from "../helpers/raw.js";

let sim: Simulator;
let token: string;
const start = async (options: SimulatorOptions = {}) => {
  sim = await startSimulator({ startTime: Date.UTC(2024, 6, 1), ...options });
  token = await accessToken(sim);
};
afterEach(() => sim?.close());
const ymd24 = { date: "YYYY/MM/DD", clock: 24 } as const;
const rows = (csv: string) => csv.split("\r\n").filter(Boolean);
const may = { start_time: "2024/05/01 00:00:00", end_time: "2024/05/31 23:59:59" };

describe("reports", () => {
  it("serves a file from disk as every report's body with reportFile", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-sim-"));
    const file = path.join(dir, "export.csv");
    await writeFile(file, "\uFEFFExtension;Total Calls\r\n1001 - Alice;3\r\n");
    await start({ reportFile: file });
    const reply = await report(sim, { type: "ivr", ivr_id_list: "1" }, token);
    const res = await fetchFile(sim, reply.download_resource_url, token);
    expect(res.headers.get("content-length")).toBe(
      String(Buffer.byteLength("\uFEFFExtension;Total Calls\r\n1001 - Alice;3\r\n")),
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(file))).toBe(true);
  });

  it("builds a deterministic CSV for each report type", async () => {
    await start();
    for (const type of allTypes) {
      const query = fullQuery(type, ymd24);
      const first = await reportText(sim, query, token);
      expect(rows(first).length, type).toBeGreaterThan(1);
      expect(await reportText(sim, query, token), type).toBe(first);
    }
  });

  it("respects the ID list, the time window and communication_type", async () => {
    await start();
    const base = { type: "extcallstatistics", ...may };
    const one = rows(await reportText(sim, { ...base, ext_id_list: "2" }, token));
    expect(one.map((r) => r.split(",")[0])).toEqual(["Extension", "1002 - Bob Martin", "Total"]);
    const group = rows(await reportText(sim, { ...base, ext_id_list: "51" }, token));
    expect(group.map((r) => r.split(",")[0])).toEqual([
      "Extension",
      "1001 - Alice Chen",
      "1002 - Bob Martin",
      "1003 - Chloé Dubois",
      "Total",
    ]);
    expect(rows(await reportText(sim, { ...base, ext_id_list: "999" }, token))).toHaveLength(1);
    const before = rows(
      await reportText(
        sim,
        { ...base, ext_id_list: "2", start_time: "2019/01/01 00:00:00", end_time: "2019/12/31 23:59:59" },
        token,
      ),
    );
    expect(before[1]).toBe("1002 - Bob Martin,0,0,0,0,0,0,00:00:00");
    const inbound = rows(await reportText(sim, { ...base, ext_id_list: "2", communication_type: "Inbound" }, token));
    const total = (r: string[]) => Number(r[1]!.split(",")[1]);
    expect(total(inbound)).toBeGreaterThan(0);
    expect(total(inbound)).toBeLessThan(total(one));
    const day = rows(
      await reportText(
        sim,
        { ...base, ext_id_list: "2", start_time: "2024/05/01 00:00:00", end_time: "2024/05/01 23:59:59" },
        token,
      ),
    );
    expect(total(day)).toBeLessThan(total(one));
  });

  it("gives hourly, daily and monthly rows for a day, a month and a year", async () => {
    await start();
    const q = { type: "queueperformanceactivity", queue_id_list: "1,2" };
    expect(rows(await reportText(sim, { ...q, time: "2024/05/03" }, token))).toHaveLength(1 + 24 + 1);
    expect(rows(await reportText(sim, { ...q, time: "2024/02" }, token))).toHaveLength(1 + 29 + 1);
    const year = rows(await reportText(sim, { ...q, time: "2023" }, token));
    expect(year).toHaveLength(1 + 12 + 1);
    expect(year[1]!.startsWith("2023/01,")).toBe(true); // a month bucket in the display format (YYYY/MM)
  });

  it("need_detail=1 in the sections layout (detailLayout: sections): a blank line, a title, a table", async () => {
    await start({ detailLayout: "sections" });
    const q = { type: "ivr", ivr_id_list: "1", start_time: "2024/05/01 00:00:00", end_time: "2024/05/02 23:59:59" };
    const plain = await reportText(sim, q, token);
    const detailed = await reportText(sim, { ...q, need_detail: 1 }, token);
    expect(plain).not.toContain("Call Details");
    expect(detailed.startsWith(plain)).toBe(true);
    const details = rows(detailed.slice(plain.length));
    expect(details.slice(0, 2)).toEqual(["Call Details", "Time,IVR,Caller,Direction,Status,Talk Duration"]);
    expect(details.length).toBeGreaterThan(3);
    for (const line of details.slice(2)) expect(line).toMatch(/^2024\/05\/0[12] \d\d:\d\d:\d\d,6200 - Main menu,/);
  });

  it("need_detail=1 inline by default, as the real export: each queue's calls under its row, then Total", async () => {
    await start();
    const q = { type: "queueperformance", queue_id_list: "1,2", ...may, need_detail: 1 };
    const lines = rows(await reportText(sim, q, token));
    expect(lines[0]).toBe(
      "Queue,Total Calls,Answered,Missed,Abandoned,AVG Handle Time,AVG Waiting Time (Answered Calls)," +
        "AVG Waiting Time (All Calls),Max Waiting Time (All Calls),Average Talking Time,Answered Rate,Abandon Rate",
    );
    const inner = ",ID,Time,Call From,Agent,Status,Ring Duration,Talk Duration,Hold Duration,Reason";
    expect(lines[1]).toMatch(/^Sales<6400>,\d+,\d+,\d+,\d+,(\d\d:\d\d:\d\d,){5}\d+\.\d\d%,\d+\.\d\d%$/);
    expect(lines[2]).toBe(inner);
    const support = lines.findIndex((l) => l.startsWith("Support<6401>,"));
    expect(lines[support + 1]).toBe(inner);
    const calls = lines.filter((l) => l.startsWith(",") && l !== inner);
    expect(calls.length).toBeGreaterThan(10);
    for (const call of calls)
      expect(call).toMatch(/^,\d+,2024\/05\/\d\d \d\d:\d\d:\d\d,\+1555\d{7},([^,<]+<\d+>|NONE),/);
    expect(calls.some((c) => c.includes(",NONE,Abandoned(UnHandled//),"))).toBe(true);
    expect(lines.at(-1)).toMatch(/^Total,/);
    expect(lines.filter((l) => l.includes("Call Details"))).toEqual([]);
  });

  it("keeps a download for 30 minutes, then answers 404", async () => {
    await start();
    const reply = await report(sim, { type: "ringgroupstatistics", ring_group_id_list: "1", ...may }, token);
    sim.clock.advance(29 * 60_000);
    expect((await fetchFile(sim, reply.download_resource_url, token)).status).toBe(200);
    sim.clock.advance(61_000);
    const gone = await fetchFile(sim, reply.download_resource_url, await accessToken(sim));
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ errcode: 60001, errmsg: "DATA NOT FOUND" });
  });

  it("pads a report to exactly reportSize bytes, with the report's column count", async () => {
    await start({ reportSize: 1_000_003 });
    const reply = await report(sim, { type: "queuesatisfaction", queue_id: "1", ...may }, token);
    const res = await fetchFile(sim, reply.download_resource_url, token);
    expect(res.headers.get("content-length")).toBe("1000003");
    const body = await res.text();
    expect(Buffer.byteLength(body)).toBe(1_000_003);
    const lines = rows(body);
    expect(lines[0]).toBe(
      "Queue,KEY: 1(5 Points),KEY: 2(3 Points),KEY: 3(1 Points),Total KEY,Total Points,Average Points",
    );
    for (const line of [lines[3]!, lines[lines.length - 1]!]) expect(line.split(",")).toHaveLength(7);
  });
});

/** A WebSocket subscribed to 30027 that collects every message. */
async function subscribe(topics = [30027]) {
  const ws = new WebSocket(`${sim.baseUrl.replace("http", "ws")}/openapi/v1.0/subscribe?access_token=${token}`, {
    headers: UA,
  });
  const messages: string[] = [];
  const waiters: (() => void)[] = [];
  ws.on("message", (d) => {
    messages.push(d.toString());
    for (const w of waiters.splice(0)) w();
  });
  const next = async (count: number) => {
    while (messages.length < count) await new Promise<void>((r) => waiters.push(r));
    return messages[count - 1]!;
  };
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  ws.send(JSON.stringify({ topic_list: topics }));
  expect(JSON.parse(await next(1))).toEqual({ errcode: 0, errmsg: "SUCCESS" });
  return { ws, messages, next };
}

describe("async reports and event 30027", () => {
  const q = { type: "queueagentperformance", queue_id: "1", ...may };

  it("answers PROCESSING, then sends 30027 with a working download_resource_url", async () => {
    await start();
    const sub = await subscribe();
    expect(await report(sim, { ...q, is_async: 1 }, token)).toEqual({ errcode: 2, errmsg: "PROCESSING" });
    const event = JSON.parse(await sub.next(2));
    expect(event).toMatchObject({
      type: 30027,
      sn: expect.any(String),
      msg: { key: "report_download", result: "success", error: "", download_id: 1 },
    });
    expect(event.msg.download_resource_url).toBe(`/api/download/${event.msg.file}`);
    expect(await (await fetchFile(sim, event.msg.download_resource_url, token)).text()).toBe(
      await reportText(sim, q, token),
    );
    sub.ws.close();
  });

  it("sends msg as a JSON string when asked, and only to subscribers of 30027", async () => {
    await start({ eventMsgAsString: true });
    const sub = await subscribe();
    const other = await subscribe([30011]);
    await report(sim, { ...q, is_async: 1 }, token);
    const event = JSON.parse(await sub.next(2));
    expect(typeof event.msg).toBe("string");
    expect(JSON.parse(event.msg)).toMatchObject({ result: "success" });
    expect(other.messages).toHaveLength(1);
    sub.ws.close();
    other.ws.close();
  });

  it("answers heartbeat, rejects a malformed subscription, and drops an idle connection", async () => {
    await start({ idleTimeoutMs: 150 });
    const sub = await subscribe();
    sub.ws.send("heartbeat");
    expect(await sub.next(2)).toBe("heartbeat response");
    sub.ws.send("{not json");
    expect(JSON.parse(await sub.next(3))).toEqual({ errcode: 40001, errmsg: "PARAMETER SYNTAX ERROR" });
    const closed = await new Promise<number>((resolve) => sub.ws.once("close", resolve));
    expect(closed).toBe(1006);
    await vi.waitFor(() => expect(sim.connections()).toBe(0));
  });
});

describe("faults on demand", () => {
  const q = { type: "queuesatisfaction", queue_id: "1", ...may };

  it("token-expired: the token stops working now", async () => {
    await start();
    sim.fault({ kind: "token-expired" });
    expect(await report(sim, q, token)).toEqual({ errcode: 10004, errmsg: "TOKEN EXPIRED" });
    expect(sim.validTokens()).toBe(0);
  });

  it("http-502 with an HTML body, then normal service", async () => {
    await start();
    sim.fault({ kind: "http-502", times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${sim.baseUrl}/openapi/v1.0/system/information?access_token=${token}`, { headers: UA });
      expect(res.status).toBe(502);
      expect(res.headers.get("content-type")).toBe("text/html");
      expect(await res.text()).toContain("502 Bad Gateway");
    }
    expect((await report(sim, q, token)).errcode).toBe(0);
  });

  it("malformed-json", async () => {
    await start();
    sim.fault({ kind: "malformed-json", path: "call_report" });
    const res = await fetch(
      `${sim.baseUrl}/openapi/v2.0/call_report/download?type=ivr&ivr_id_list=1&access_token=${token}`,
      { headers: UA },
    );
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it("reset-during-body and short-body break the file download", async () => {
    await start({ reportSize: 200_000 });
    const reply = await report(sim, q, token);
    sim.fault({ kind: "reset-during-body", afterBytes: 1000 });
    await expect(fetchFile(sim, reply.download_resource_url, token).then((r) => r.arrayBuffer())).rejects.toThrow();
    sim.fault({ kind: "short-body" });
    const res = await fetchFile(sim, reply.download_resource_url, token);
    expect(res.headers.get("content-length")).toBe("200000");
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect((await (await fetchFile(sim, reply.download_resource_url, token)).arrayBuffer()).byteLength).toBe(200_000);
  });

  it("stall-during-body stops sending and holds the connection; slow-body trickles the whole file", async () => {
    await start({ reportSize: 64 * 1024 });
    const reply = await report(sim, q, token);
    sim.fault({ kind: "stall-during-body", afterBytes: 1000 });
    const stalled = await fetchFile(sim, reply.download_resource_url, token);
    const reader = stalled.body!.getReader();
    const first = await reader.read();
    expect(first.value!.byteLength).toBe(1000);
    const next = await Promise.race([
      reader.read().then(() => "data"),
      new Promise((r) => setTimeout(() => r("silence"), 300)),
    ]);
    expect(next).toBe("silence");
    await reader.cancel();
    sim.fault({ kind: "slow-body", ms: 50 });
    const t0 = performance.now();
    const body = await (await fetchFile(sim, reply.download_resource_url, token)).arrayBuffer();
    expect(body.byteLength).toBe(64 * 1024);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190); // 4 slices, 50 ms after each
  });

  it("delay holds the answer", async () => {
    await start();
    sim.fault({ kind: "delay", ms: 300 });
    const t0 = performance.now();
    expect((await report(sim, q, token)).errcode).toBe(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it("foreign-download-url points the download to another origin", async () => {
    await start();
    sim.fault({ kind: "foreign-download-url" });
    const reply = await report(sim, q, token);
    expect(reply.download_resource_url).toBe(`http://foreign.invalid/api/download/${reply.file}`);
  });

  it("never-ready keeps an async report PROCESSING; async-failure sends a failure event", async () => {
    await start();
    const sub = await subscribe();
    sim.fault({ kind: "never-ready" });
    expect((await report(sim, { ...q, is_async: 1 }, token)).errcode).toBe(2);
    sim.fault({ kind: "async-failure", error: "disk full" });
    expect((await report(sim, { ...q, is_async: 1 }, token)).errcode).toBe(2);
    const event = JSON.parse(await sub.next(2));
    expect(event.msg).toMatchObject({ result: "failure", error: "disk full", download_resource_url: "" });
    expect(sub.messages).toHaveLength(2);
    sub.ws.close();
  });
});
