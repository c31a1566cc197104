// The report query as users write it, checked against the generated table before anything is sent (or, with
// `unchecked`, deliberately not); query/wire.ts then writes it for the PBX.
import type { CallReportQuery } from "../../generated/openapi.js";
import type { ParamKind, reportTypes } from "../../generated/reports.js";
import { YeastarQueryError } from "../errors.js";
import { type DisplayFormat, dateFormats, parseBucket, parseDateTime } from "../model/pbx-time.js";
import { type ParameterSpec as ParamSpec, reportSpecOf, reportTable } from "../model/report-table.js";
import { didYouMean } from "../model/suggest.js";
import { checkOrderEarly, instantOf, isoBucket, isoWallClockOf, kindOfTime } from "../model/time-input.js";

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
  kinds: Record<string, ParamKind>;
  /** Parameters whose value needs the PBX display format (times). */
  needsFormat: boolean;
  /** Parameters that are instants, needing the PBX zone. */
  needsZone: boolean;
}

const allFormats: DisplayFormat[] = dateFormats.flatMap((date) => [
  { date, clock: 12 as const },
  { date, clock: 24 as const },
]);
/** A checked query from its values and their kinds: what the wire form will need of the PBX follows from them. */
function checkedOf(type: string, values: Record<string, unknown>, kinds: Record<string, ParamKind>): CheckedQuery {
  const entries = Object.entries(kinds);
  const needsFormat = entries.some(([, kind]) => kind === "datetime" || kind === "time-bucket");
  const needsZone = entries.some(([name, kind]) => kind === "datetime" && kindOfTime(values[name]) === "instant");
  return { type, values, kinds, needsFormat, needsZone };
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
      { type: typeof q.type === "string" ? q.type : undefined, parameter: "type" },
    );
  }
  const type = q.type as string;
  const values: Record<string, unknown> = {};
  const kinds: Record<string, ParamKind> = {};
  for (const [name, value] of Object.entries(q)) {
    if (value === undefined) continue;
    const p = Object.hasOwn(spec.parameters, name) ? spec.parameters[name] : undefined;
    if (!p) {
      const accepted = Object.keys(spec.parameters).filter((n) => n !== "type");
      throw new YeastarQueryError(`${type} (${spec.title}) does not take ${name}; it takes: ${accepted.join(", ")}`, {
        type,
        parameter: name,
      });
    }
    const allowed: readonly unknown[] | undefined = p.enum;
    if (allowed && !allowed.includes(value) && !(typeof value === "string" && allowed.includes(Number(value)))) {
      throw new YeastarQueryError(
        `${type}: ${name} must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}, not ` +
          `${JSON.stringify(value)}`,
        { type, parameter: name },
      );
    }
    checkShape(type, name, p, value);
    values[name] = value;
    kinds[name] = p.kind;
  }
  for (const [name, p] of Object.entries(spec.parameters)) {
    if (p.required && values[name] === undefined) {
      throw new YeastarQueryError(`${type} (${spec.title}) requires ${name}`, { type, parameter: name });
    }
  }
  checkOrderEarly(type, values.start_time, values.end_time);
  return checkedOf(type, values, kinds);
}

/** The kind of a parameter by its name, from any report type of the spec that takes it ("plain" if none does). */
function kindByName(name: string): ParamKind {
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
  const kinds: Record<string, ParamKind> = {};
  const unknownParams: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const known = spec && Object.hasOwn(spec.parameters, name) ? spec.parameters[name]!.kind : undefined;
    if (spec && !known) unknownParams.push(name);
    values[name] = value;
    kinds[name] = known ?? kindByName(name);
  }
  const unknown = !spec
    ? `report type ${JSON.stringify(query.type)} is not in the spec of this version`
    : unknownParams.length > 0
      ? `${query.type} takes no ${unknownParams.join(", ")} in the spec of this version`
      : undefined;
  return { checked: checkedOf(query.type, values, kinds), unknown };
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
    throw new YeastarQueryError(`${type}: ${name} ${JSON.stringify(value)} ${problem}`, { type, parameter: name });
  }
  const shown =
    value instanceof Date
      ? Number.isNaN(value.getTime())
        ? "an invalid Date"
        : value.toISOString()
      : JSON.stringify(value);
  throw new YeastarQueryError(`${type}: ${name} ${problem}, not ${shown}`, { type, parameter: name });
}
