// The report query as users write it, checked against the generated table before anything is sent, and
// turned into the PBX's wire form (times in its display format, ID lists comma-joined).
import type { reportTypes } from "../../generated/reports.js";
import { reportSpecOf, reportTable, type ParameterSpec as ParamSpec } from "../model/report-table.js";
import type { CallReportQuery } from "../../generated/openapi.js";
import { YeastarQueryError } from "../errors.js";
import { didYouMean } from "../model/suggest.js";
import type { WireQuery } from "./context.js";
import {
  dateFormats,
  describeFormat,
  formatBucket,
  formatDateTime,
  parseBucket,
  parseDateTime,
  wallClockAt,
  wallClockToUtcMs,
  daysInMonth,
  type DisplayFormat,
  type WallClock,
  type Zone,
} from "../model/pbx-time.js";

/** Every report type, from the spec. */
export type ReportType = CallReportQuery["type"];
type Table = typeof reportTypes;
type Params<T extends ReportType> = Table[T]["parameters"];

/** An ID list: `"1,2"`, `3`, or `[1, "2"]`. */
export type IdList = string | number | readonly (string | number)[];
/**
 * A PBX date-time: a `Date` or an ISO string with `Z`/offset (an instant, shown in the PBX's zone);
 * an ISO string without offset (`2022-04-01T00:00:00`, `2022-04-01 00:00`, `2022-04-01`: PBX wall-clock
 * time as written); or a string already in the PBX's display format (checked, then sent as is).
 */
export type TimeInput = Date | string;

type Widen<Q> = Q extends { type: infer T extends ReportType }
  ? {
      [K in keyof Q]: K extends keyof Params<T>
        ? Params<T>[K] extends { kind: "id-list" }
          ? IdList
          : Params<T>[K] extends { kind: "datetime" }
            ? TimeInput
            : Q[K]
        : Q[K];
    }
  : never;

/**
 * A call report query: `type` and the parameters that report type takes (names as in the spec), with
 * times as {@link TimeInput} and ID lists as {@link IdList}.
 * @example
 * { type: "queuesatisfaction", queue_id: 1, start_time: "2022-04-01T00:00:00", end_time: "2022-05-31T23:59:59" }
 */
export type ReportQuery = Widen<CallReportQuery>;

const table = reportTable;

/** The report types, from the spec. */
export const reportTypeNames = Object.keys(table) as ReportType[];

/**
 * A query past the spec, for what a newer firmware knows and this version does not: any `type`, any
 * parameters. Only with `{ unchecked: true }`. Times and ID lists are written for the PBX as in a checked
 * query where the parameter's name is known to the spec; anything else is sent as `String(value)`.
 * @example { type: "aireceptionistcallactivity", start_time: "2025-01-01", end_time: "2025-01-31" }
 */
export interface UncheckedQuery {
  type: string;
  [parameter: string]: unknown;
}

/** A checked query: values still as the user gave them, but every name, requirement and enum valid. */
export interface CheckedQuery {
  type: string;
  values: Record<string, unknown>;
  /** Each parameter's kind (datetime, time-bucket, id, id-list, plain, type): how toWire writes it. */
  kinds: Record<string, string>;
  /** Parameters whose value needs the PBX display format (times). */
  needsFormat: boolean;
  /** Parameters that are instants, needing the PBX zone. */
  needsZone: boolean;
}

const allFormats: DisplayFormat[] = dateFormats.flatMap((date) => [
  { date, clock: 12 as const },
  { date, clock: 24 as const },
]);
const isoInstant = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const isoWallClock = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const isoBucket = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function kindOfTime(value: unknown): "instant" | "wallclock" | "display" {
  if (value instanceof Date) return "instant";
  if (typeof value === "string" && isoInstant.test(value)) return "instant";
  if (typeof value === "string" && isoWallClock.test(value)) return "wallclock";
  return "display";
}

