// Defect 12: what can be checked before any request is, and nothing is sent: impossible dates, instants
// that would roll over, years a PBX cannot show, a window that ends before it starts, IDs that a number
// cannot carry, timeouts past what a timer can wait.
import { afterEach, expect, it } from "vitest";
import { createYeastarClient, type ReportQuery, YeastarOptionError, YeastarQueryError } from "../../src/index.js";
import { credentials, type Hostile, hostilePbx } from "./hostile.js";

let pbx: Hostile;
afterEach(() => pbx?.close());

it.each([
  [
    "an impossible date",
    { type: "queuesatisfaction", queue_id: 1, start_time: "2024-02-30" },
    /start_time is not a real date and time, not "2024-02-30"/,
  ],
  [
    "an instant that would roll over",
    { type: "queuesatisfaction", queue_id: 1, start_time: "2024-02-30T00:00:00Z" },
    /not a real date and time/,
  ],
  [
    "a Date a PBX cannot show",
    { type: "queuesatisfaction", queue_id: 1, start_time: new Date(8.64e15) },
    /is not a time a PBX shows/,
  ],
  [
    "end before start (PBX times)",
    { type: "queuesatisfaction", queue_id: 1, start_time: "2024-05-31", end_time: "2024-05-01" },
    /end_time is before start_time/,
  ],
  [
    "end before start (instants)",
    { type: "queuesatisfaction", queue_id: 1, start_time: "2024-05-31T00:00:00Z", end_time: "2024-05-01T00:00:00Z" },
    /end_time is before start_time/,
  ],
  ["an ID beyond 2^53", { type: "ivr", ivr_id_list: [2 ** 53 + 2] }, /ivr_id_list must be IDs/],
  ["an ID in exponent form", { type: "queuesatisfaction", queue_id: 1e21 }, /queue_id must be one ID/],
])("%s: a YeastarQueryError, nothing sent", async (_what, query, message) => {
  pbx = await hostilePbx();
  const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials });
  const error = await client.downloadReport(query as ReportQuery).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(YeastarQueryError);
  expect((error as Error).message).toMatch(message);
  expect(pbx.log).toEqual([]);
});

it("end before start across kinds (an instant and a PBX time) is refused once the PBX clock is known, before the report request", async () => {
  pbx = await hostilePbx();
  const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, timeZone: "UTC" });
  const query: ReportQuery = {
    type: "queuesatisfaction",
    queue_id: 1,
    start_time: "2024-05-31",
    end_time: new Date(Date.UTC(2024, 4, 1)),
  };
  await expect(client.downloadReport(query)).rejects.toThrow(/end_time is before start_time/);
  expect(pbx.log.filter((l) => l.includes("call_report"))).toEqual([]);
});

it.each([
  ["timeout", 1e99],
  ["fileTimeout", 2 ** 31],
  ["retryDelay", Number.NaN],
  ["maxFileBytes", -1],
])("%s = %s is a YeastarOptionError", (name, value) => {
  expect(() => createYeastarClient({ baseUrl: "https://pbx:8088", ...credentials, [name]: value })).toThrow(
    YeastarOptionError,
  );
});
