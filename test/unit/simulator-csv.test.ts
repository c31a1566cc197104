// The simulator's CSVs add up, for every report type of the spec: a "total" column is the sum of the counts
// after it, a Total row the sum of the rows above it; callbacks requested ≥ succeeded + failed; an unanswered
// call carries no survey score; DID activity names its DID; outbound billing goes from the extension out.

import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { DisplayFormat } from "../../src/model/pbx-time.js";
import { reportTable } from "../../src/model/report-table.js";
import { exampleQuery } from "../../src/simulator/examples.js";
import { layoutOf } from "../../src/simulator/layouts.js";
import { buildReport } from "../../src/simulator/reports.js";
import { checkReportQuery } from "../../src/simulator/validate.js";

const now = { year: 2024, month: 7, day: 1, hour: 0, minute: 0, second: 0 };

function csvOf(type: string, format: DisplayFormat, extra: Record<string, string> = {}) {
  const raw = Object.fromEntries(
    Object.entries({ ...exampleQuery(type, { format }), ...extra }).map(([k, v]) => [k, String(v)]),
  );
  delete raw.need_detail;
  const check = checkReportQuery(raw, format);
  if (!check.ok) throw new Error(`${type}: ${JSON.stringify(check)}`);
  const window = check.bucket ? undefined : { from: check.times.start_time!, to: check.times.end_time! };
  const { body } = buildReport({ type, query: check.query, format, now }, window, check.bucket);
  const [header, ...rows] = parse(body) as string[][];
  return { header: header!, rows };
}

const ymd24: DisplayFormat = { date: "YYYY/MM/DD", clock: 24 };
const seconds = (v: string) => v.split(":").reduce((s, p) => s * 60 + Number(p), 0);

it.each(Object.keys(reportTable))("%s has rows", (type) => {
  expect(csvOf(type, ymd24).rows.length).toBeGreaterThan(0);
});

// Events reports list calls, one a row: they have no totals to add up.
describe.each(Object.keys(reportTable).filter((type) => layoutOf(type).shape !== "events"))("%s", (type) => {
  const layout = layoutOf(type);
  const { header, rows } = csvOf(type, ymd24);

  it("totals equal the sum of their parts, in every row and in the Total row", () => {
    const first = header.length - layout.metrics.length;
    layout.metrics.forEach(([name, kind], j) => {
      const col = first + j;
      expect(header[col]).toBe(name);
      if (kind === "total") {
        const parts = layout.metrics.flatMap((m, k) => (k > j && m[1] === "count" ? [first + k] : []));
        for (const row of rows)
          if (parts.length > 0)
            expect(Number(row[col]), `${name} of ${row[0]}`).toBe(parts.reduce((s, c) => s + Number(row[c]), 0));
      }
      if (kind === "total" || kind === "count" || kind === "duration") {
        const body = rows.slice(0, -1);
        const value = kind === "duration" ? seconds : Number;
        expect(rows.at(-1)![0]).toBe("Total");
        expect(value(rows.at(-1)![col]!), `Total ${name}`).toBe(body.reduce((s, r) => s + value(r[col]!), 0));
      }
    });
  });
});

describe("the arithmetic the issue names", () => {
  it("Queue Callback Summary: requests ≥ successful + failed", () => {
    const { header, rows } = csvOf("queuecallbackssummary", ymd24);
    const [req, ok, failed] = ["Callback Requests", "Successful Callbacks", "Failed Callbacks"].map((h) =>
      header.indexOf(h),
    );
    for (const row of rows) expect(Number(row[req!])).toBeGreaterThanOrEqual(Number(row[ok!]) + Number(row[failed!]));
  });

  it("Satisfaction Survey Details: a NO ANSWER row carries no score", () => {
    const { header, rows } = csvOf("queuesatisfactiondetail", ymd24);
    const [status, score] = [header.indexOf("Status"), header.indexOf("Score")];
    expect(rows.some((r) => r[status] === "NO ANSWER")).toBe(true);
    for (const row of rows) expect(row[status] === "NO ANSWER" ? row[score] === "" : row[score] !== "").toBe(true);
  });

  it("DID/Outbound Caller ID Activity has a DID column with the trunk's DIDs", () => {
    const { header, rows } = csvOf("trunkdiddodactivity", ymd24);
    expect(header.slice(0, 2)).toEqual(["Time", "DID"]);
    expect(new Set(rows.slice(0, -1).map((r) => r[1]))).toEqual(new Set(["5550100", "5550101"]));
  });

  it("Extension Call Accounting Details: the extension calls out (caller), the outside number is the callee", () => {
    const { header, rows } = csvOf("extcallbillingdetails", ymd24);
    for (const row of rows) {
      expect(row[header.indexOf("Caller")]).toMatch(/^\d{4}$/);
      expect(row[header.indexOf("Callee")]).toMatch(/^\+1555/);
    }
  });

  it("bucket labels are in the PBX's display format: hours on a 12-hour clock, months in the date order", () => {
    const day = csvOf("extcallactivity", { date: "DD/MM/YYYY", clock: 12 }, { time: "03/05/2024" });
    expect(day.rows.slice(0, 2).map((r) => r[0])).toEqual(["12:00 AM-12:59 AM", "01:00 AM-01:59 AM"]);
    expect(day.rows[13]![0]).toBe("01:00 PM-01:59 PM");
    const year = csvOf("extcallactivity", { date: "MM/DD/YYYY", clock: 24 }, { time: "2024" });
    expect(year.rows.slice(0, 2).map((r) => r[0])).toEqual(["01/2024", "02/2024"]);
  });
});