/** Checks a query against the spec's table; throws a YeastarQueryError naming the type and parameter. */
export function checkQuery(query: unknown): CheckedQuery {
  if (query === null || typeof query !== "object")
    throw new YeastarQueryError("a report query must be an object with a `type`");
  const q = query as Record<string, unknown>;
  // Own properties only: a type named "toString" or "constructor" is no report type.
  const spec = reportSpecOf(q.type);
  if (!spec) {
    throw new YeastarQueryError(
      `unknown report type ${JSON.stringify(q.type)}${didYouMean(q.type, Object.keys(table))}; ` +
        `valid types: ${Object.keys(table).join(", ")}`,
      typeof q.type === "string" ? q.type : undefined,
      "type",
    );
  }
  const type = q.type as string;
  const values: Record<string, unknown> = {};
  const kinds: Record<string, string> = {};
  let needsFormat = false;
  let needsZone = false;
  for (const [name, value] of Object.entries(q)) {
    if (value === undefined) continue;
    const p = Object.hasOwn(spec.parameters, name) ? spec.parameters[name] : undefined;
    if (!p) {
      const accepted = Object.keys(spec.parameters).filter((n) => n !== "type");
      throw new YeastarQueryError(
        `${type} (${spec.title}) does not take ${name}; it takes: ${accepted.join(", ")}`,
        type,
        name,
      );
    }
    const allowed: readonly unknown[] | undefined = p.enum;
    if (allowed && !allowed.includes(value) && !(typeof value === "string" && allowed.includes(Number(value)))) {
      throw new YeastarQueryError(
        `${type}: ${name} must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}, not ` +
          `${JSON.stringify(value)}`,
        type,
        name,
      );
    }
    checkShape(type, name, p, value);
    if (p.kind === "datetime" || p.kind === "time-bucket") needsFormat = true;
    if (p.kind === "datetime" && kindOfTime(value) === "instant") needsZone = true;
    values[name] = value;
    kinds[name] = p.kind;
  }
  for (const [name, p] of Object.entries(spec.parameters)) {
    if (p.required && values[name] === undefined) {
      throw new YeastarQueryError(`${type} (${spec.title}) requires ${name}`, type, name);
    }
  }
  checkOrderEarly(type, values.start_time, values.end_time);
  return { type, values, kinds, needsFormat, needsZone };
}

/** The kind of a parameter by its name, from any report type of the spec that takes it ("plain" if none does). */
function kindByName(name: string): string {
  for (const spec of Object.values(table)) {
    const kind = spec.parameters[name]?.kind;
    if (kind) return kind;
  }
  return "plain";
}

/**
 * An unchecked query, ready for toWire: no name, requirement or enum is checked against the spec. Returns
 * what the spec does not know (the type, or parameters of a known type), for the caller's warning.
 */
export function uncheckQuery(query: UncheckedQuery): { checked: CheckedQuery; unknown: string | undefined } {
  if (query === null || typeof query !== "object" || typeof query.type !== "string" || query.type === "") {
    throw new YeastarQueryError("an unchecked report query still needs a `type` string");
  }
  const spec = reportSpecOf(query.type);
  const values: Record<string, unknown> = {};
  const kinds: Record<string, string> = {};
  const unknownParams: string[] = [];
  let needsFormat = false;
  let needsZone = false;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const known = spec && Object.hasOwn(spec.parameters, name) ? spec.parameters[name]!.kind : undefined;
    if (spec && !known) unknownParams.push(name);
    const kind = known ?? kindByName(name);
    if (kind === "datetime" || kind === "time-bucket") needsFormat = true;
    if (kind === "datetime" && kindOfTime(value) === "instant") needsZone = true;
    values[name] = value;
    kinds[name] = kind;
  }
  const unknown = !spec
    ? `report type ${JSON.stringify(query.type)} is not in the spec of this version`
    : unknownParams.length > 0
      ? `${query.type} takes no ${unknownParams.join(", ")} in the spec of this version`
      : undefined;
  return { checked: { type: query.type, values, kinds, needsFormat, needsZone }, unknown };
}

// A number beyond 2^53 (or in exponent form, 1e21) would be sent altered: such an ID must be a string of digits.
const isId = (id: unknown) =>
  (typeof id === "number" && Number.isSafeInteger(id) && id >= 0) || (typeof id === "string" && /^\s*\d+\s*$/.test(id));
const isWhole = (value: unknown, minimum = -Infinity) =>
  (typeof value === "number" && Number.isSafeInteger(value) && value >= minimum) ||
  (typeof value === "string" && /^\d+$/.test(value) && Number(value) >= minimum);

const notATime =
  'is not a time; write "2022-04-01T00:00:00" (PBX time), "2022-04-01T00:00:00Z" or a Date (an instant), ' +
  'or the PBX\'s display format (e.g. "04/01/2022 00:00:00" on a MM/DD/YYYY 24-hour PBX)';
const notABucket =
  'is not a time bucket; write "2024-05-03" (a day, hourly rows), "2024-05" (a month, daily rows) or "2024" ' +
  "(a year, monthly rows), or the same in the PBX's date order";

