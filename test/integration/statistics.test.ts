// Statistics as JSON (call_report/list) against the simulator over HTTP: for every report type, the numbers
// equal those of the CSV the same query downloads; typed lists where the type is modelled; checked queries.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReportQuery, statisticsEntries, YeastarQueryError } from "../../src/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { layoutOf } from "../../src/simulator/layouts.js";
import { statisticsField } from "../../src/simulator/statistics.js";
import { clientFor, received } from "../helpers/client.js";
import { allTypes, fullQuery } from "../helpers/queries.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

/** The CSV's first table without its Total row. */
function csvTable(text: string): { header: string[]; rows: string[][] } {
  const records = Papa.parse<string[]>(text.replace(/^\uFEFF/, "")).data;
  const blank = records.findIndex((r) => r.length === 1 && r[0] === "");
  const [header = [], ...rows] = blank < 0 ? records : records.slice(0, blank);
  return { header, rows: rows.filter((r) => r[0] !== "Total") };
}

/**
 * What the CSV's text says as the JSON of call_report/list holds it (the shapes of the only evidence, FOEDI's
 * client): `HH:MM:SS` in seconds, `56.92%` as 56.92, counts and other numbers as numbers, an empty cell null.
 */
function asNumber(text: string): number | string | null {
  if (text === "") return null;
  if (/^\d+:\d{2}:\d{2}$/.test(text)) return text.split(":").reduce((t, p) => t * 60 + Number(p), 0);
  if (/^\d+(\.\d+)?%$/.test(text)) return Number(text.slice(0, -1));
  return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** The entity fields of the typed types, as the CSV names the entity (`1001 - Alice Chen`, `Sales<6400>`). */
const identity: Record<string, [header: string, num: string, name: string]> = {
  extcallstatistics: ["Extension", "ext_num", "ext_name"],
  queueperformance: ["Queue", "queue_num", "queue"],
  queueagentperformance: ["Agent", "agent_number", "agent_name"],
  queueagentinoutcalls: ["Agent", "agent_num", "agent_name"],
  ringgroupstatistics: ["Ring Group", "group_num", "group_name"],
  ivr: ["IVR", "ivr_num", "ivr_name"],
};
/** A slot label of a YYYY/MM/DD 24-hour PBX as its integer: the hour of `13:00-13:59`, the day, the month. */
function slot(label: string): number {
  const hour = /^(\d{2}):00-/.exec(label);
  if (hour) return Number(hour[1]);
  const parts = label.split("/").map(Number);
  return parts.length === 3 ? parts[2]! : parts[1]!;
}
const labels = (num: unknown, name: unknown) => [`${num} - ${name}`, `${name}<${num}>`];

describe.each(allTypes)("%s", (type) => {
  it("call_report/list holds the numbers of the CSV that call_report/download gives for the same query", async () => {
    const { pbx } = clientFor(sim);
    const { need_detail: _, is_async: __, ...query } = fullQuery(type, { date: "YYYY/MM/DD", clock: 24 });
    const csv = csvTable(await (await pbx.downloadReport(query as ReportQuery)).text());
    const stats = await pbx.reportStatistics(query as ReportQuery);
    await pbx.close();
    const listed = statisticsEntries(stats, type) as Record<string, unknown>[];
    const entries = type === "queueagentperformance" ? (listed[0]!.detail as Record<string, unknown>[]) : listed;
    expect(csv.rows.length).toBeGreaterThan(0);
    expect(entries).toHaveLength(csv.rows.length);
    const numeric = new Set(
      layoutOf(type)
        .metrics.filter(([, k]) => k !== undefined)
        .map(([h]) => h),
    );
    const [entityHeader, num, name] = identity[type] ?? [];
    csv.rows.forEach((row, i) => {
      const entry = entries[i]!;
      csv.header.forEach((h, j) => {
        const text = row[j]!;
        if (h === entityHeader) expect(labels(entry[num!], entry[name!]), h).toContain(text);
        else if (h === "Time" && layoutOf(type).shape === "activity")
          expect(entry.time, `time of row ${i}`).toBe(slot(text));
        else
          expect(entry[statisticsField(type, h)], `${h} of row ${i}`).toEqual(numeric.has(h) ? asNumber(text) : text);
      });
    });
  });
});

describe("reportStatistics", () => {
  it("sends the report query with the PBX's times to call_report/list, typed by the report type", async () => {
    const { pbx } = clientFor(sim);
    const stats = await pbx.reportStatistics({
      type: "extcallstatistics",
      ext_id_list: [1, 2],
      start_time: "2024-05-01",
      end_time: "2024-05-31",
    });
    expect(stats.total_number).toBe(2);
    expect(stats.ext_call_statistics_list.map((e) => [e.ext_num, e.ext_name])).toEqual([
      ["1001", "Alice Chen"],
      ["1002", "Bob Martin"],
    ]);
    await pbx.close();
    const sent = received(sim, "call_report/list").at(-1);
    expect(sent!.query).toMatchObject({
      type: "extcallstatistics",
      ext_id_list: "1,2",
      start_time: "2024/05/01 00:00:00",
      end_time: "2024/05/31 23:59:59",
    });
  });

  it("an empty reply is empty: v1.0 data of a v2.0 PBX gives no queue block and total_number 0", async () => {
    const { pbx } = clientFor(sim, { apiVersion: "v1.0" });
    const stats = await pbx.reportStatistics({ type: "queueagentperformance", queue_id: 1 });
    expect(stats).toMatchObject({ errcode: 0, total_number: 0, queue_agent_performance_list: [] });
    await pbx.close();
    const { pbx: v2 } = clientFor(sim);
    const block = (await v2.reportStatistics({ type: "queueagentperformance", queue_id: 1 }))
      .queue_agent_performance_list;
    expect(block).toEqual([
      expect.objectContaining({ queue: "Sales", queue_num: "6400", queue_id: 1, detail: expect.any(Array) }),
    ]);
    expect(block[0]!.detail![0]).toMatchObject({
      agent_number: "1001",
      agent_name: "Alice Chen",
      total_calls: expect.any(Number),
    });
    await v2.close();
  });

  it("checks the query before anything is sent", async () => {
    const { pbx, sent } = clientFor(sim);
    const bad = { type: "extcallstatistics", start_time: "2024-05-01" } as unknown as ReportQuery;
    await expect(pbx.reportStatistics(bad)).rejects.toBeInstanceOf(YeastarQueryError);
    expect(sent.filter((u) => u.includes("call_report/list"))).toEqual([]);
    await pbx.close();
  });
});
