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
    const counts = new Set(
      layoutOf(type)
        .metrics.filter(([, k]) => ["count", "total", "sum", "points"].includes(k))
        .map(([h]) => h),
    );
    csv.rows.forEach((row, i) => {
      csv.header.forEach((h, j) => {
        const expected = counts.has(h) ? Number(row[j]) : row[j];
        expect(entries[i]![statisticsField(type, h)], `${h} of row ${i}`).toEqual(expected);
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
    expect(stats.ext_call_statistics_list.map((e) => e.ext_num)).toEqual(["1001 - Alice Chen", "1002 - Bob Martin"]);
    await pbx.close();
    const sent = received(sim, "call_report/list").at(-1);
    expect(sent!.query).toMatchObject({
      type: "extcallstatistics",
      ext_id_list: "1,2",
      start_time: "2024/05/01 00:00:00",
      end_time: "2024/05/31 23:59:59",
    });
  });

  it("checks the query before anything is sent", async () => {
    const { pbx, sent } = clientFor(sim);
    const bad = { type: "extcallstatistics", start_time: "2024-05-01" } as unknown as ReportQuery;
    await expect(pbx.reportStatistics(bad)).rejects.toBeInstanceOf(YeastarQueryError);
    expect(sent.filter((u) => u.includes("call_report/list"))).toEqual([]);
    await pbx.close();
  });
});