/** What is wrong with a time value, or undefined when it is a time (a display-format string in any format). */
function timeProblem(name: string, value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "must be a Date or a time string";
    return instantOf(value) === undefined ? "is not a time a PBX shows (years 1970 to 9999)" : undefined;
  }
  if (typeof value !== "string") return "must be a Date or a time string";
  const kind = kindOfTime(value);
  if (kind === "instant" && instantOf(value) === undefined) return "is not a real date and time";
  if (kind === "wallclock" && !isoWallClockOf(name, value)) return "is not a real date and time";
  // A string in no display format at all is refused before the PBX is asked for its format.
  if (kind === "display" && !allFormats.some((f) => parseDateTime(value, f))) return notATime;
  return undefined;
}

/** What is wrong with a value of parameter `p`, or undefined when its shape is right. */
function shapeProblem(name: string, p: ParamSpec, value: unknown): string | undefined {
  switch (p.kind) {
    case "id-list": {
      const ids = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [value];
      const ok = ids.length > 0 && ids.every(isId);
      return ok ? undefined : 'must be IDs from Get Menu Options: a number, a string like "1,2", or an array of them';
    }
    case "id":
      return isWhole(value, 0) ? undefined : "must be one ID from Get Menu Options (digits)";
    case "datetime":
      return timeProblem(name, value);
    case "time-bucket": {
      const ok = typeof value === "string" && (isoBucket.test(value) || dateFormats.some((f) => parseBucket(value, f)));
      return ok ? undefined : notABucket;
    }
  }
  const types: readonly string[] = Array.isArray(p.type) ? p.type : [p.type];
  if (types.includes("integer") && isWhole(value, p.minimum)) return undefined;
  if (types.includes("string") && typeof value === "string" && (!p.pattern || new RegExp(p.pattern).test(value))) {
    return undefined;
  }
  return types.includes("integer")
    ? `must be a whole number${p.minimum !== undefined ? ` ≥ ${p.minimum}` : ""}`
    : "must be a string";
}

function checkShape(type: string, name: string, p: ParamSpec, value: unknown): void {
  const problem = shapeProblem(name, p, value);
  if (problem === undefined) return;
  // Messages that show the accepted forms quote the value first; the others end with it.
  if (problem === notATime || problem === notABucket) {
    throw new YeastarQueryError(`${type}: ${name} ${JSON.stringify(value)} ${problem}`, type, name);
  }
  const shown =
    value instanceof Date
      ? Number.isNaN(value.getTime())
        ? "an invalid Date"
        : value.toISOString()
      : JSON.stringify(value);
  throw new YeastarQueryError(`${type}: ${name} ${problem}, not ${shown}`, type, name);
}

/** How a time is shown to the user in errors: the display format and an example of each accepted form. */
function timeExamples(format: DisplayFormat): string {
  const sample: WallClock = { year: 2022, month: 4, day: 1, hour: 0, minute: 0, second: 0 };
  const own = `the PBX's own format ${describeFormat(format)}: "${formatDateTime(sample, format)}"`;
  return `"2022-04-01T00:00:00" (PBX time), "2022-04-01T00:00:00Z" or a Date (an instant), or ${own}`;
}

/** An ISO wall-clock string as a WallClock (a date alone: its first second, or its last for end_time). */
function isoWallClockOf(name: string, value: string): WallClock | undefined {
  const m = isoWallClock.exec(value);
  if (!m) return undefined;
  const dateOnly = m[4] === undefined;
  const endOfDay = dateOnly && name === "end_time";
  const w: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: dateOnly ? (endOfDay ? 23 : 0) : Number(m[4]),
    minute: dateOnly ? (endOfDay ? 59 : 0) : Number(m[5]),
    second: dateOnly ? (endOfDay ? 59 : 0) : Number(m[6] ?? 0),
  };
  return isReal(w) ? w : undefined;
}

const isReal = (w: WallClock) =>
  w.year >= 1970 &&
  w.year <= 9999 &&
  w.month >= 1 &&
  w.month <= 12 &&
  w.day >= 1 &&
  w.day <= daysInMonth(w.year, w.month) &&
  w.hour <= 23 &&
  w.minute <= 59 &&
  w.second <= 59;

/** An instant in epoch ms, when it is a real time a PBX can show (no rolled-over 30 February, years 1970–9999). */
function instantOf(value: unknown): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    const year = value.getUTCFullYear();
    return Number.isNaN(ms) || year < 1970 || year > 9999 ? undefined : ms;
  }
  if (typeof value !== "string") return undefined;
  // The date and time as written must be real: Date.parse would roll 2024-02-30 over into March.
  if (!isoWallClockOf("start_time", value.slice(0, 19).replace(" ", "T"))) return undefined;
  const ms = Date.parse(value.replace(" ", "T"));
  return Number.isNaN(ms) ? undefined : ms;
}

