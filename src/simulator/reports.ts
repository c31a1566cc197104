// The CSV files the simulator serves. No vendor page documents the columns: the headers below follow the
// metric names of the PBX's report pages (reference §9) and are ASSUMPTIONS, not the vendor's format.
// Rows are computed from a hash of (entity, day, metric), so a report is the same every time it is asked
// for, and it respects the query: the time window or bucket, the IDs, communication_type, need_detail.
import type { DisplayFormat, WallClock, Bucket } from "../model/pbx-time.js";
import { daysInMonth, formatBucket, formatDateTime, wallClockToUtcMs } from "../model/pbx-time.js";
import { hash, pbxData, type Entity } from "./data.js";

/** `total`: a count that is the sum of the `count` columns after it, so that every row adds up. */
type Metric = [header: string, kind: "total" | "count" | "duration" | "average" | "percent" | "score" | "cost"];
type EntityKind = "extension" | "trunk" | "ivr" | "ring_group" | "queue" | "agent";

interface Layout {
  /** File name prefix, like the PBX's `QueueSatisfaction-…csv`. */
  prefix: string;
  entity: EntityKind;
  /** summary: a row per entity; activity: a row per hour/day/month; events: a row per call. */
  shape: "summary" | "activity" | "events";
  metrics: Metric[];
  /** Activity rows per DID of the selected trunk (DID/Outbound Caller ID Activity). */
  perDid?: boolean;
  /** Events of outbound calls: the extension is the caller, the outside number the callee. */
  outbound?: boolean;
  /** Events of missed calls only (no answer, busy, abandoned), none talked. */
  missed?: boolean;
}

const count = (h: string): Metric => [h, "count"];
const total = (h: string): Metric => [h, "total"];
const duration = (h: string): Metric => [h, "duration"];
const average = (h: string): Metric => [h, "average"];

