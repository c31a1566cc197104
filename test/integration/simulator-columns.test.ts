// The simulator writes what the evidence shows, and the spec's x-columns know what the simulator writes: for each
// type with evidence the two are held against each other over HTTP (with and without call details), so that neither
// drifts; the types without evidence are the same list in both (issue 19, points 3 and 6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportTypes } from "../../generated/reports.js";
import type { ReportQuery } from "../../src/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { evidence } from "../../src/simulator/layouts.js";
import { clientFor } from "../helpers/client.js";
import { allTypes, fullQuery } from "../helpers/queries.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ dateFormat: "YYYY/MM/DD" });
});
afterAll(() => sim.close());

const ymd24 = { date: "YYYY/MM/DD", clock: 24 } as const;
const withColumns = allTypes.filter((t) => (reportTypes as Record<string, { columns?: unknown }>)[t]!.columns);

describe("x-columns and the simulator's layouts", () => {
  it("rest on the same evidence: the types with x-columns are the simulator's evidenced layouts", () => {
    expect(withColumns.sort()).toEqual(Object.keys(evidence).sort());
  });

  it.each(withColumns)("%s: the simulator's header is what the spec knows (no unknown, none missing)", async (type) => {
    const { pbx, logs } = clientFor(sim);
    for (const needDetail of "need_detail" in reportTypes[type as keyof typeof reportTypes].parameters ? [0, 1] : [0]) {
      const { need_detail: _, ...rest } = fullQuery(type, ymd24);
      const query = (needDetail ? { ...rest, need_detail: 1 } : rest) as ReportQuery;
      const report = await pbx.downloadReport(query);
      for await (const _row of report.rows()) void _row;
      expect(report.columns, `need_detail=${needDetail}`).toMatchObject({ unknown: [], missing: [] });
      expect(report.columns?.evidence).toMatch(/vendor page|real .*export|Satisfaction|Accounting|AVG/i);
      if (needDetail) expect(report.columns?.detail).toBeDefined();
    }
    expect(logs.filter((m) => m.startsWith("columns: "))).toEqual([]);
    await pbx.close();
  });

  it("a type without evidence is read as plain records, its columns unknown, nothing warned", async () => {
    const { pbx, logs } = clientFor(sim);
    const report = await pbx.downloadReport(fullQuery("extcallstatistics", ymd24) as ReportQuery);
    const text = await report.text();
    expect(report.columns).toMatchObject({ evidence: undefined, unknown: [], missing: [] });
    expect(logs.filter((m) => m.startsWith("columns: "))).toEqual([]);
    expect(text.split("\n").length).toBeGreaterThan(1);
    await pbx.close();
  });
});