/** A time written for the PBX, and its PBX wall clock (for the order of start_time and end_time). */
function toDateTime(name: string, value: unknown, format: DisplayFormat, zone: Zone | undefined, type: string) {
  const refuse = (what: string) =>
    new YeastarQueryError(`${type}: ${name} ${JSON.stringify(value)} ${what}`, type, name);
  switch (kindOfTime(value)) {
    case "instant": {
      const ms = instantOf(value);
      if (ms === undefined) throw refuse("is not a real date and time");
      if (!zone)
        throw new YeastarQueryError(
          `${type}: ${name} is an instant, but the PBX time zone is unknown; pass timeZone`,
          type,
          name,
        );
      const w = wallClockAt(ms, zone);
      return { text: formatDateTime(w, format), wallClock: w };
    }
    case "wallclock": {
      const w = isoWallClockOf(name, value as string);
      if (!w) throw refuse("is not a real date and time");
      return { text: formatDateTime(w, format), wallClock: w };
    }
    case "display": {
      const w = parseDateTime(value as string, format);
      if (w) return { text: value as string, wallClock: w };
      throw refuse(`is not a time this PBX accepts; write it as ${timeExamples(format)}`);
    }
  }
}

/** The order of two times of the same kind, known before the PBX's clock is read (instants, or ISO wall clocks). */
function checkOrderEarly(type: string, start: unknown, end: unknown): void {
  const [a, b] = [kindOfTime(start), kindOfTime(end)];
  if (start === undefined || end === undefined || a !== b) return;
  if (a === "instant") checkOrder(type, instantOf(start), instantOf(end));
  if (a === "wallclock")
    checkOrder(type, isoWallClockOf("start_time", String(start)), isoWallClockOf("end_time", String(end)));
}

/** Refuses a window that ends before it starts (nothing is sent). */
function checkOrder(type: string, start: WallClock | number | undefined, end: WallClock | number | undefined): void {
  if (start === undefined || end === undefined) return;
  const ms = (t: WallClock | number) => (typeof t === "number" ? t : wallClockToUtcMs(t));
  if (ms(end) < ms(start))
    throw new YeastarQueryError(`${type}: end_time is before start_time; swap them`, type, "end_time");
}

function toBucket(name: string, value: string, format: DisplayFormat, type: string): string {
  const m = isoBucket.exec(value);
  if (m) {
    const bucket = {
      year: Number(m[1]),
      ...(m[2] ? { month: Number(m[2]) } : {}),
      ...(m[3] ? { day: Number(m[3]) } : {}),
    };
    const text = formatBucket(bucket, format.date);
    if (parseBucket(text, format.date)) return text;
  } else if (parseBucket(value, format.date)) {
    return value;
  }
  const day = formatBucket({ year: 2024, month: 5, day: 3 }, format.date);
  const month = formatBucket({ year: 2024, month: 5 }, format.date);
  throw new YeastarQueryError(
    `${type}: ${name} ${JSON.stringify(value)} is not a time bucket; write "2024-05-03" (a day, hourly rows), ` +
      `"2024-05" (a month, daily rows) or "2024" (a year, monthly rows), or in the PBX's order: "${day}", ` +
      `"${month}", "2024"`,
    type,
    name,
  );
}

/** The query as the PBX wants it: every value a string, times in its display format, ID lists joined. */
export function toWire(checked: CheckedQuery, format: DisplayFormat | undefined, zone: Zone | undefined): WireQuery {
  const wire: WireQuery = {};
  const window: Record<string, WallClock> = {};
  for (const [name, value] of Object.entries(checked.values)) {
    const kind = checked.kinds[name] ?? "plain";
    if ((kind === "datetime" || kind === "time-bucket") && !format) throw new Error("internal: display format needed");
    if (kind === "datetime") {
      const { text, wallClock } = toDateTime(name, value, format!, zone, checked.type);
      wire[name] = text;
      window[name] = wallClock;
    } else if (kind === "time-bucket") wire[name] = toBucket(name, value as string, format!, checked.type);
    else if (kind === "id-list")
      wire[name] = (Array.isArray(value) ? value : String(value).split(",")).map((id) => String(id).trim()).join(",");
    else wire[name] = String(value);
  }
  checkOrder(checked.type, window.start_time, window.end_time);
  return wire;
}