/** Column layouts per report type. A type missing here (a new one from a firmware update) gets `fallback`. */
export const layouts: Record<string, Layout> = {
  extcallstatistics: {
    prefix: "ExtensionCallStatistics",
    entity: "extension",
    shape: "summary",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("No Answer"),
      count("Busy"),
      count("Voicemail"),
      count("Abandoned"),
      duration("Total Talking Time"),
    ],
  },
  extcallactivity: {
    prefix: "ExtensionCallActivity",
    entity: "extension",
    shape: "activity",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("No Answer"),
      count("Busy"),
      duration("Total Talking Time"),
    ],
  },
  trunkactivity: {
    prefix: "PBXCallActivity",
    entity: "trunk",
    shape: "activity",
    metrics: [total("Total Calls"), count("Answered"), count("No Answer"), duration("Total Talking Time")],
  },
  trunkdiddodactivity: {
    prefix: "DIDOutboundCallerIDActivity",
    entity: "trunk",
    shape: "activity",
    perDid: true,
    metrics: [total("Total Calls"), count("Answered"), count("No Answer")],
  },
  ivr: {
    prefix: "IVRReport",
    entity: "ivr",
    shape: "summary",
    metrics: [total("Total Calls"), count("Answered"), count("Abandoned"), count("Timeout"), count("Invalid Input")],
  },
  queueavgwaittalktime: {
    prefix: "QueueAvgWaitingTalkingTime",
    entity: "queue",
    shape: "activity",
    metrics: [average("Average Waiting Time"), average("Average Talking Time")],
  },
  queueperformance: {
    prefix: "QueuePerformance",
    entity: "queue",
    shape: "summary",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("Missed"),
      count("Abandoned"),
      average("Average Waiting Time"),
      average("Max Waiting Time"),
      average("Average Talking Time"),
      ["SLA", "percent"],
    ],
  },
  queueperformanceactivity: {
    prefix: "QueuePerformanceActivity",
    entity: "queue",
    shape: "activity",
    metrics: [total("Total Calls"), count("Answered"), count("Missed"), count("Abandoned"), ["SLA", "percent"]],
  },
  queuecallbackssummary: {
    prefix: "QueueCallbackSummary",
    entity: "queue",
    shape: "summary",
    metrics: [total("Callback Requests"), count("Successful Callbacks"), count("Failed Callbacks")],
  },
  queuecallbacksactivity: { prefix: "QueueCallbackActivity", entity: "queue", shape: "events", metrics: [] },
  queuesatisfaction: {
    prefix: "QueueSatisfaction",
    entity: "queue",
    shape: "summary",
    metrics: [total("Total Surveys"), ["Average Score", "score"], count("Satisfied"), count("Unsatisfied")],
  },
  queuesatisfactiondetail: {
    prefix: "QueueSatisfactionDetails",
    entity: "agent",
    shape: "events",
    metrics: [["Score", "score"]],
  },
  queueagentlogintime: {
    prefix: "AgentLoginActivity",
    entity: "agent",
    shape: "summary",
    metrics: [count("Login Count"), duration("Total Login Time")],
  },
  queueagentpausetime: {
    prefix: "AgentPauseActivity",
    entity: "agent",
    shape: "summary",
    metrics: [count("Pause Count"), duration("Total Pause Time")],
  },
  queueagentmisscalls: {
    prefix: "AgentMissedCallActivity",
    entity: "agent",
    shape: "summary",
    metrics: [count("Missed Calls"), average("Average Ring Time")],
  },
  queueagentperformance: {
    prefix: "AgentPerformance",
    entity: "agent",
    shape: "summary",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("Missed"),
      average("Average Talking Time"),
      duration("Total Talking Time"),
      duration("Total Pause Time"),
    ],
  },
  queueagentinoutcalls: {
    prefix: "AgentCallSummary",
    entity: "agent",
    shape: "summary",
    metrics: [count("Inbound Calls"), count("Outbound Calls"), duration("Total Talking Time")],
  },
  ringgroupstatistics: {
    prefix: "RingGroupStatistics",
    entity: "ring_group",
    shape: "summary",
    metrics: [total("Total Calls"), count("Answered"), count("No Answer"), average("Average Waiting Time")],
  },
  extcallbilling: {
    prefix: "ExtensionCallAccounting",
    entity: "extension",
    shape: "summary",
    metrics: [total("Total Calls"), duration("Total Duration"), ["Total Cost", "cost"]],
  },
  extcallbillingdetails: {
    prefix: "ExtensionCallAccountingDetails",
    entity: "extension",
    shape: "events",
    outbound: true,
    metrics: [["Cost", "cost"]],
  },
  // The two types of the newer vendor pages; no page shows their columns either.
  aisttusage: {
    prefix: "TranscriptionUsageDetails",
    entity: "extension",
    shape: "events",
    metrics: [duration("Transcribed Duration")],
  },
  unreturnmisscall: { prefix: "UnreturnedMissedCall", entity: "extension", shape: "events", missed: true, metrics: [] },
};

const fallback = (type: string): Layout => ({
  prefix: type,
  entity: "extension",
  shape: "summary",
  metrics: [total("Total Calls"), count("Answered"), count("Missed")],
});

export function layoutOf(type: string): Layout {
  return layouts[type] ?? fallback(type);
}

/** The report data starts here; earlier windows are empty. */
export const dataStart: WallClock = { year: 2022, month: 1, day: 1, hour: 0, minute: 0, second: 0 };

