// A checked query as the PBX wants it on the wire: every value a string, times in its display format and
// zone, ID lists comma-joined; and the API version it goes to.
import { YeastarQueryError } from "../errors.js";
import {
  type DisplayFormat,
  describeFormat,
  formatBucket,
  formatDateTime,
  parseBucket,
  parseDateTime,
  type WallClock,
  wallClockAt,
  type Zone,
} from "../model/pbx-time.js";
import { checkOrder, instantOf, isoBucket, isoWallClockOf, kindOfTime } from "../model/time-input.js";
import type { CheckedQuery } from "./check.js";
import type { WireQuery } from "./context.js";
import type { PbxClock, PbxFacts } from "./pbx-clock.js";

/** How a time is shown to the user in errors: the display format and an example of each accepted form. */
function timeExamples(format: DisplayFormat): string {
  const sample: WallClock = { year: 2022, month: 4, day: 1, hour: 0, minute: 0, second: 0 };
  const own = `the PBX's own format ${describeFormat(format)}: "${formatDateTime(sample, format)}"`;
  return `"2022-04-01T00:00:00" (PBX time), "2022-04-01T00:00:00Z" or a Date (an instant), or ${own}`;
}

/** A time written for the PBX, and its PBX wall clock (for the order of start_time and end_time). */
function toDateTime(name: string, value: unknown, format: DisplayFormat, zone: Zone | undefined, type: string) {
  const refuse = (what: string) =>
    new YeastarQueryError(`${type}: ${name} ${JSON.stringify(value)} ${what}`, { type, parameter: name });
  switch (kindOfTime(value)) {
    case "instant": {
      const ms = instantOf(value);
      if (ms === undefined) throw refuse("is not a real date and time");
      if (!zone)
        throw new YeastarQueryError(`${type}: ${name} is an instant, but the PBX time zone is unknown; pass timeZone`, {
          type,
          parameter: name,
        });
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
    { type, parameter: name },
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

/** A checked query on the wire, with what the PBX's facts said (display format, zone, API version). */
export interface Wired {
  /** The query without is_async, which the download flow sets itself (sync, or async with event 30027). */
  wire: WireQuery;
  apiVersion: PbxFacts["apiVersion"];
  /** The is_async value the query held, if any. */
  asyncParam: unknown;
  facts: PbxFacts;
}

/**
 * The one way from a checked query to the wire: the PBX's facts that it needs (read once per client), then
 * toWire. `format: true` reads the display format even when the query holds no time (the diagnosis shows it).
 */
export async function wiredQuery(
  clock: PbxClock,
  checked: CheckedQuery,
  need: { format?: boolean } = {},
): Promise<Wired> {
  const format = need.format === true || checked.needsFormat;
  const facts = await clock.facts({ format, zone: checked.needsZone, apiVersion: true });
  const { is_async: asyncParam, ...values } = checked.values;
  const wire = toWire({ ...checked, values }, facts.format, facts.zone);
  return { wire, apiVersion: facts.apiVersion, asyncParam, facts };
}
