// The figures behind the simulator's reports: which entities a query selects, and each metric of each entity
// over the hours of a window, computed from a hash of (entity, day, metric) so that a report is the same every
// time it is asked for.
import {
  type Bucket,
  type DisplayFormat,
  daysInMonth,
  formatBucket,
  formatDateTime,
  type WallClock,
  wallClockToUtcMs,
} from "../model/pbx-time.js";
import { type Entity, hash, pbxData } from "./data.js";
import type { EntityKind, Metric } from "./layouts.js";

/** The report data starts here; earlier windows are empty. */
export const dataStart: WallClock = { year: 2022, month: 1, day: 1, hour: 0, minute: 0, second: 0 };

const pad2 = (n: number) => String(n).padStart(2, "0");
export const hms = (seconds: number) =>
  `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;

function idsOf(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(",").filter(Boolean);
}

/** The entities a query selects: the IDs it names that exist (unknown IDs give no rows, as on a live PBX). */
export function entitiesOf(kind: EntityKind, q: Record<string, string>): Entity[] {
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

export function directionsOf(q: Record<string, string>): readonly string[] {
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

/** The points of a satisfaction key column, `KEY: 1(5 Points)` → 5. */
const pointsOf = (header: string) => Number(/\((\d+) Points\)/.exec(header)?.[1] ?? 0);

/** A row's derived columns (rate, sum, points, ratio) from the columns they name, in column order. */
export function derive(metrics: Metric[], values: number[]): number[] {
  const out = [...values];
  const at = (header: string | undefined) => out[metrics.findIndex((m) => m[0] === header)] ?? 0;
  metrics.forEach(([, kind, of = []], j) => {
    if (kind === "sum") out[j] = of.reduce((a, h) => a + at(h), 0);
    else if (kind === "points") out[j] = of.reduce((a, h) => a + at(h) * pointsOf(h), 0);
    else if (kind === "rate" || kind === "ratio") {
      const den = at(of[1]);
      const share = den === 0 ? 0 : at(of[0]) / den;
      out[j] = kind === "rate" ? Math.round(share * 10_000) : Math.floor(share * 100);
    }
  });
  return out;
}

/** A row's cells: derived columns computed, every value rendered as the PBX writes it. */
export const renderRow = (metrics: Metric[], values: number[], samples: number): string[] => {
  const derived = derive(metrics, values);
  return metrics.map((m, j) => render(m[1], derived[j]!, samples));
};

export function render(kind: Metric[1], total: number, samples: number): string {
  switch (kind) {
    case "total":
    case "count":
    case "sum":
    case "points":
      return String(total);
    case "rate":
      return `${(total / 100).toFixed(2)}%`;
    case "ratio":
      return (total / 100).toFixed(2);
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
export function hourLabel(hour: number, format: DisplayFormat): string {
  if (format.clock === 24) return `${pad2(hour)}:00-${pad2(hour)}:59`;
  const h12 = `${pad2(hour % 12 === 0 ? 12 : hour % 12)}`;
  const meridiem = hour < 12 ? "AM" : "PM";
  return `${h12}:00 ${meridiem}-${h12}:59 ${meridiem}`;
}

/** The slots of a bucket (labels in the PBX's display format): hours of a day, days of a month, months of a year. */
export function slotsOf(bucket: Bucket, format: DisplayFormat): { label: string; from: WallClock; to: WallClock }[] {
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

export const spanOf = (slots: RangeWindow[]): RangeWindow => ({
  from: slots[0]!.from,
  to: slots[slots.length - 1]!.to,
});
export const caller = (h: number) => `+1555${String(h % 10_000_000).padStart(7, "0")}`;

export function aggregate(
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
export function* calls(
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