export interface ReportInput {
  type: string;
  /** The validated query, values as strings. */
  query: Record<string, string>;
  format: DisplayFormat;
  /** The PBX wall clock now: data ends here. */
  now: WallClock;
  /** The v1.0-on-new-firmware quirk: a header and no rows. */
  empty?: boolean;
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
export const csvLine = (values: string[]) => `${values.map(csvField).join(",")}\r\n`;

const pad2 = (n: number) => String(n).padStart(2, "0");
const hms = (seconds: number) =>
  `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;

function idsOf(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(",").filter(Boolean);
}

/** The entities a query selects: the IDs it names that exist (unknown IDs give no rows, as on a live PBX). */
function entitiesOf(kind: EntityKind, q: Record<string, string>): Entity[] {
  const pick = (all: Entity[], ids: string[] | undefined) => (ids ? all.filter((e) => ids.includes(e.id)) : all);
  switch (kind) {
    case "extension": {
      const ids = idsOf(q.ext_id_list)?.flatMap((id) => pbxData.ext_group.find((g) => g.id === id)?.members ?? [id]);
      return pick(pbxData.extension, ids);
    }
    case "trunk":
      return pick(pbxData.trunk, idsOf(q.trunk_id_list ?? q.trunk_id));
    case "ivr":
      return pick(pbxData.ivr, idsOf(q.ivr_id_list));
    case "ring_group":
      return pick(pbxData.ring_group, idsOf(q.ring_group_id_list));
    case "queue":
      return pick(pbxData.queue, idsOf(q.queue_id_list ?? q.queue_id));
    case "agent": {
      const queue = pbxData.queue.find((x) => x.id === q.queue_id);
      if (!queue) return [];
      const agents = pbxData.extension.filter((e) => queue.agents.includes(e.id));
      return pick(agents, idsOf(q.agent_id_list));
    }
  }
}

const directions = ["Inbound", "Outbound", "Internal"] as const;

function directionsOf(q: Record<string, string>): readonly string[] {
  if (q.communication_type) return [q.communication_type];
  if (q.include_internal !== undefined && q.include_internal !== "1") return ["Inbound", "Outbound"];
  return directions;
}

/** One metric of one entity over one hour of one day: the seeded base of every figure. */
function value(
  type: string,
  entity: string,
  dayKey: number,
  hour: number,
  metric: Metric,
  dirs: readonly string[],
): number {
  const [name, kind] = metric;
  const busy = hour >= 8 && hour < 18 ? 1 : 0;
  switch (kind) {
    case "total":
    case "count":
      return dirs.reduce((sum, d) => sum + (hash(type, entity, dayKey, hour, name, d) % (busy ? 4 : 2)), 0);
    case "duration":
      return dirs.reduce((sum, d) => sum + (busy ? hash(type, entity, dayKey, hour, name, d) % 900 : 0), 0);
    default:
      return hash(type, entity, dayKey, hour, name) % 1000;
  }
}

/** A `total` metric is the sum of the counts after it (its own seeded value when none follows). */
function addUp(metrics: Metric[], values: number[]): number[] {
  return values.map((v, j) => {
    if (metrics[j]![1] !== "total") return v;
    const parts = metrics.flatMap((m, k) => (k > j && m[1] === "count" ? [values[k]!] : []));
    return parts.length === 0 ? v : parts.reduce((a, b) => a + b, 0);
  });
}

function render(kind: Metric[1], total: number, samples: number): string {
  switch (kind) {
    case "total":
    case "count":
      return String(total);
    case "duration":
      return hms(total);
    case "average":
      return hms(samples === 0 ? 0 : Math.round((total / samples) % 600));
    case "percent":
      return samples === 0 ? "0.00%" : `${(50 + ((total / samples) % 50)).toFixed(2)}%`;
    case "score":
      return samples === 0 ? "0.0" : (1 + ((total / samples) % 4)).toFixed(1);
    case "cost":
      return (total / 100).toFixed(2);
  }
}

/** Hours [from, to] of a PBX day that lie inside the window, as a list of day keys and hour ranges. */
function* windowHours(from: WallClock, to: WallClock): Generator<{ day: WallClock; dayKey: number; hour: number }> {
  let t = Date.UTC(from.year, from.month - 1, from.day, from.hour);
  const end = wallClockToUtcMs(to);
  for (; t <= end; t += 3_600_000) {
    const d = new Date(t);
    const day = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
    };
    yield { day, dayKey: Math.floor(t / 86_400_000), hour: d.getUTCHours() };
  }
}

const later = (a: WallClock, b: WallClock) => (wallClockToUtcMs(a) >= wallClockToUtcMs(b) ? a : b);
const earlier = (a: WallClock, b: WallClock) => (wallClockToUtcMs(a) <= wallClockToUtcMs(b) ? a : b);

export interface RangeWindow {
  from: WallClock;
  to: WallClock;
}

/** An hour slot as the PBX's clock shows it: `13:00-13:59`, or `01:00 PM-01:59 PM` on a 12-hour PBX. */
function hourLabel(hour: number, format: DisplayFormat): string {
  if (format.clock === 24) return `${pad2(hour)}:00-${pad2(hour)}:59`;
  const h12 = `${pad2(hour % 12 === 0 ? 12 : hour % 12)}`;
  const meridiem = hour < 12 ? "AM" : "PM";
  return `${h12}:00 ${meridiem}-${h12}:59 ${meridiem}`;
}

/** The slots of a bucket (labels in the PBX's display format): hours of a day, days of a month, months of a year. */
function slotsOf(bucket: Bucket, format: DisplayFormat): { label: string; from: WallClock; to: WallClock }[] {
  const wc = (y: number, m: number, d: number, h: number, min = 0, s = 0): WallClock => ({
    year: y,
    month: m,
    day: d,
    hour: h,
    minute: min,
    second: s,
  });
  const { year, month, day } = bucket;
  if (month !== undefined && day !== undefined) {
    return Array.from({ length: 24 }, (_, h) => ({
      label: hourLabel(h, format),
      from: wc(year, month, day, h),
      to: wc(year, month, day, h, 59, 59),
    }));
  }
  if (month !== undefined) {
    return Array.from({ length: daysInMonth(year, month) }, (_, i) => {
      const from = wc(year, month, i + 1, 0);
      return { label: formatDateTime(from, format).split(" ")[0]!, from, to: wc(year, month, i + 1, 23, 59, 59) };
    });
  }
  return Array.from({ length: 12 }, (_, i) => ({
    label: formatBucket({ year, month: i + 1 }, format.date),
    from: wc(year, i + 1, 1, 0),
    to: wc(year, i + 1, daysInMonth(year, i + 1), 23, 59, 59),
  }));
}

const spanOf = (slots: RangeWindow[]): RangeWindow => ({ from: slots[0]!.from, to: slots[slots.length - 1]!.to });
const caller = (h: number) => `+1555${String(h % 10_000_000).padStart(7, "0")}`;

function aggregate(
  type: string,
  entities: Entity[],
  metrics: Metric[],
  win: RangeWindow,
  now: WallClock,
  dirs: readonly string[],
): number[][] {
  const totals = entities.map(() => metrics.map(() => 0));
  const from = later(win.from, dataStart);
  const to = earlier(win.to, now);
  if (wallClockToUtcMs(from) > wallClockToUtcMs(to)) return totals;
  for (const { dayKey, hour } of windowHours(from, to)) {
    entities.forEach((e, i) => {
      metrics.forEach((m, j) => {
        totals[i]![j]! += value(type, e.id, dayKey, hour, m, dirs);
      });
    });
  }
  return totals.map((row) => addUp(metrics, row));
}

/** The calls behind the figures: a few per entity and busy hour, for events reports and need_detail. */
function* calls(
  type: string,
  entities: Entity[],
  win: RangeWindow,
  now: WallClock,
  dirs: readonly string[],
  format: DisplayFormat,
) {
  const from = later(win.from, dataStart);
  const to = earlier(win.to, now);
  if (wallClockToUtcMs(from) > wallClockToUtcMs(to)) return;
  for (const { day, dayKey, hour } of windowHours(from, to)) {
    if (hour < 8 || hour >= 18) continue;
    for (const e of entities) {
      const h = hash(type, "call", e.id, dayKey, hour);
      if (h % 3 !== 0) continue;
      const at: WallClock = { ...day, hour, minute: h % 60, second: (h >>> 8) % 60 };
      if (wallClockToUtcMs(at) < wallClockToUtcMs(from) || wallClockToUtcMs(at) > wallClockToUtcMs(to)) continue;
      const direction = dirs[(h >>> 4) % dirs.length]!;
      yield { time: formatDateTime(at, format), entity: e, h, direction, talk: (h >>> 12) % 600 };
    }
  }
}

/** What the CSV of one report is built from. */
interface Build {
  type: string;
  q: Record<string, string>;
  format: DisplayFormat;
  now: WallClock;
  layout: Layout;
  dirs: readonly string[];
  entities: Entity[];
  entityHeader: string;
}

const entityHeaders: Record<EntityKind, string> = {
  extension: "Extension",
  trunk: "Trunk",
  ivr: "IVR",
  ring_group: "Ring Group",
  queue: "Queue",
  agent: "Agent",
};

/** Sums the rows of `aggregate` into one row. */
const sumRows = (rows: number[][], width: number) =>
  rows.reduce((acc, row) => acc.map((v, j) => v + row[j]!), new Array<number>(width).fill(0));

/**
 * Activity: a row per slot of the bucket (and per DID of the trunk for DID/Outbound Caller ID Activity), then Total.
 */
function activityRows(b: Build, bucket: Bucket | undefined): { header: string[]; lines: string[] } {
  const { layout, entities } = b;
  const groups = layout.perDid
    ? entities.flatMap((t) =>
        (pbxData.trunk.find((x) => x.id === t.id)?.dids ?? []).map((did) => ({
          label: did,
          entities: [{ id: `${t.id}:${did}`, label: did }],
        })),
      )
    : [{ label: undefined, entities }];
  const header = ["Time", ...(layout.perDid ? ["DID"] : []), ...layout.metrics.map((m) => m[0])];
  if (!bucket || entities.length === 0) return { header, lines: [] };
  const lines: string[] = [];
  const grand = layout.metrics.map(() => 0);
  for (const slot of slotsOf(bucket, b.format)) {
    for (const group of groups) {
      const sums = sumRows(
        aggregate(b.type, group.entities, layout.metrics, slot, b.now, b.dirs),
        layout.metrics.length,
      );
      sums.forEach((v, j) => {
        grand[j]! += v;
      });
      const cells = layout.metrics.map((m, j) => render(m[1], sums[j]!, 24));
      lines.push(csvLine([slot.label, ...(group.label === undefined ? [] : [group.label]), ...cells]));
    }
  }
  lines.push(
    csvLine([
      "Total",
      ...(layout.perDid ? [""] : []),
      ...layout.metrics.map((m, j) => render(m[1], grand[j]!, 24 * 31)),
    ]),
  );
  return { header, lines };
}

/** Summary: a row per entity over the window, then Total. */
function summaryRows(b: Build, window: RangeWindow | undefined): { header: string[]; lines: string[] } {
  const { layout, entities } = b;
  const header = [b.entityHeader, ...layout.metrics.map((m) => m[0])];
  if (!window || entities.length === 0) return { header, lines: [] };
  const rows = aggregate(b.type, entities, layout.metrics, window, b.now, b.dirs);
  const lines = entities.map((e, i) =>
    csvLine([e.label, ...layout.metrics.map((m, j) => render(m[1], rows[i]![j]!, 24))]),
  );
  const grand = sumRows(rows, layout.metrics.length);
  lines.push(csvLine(["Total", ...layout.metrics.map((m, j) => render(m[1], grand[j]!, 24 * entities.length))]));
  return { header, lines };
}

/** The outcome of one call of an events report. */
function resultOf(b: Build, h: number): string {
  if (b.type === "queuecallbacksactivity") return h % 4 === 0 ? "fail" : "success";
  if (b.layout.missed) return ["NO ANSWER", "BUSY", "ABANDONED"][h % 3]!;
  return h % 5 === 0 ? "NO ANSWER" : "ANSWERED";
}

/** Events: a row per call in the window. */
function eventRows(b: Build, window: RangeWindow | undefined): { header: string[]; lines: string[] } {
  const { layout } = b;
  const status = b.type === "queuecallbacksactivity" ? "Callback Result" : "Status";
  const header = [
    "Time",
    b.entityHeader,
    "Caller",
    "Callee",
    status,
    "Talk Duration",
    ...layout.metrics.map((m) => m[0]),
  ];
  if (!window) return { header, lines: [] };
  const lines: string[] = [];
  for (const c of calls(b.type, b.entities, window, b.now, b.dirs, b.format)) {
    const result = resultOf(b, c.h);
    if (b.type === "queuecallbacksactivity" && b.q.callback_result && b.q.callback_result !== result) continue;
    const extension = c.entity.label.split(" ")[0]!;
    const [from, to] = layout.outbound ? [extension, caller(c.h)] : [caller(c.h), extension];
    // A call nobody answered was not talked, nor surveyed.
    const unanswered = result === "NO ANSWER" || layout.missed === true;
    const extra = layout.metrics.map((m) => (unanswered && m[1] === "score" ? "" : render(m[1], c.h % 500, 1)));
    lines.push(csvLine([c.time, c.entity.label, from, to, result, hms(unanswered ? 0 : c.talk), ...extra]));
  }
  return { header, lines };
}

/** The call-details section of a `need_detail=1` report. */
function detailRows(b: Build, window: RangeWindow): string[] {
  const lines = [
    "\r\n",
    csvLine(["Call Details"]),
    csvLine(["Time", b.entityHeader, "Caller", "Direction", "Status", "Talk Duration"]),
  ];
  for (const c of calls(b.type, b.entities, window, b.now, b.dirs, b.format)) {
    const status = c.h % 5 === 0 ? "NO ANSWER" : "ANSWERED";
    lines.push(csvLine([c.time, c.entity.label, caller(c.h), c.direction, status, hms(c.talk)]));
  }
  return lines;
}

/** The whole CSV of a report (without any reportSize filler), and the file name prefix. */
export function buildReport(
  input: ReportInput,
  window: RangeWindow | undefined,
  bucket: Bucket | undefined,
): { prefix: string; header: string[]; body: string } {
  const layout = layoutOf(input.type);
  const b: Build = {
    type: input.type,
    q: input.query,
    format: input.format,
    now: input.now,
    layout,
    dirs: directionsOf(input.query),
    entities: input.empty ? [] : entitiesOf(layout.entity, input.query),
    entityHeader: entityHeaders[layout.entity],
  };
  const { header, lines } =
    layout.shape === "activity"
      ? activityRows(b, bucket)
      : layout.shape === "summary"
        ? summaryRows(b, window)
        : eventRows(b, window);
  const detailWindow = window ?? (bucket ? spanOf(slotsOf(bucket, b.format)) : undefined);
  if (b.q.need_detail === "1" && detailWindow && b.entities.length > 0) lines.push(...detailRows(b, detailWindow));
  return { prefix: layout.prefix, header, body: csvLine(header) + lines.join("") };
}

/**
 * Rows appended after a report's own rows until the file is exactly `size` bytes (the `reportSize`
 * option), produced lazily in chunks so that a 1 GB report costs the simulator little memory.
 * Each filler row has the report's column count; the first one absorbs the remainder.
 */
export function* filler(columns: number, bytes: number, chunkSize = 64 * 1024): Generator<Buffer> {
  const tail = `${",0".repeat(Math.max(0, columns - 1))}\r\n`;
  const rowLength = 24 + tail.length;
  if (bytes <= 0) return;
  if (bytes < rowLength) {
    yield Buffer.from("x".repeat(Math.max(0, bytes - 2)) + "\r\n".slice(0, Math.min(2, bytes)));
    return;
  }
  const rows = Math.floor(bytes / rowLength);
  const extra = bytes - rows * rowLength;
  let parts: string[] = [];
  let pending = 0;
  for (let i = 0; i < rows; i++) {
    const label = `Call ${String(i).padStart(19, "0")}${i === 0 ? "-".repeat(extra) : ""}`;
    parts.push(label, tail);
    pending += label.length + tail.length;
    if (pending >= chunkSize) {
      yield Buffer.from(parts.join(""));
      parts = [];
      pending = 0;
    }
  }
  if (parts.length > 0) yield Buffer.from(parts.join(""));
}
