// PBX time: the display formats a P-Series PBX writes times in, and the conversion between instants and
// PBX wall-clock time. Pure functions, shared by the client and the simulator.

/** The date display orders a P-Series PBX offers (System > Date and Time > Display Format). */
export const dateFormats = ["YYYY/MM/DD", "MM/DD/YYYY", "DD/MM/YYYY"] as const;
export type DateFormat = (typeof dateFormats)[number];

/** How the PBX writes times: its date order and a 12- or 24-hour clock. */
export interface DisplayFormat {
  date: DateFormat;
  clock: 12 | 24;
}

/** A PBX-local wall-clock time (no zone). Months and days count from 1. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** A `time` bucket: a year, a month of a year, or a day (hourly, daily or monthly rows). */
export interface Bucket {
  year: number;
  month?: number;
  day?: number;
}

/** A PBX time zone: an IANA name, or a fixed offset from UTC in minutes (east positive). */
export type Zone = { iana: string } | { offsetMinutes: number };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function isDateFormat(value: unknown): value is DateFormat {
  return (dateFormats as readonly unknown[]).includes(value);
}

function dateParts(format: DateFormat, y: string, m: string, d: string): string {
  switch (format) {
    case "YYYY/MM/DD":
      return `${y}/${m}/${d}`;
    case "MM/DD/YYYY":
      return `${m}/${d}/${y}`;
    case "DD/MM/YYYY":
      return `${d}/${m}/${y}`;
  }
}

/** `start_time`/`end_time` as the PBX wants them, e.g. `04/01/2022 00:00:00` or `2022/04/01 09:05:00 PM`. */
export function formatDateTime(w: WallClock, format: DisplayFormat): string {
  const date = dateParts(format.date, pad(w.year, 4), pad(w.month), pad(w.day));
  if (format.clock === 24) return `${date} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${date} ${pad(hour12)}:${pad(w.minute)}:${pad(w.second)} ${w.hour < 12 ? "AM" : "PM"}`;
}

/** The display format written as the vendor writes it, e.g. `MM/DD/YYYY HH:mm:ss` or `YYYY/MM/DD hh:mm:ss AM`. */
export function describeFormat(format: DisplayFormat): string {
  return `${format.date} ${format.clock === 24 ? "HH:mm:ss" : "hh:mm:ss AM"}`;
}

/** The format as a Go time layout, the way the PBX states it in `valid_msg` (e.g. `02/01/2006 03:04:05 PM`). */
export function goLayout(format: DisplayFormat): string {
  return formatDateTime({ year: 2006, month: 1, day: 2, hour: 15, minute: 4, second: 5 }, format).replace(
    "15:04:05 PM",
    "03:04:05 PM",
  );
}

/** The three `time` bucket layouts of a date format, as Go layouts: day, month, year. */
export function goBucketLayouts(format: DateFormat): [string, string, string] {
  return [
    formatBucket({ year: 2006, month: 1, day: 2 }, format),
    formatBucket({ year: 2006, month: 1 }, format),
    "2006",
  ];
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(year: number, month: number, day: number): boolean {
  return year >= 1970 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const datePatterns: Record<DateFormat, string> = {
  "YYYY/MM/DD": String.raw`(?<y>\d{4})\/(?<m>\d{2})\/(?<d>\d{2})`,
  "MM/DD/YYYY": String.raw`(?<m>\d{2})\/(?<d>\d{2})\/(?<y>\d{4})`,
  "DD/MM/YYYY": String.raw`(?<d>\d{2})\/(?<m>\d{2})\/(?<y>\d{4})`,
};
const timePattern = String.raw` (?<H>\d{2}):(?<M>\d{2}):(?<S>\d{2})(?: (?<ap>AM|PM))?`;
const dateTimePatterns = Object.fromEntries(
  dateFormats.map((f) => [f, new RegExp(`^${datePatterns[f]}${timePattern}$`)]),
) as Record<DateFormat, RegExp>;
const dayPatterns = Object.fromEntries(dateFormats.map((f) => [f, new RegExp(`^${datePatterns[f]}$`)])) as Record<
  DateFormat,
  RegExp
>;

/** Reads a `start_time`/`end_time` written in the display format; undefined when it is not exactly that. */
export function parseDateTime(text: string, format: DisplayFormat): WallClock | undefined {
  const g = dateTimePatterns[format.date].exec(text)?.groups;
  if (!g) return undefined;
  if ((format.clock === 12) !== (g.ap !== undefined)) return undefined;
  const [year, month, day] = [Number(g.y), Number(g.m), Number(g.d)];
  let hour = Number(g.H);
  const [minute, second] = [Number(g.M), Number(g.S)];
  if (format.clock === 12) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (g.ap === "PM" ? 12 : 0);
  }
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second };
}

/**
 * A `time` bucket as the PBX wants it: `2024/05/03`, `2024/05`, `2024` for YYYY/MM/DD; `05/03/2024`, `05/2024`, `2024`
 * for MM/DD/YYYY.
 */
export function formatBucket(b: Bucket, format: DateFormat): string {
  const y = pad(b.year, 4);
  if (b.month === undefined) return y;
  const m = pad(b.month);
  if (b.day === undefined) return format === "YYYY/MM/DD" ? `${y}/${m}` : `${m}/${y}`;
  return dateParts(format, y, m, pad(b.day));
}

/** Reads a `time` bucket written in the date format; undefined when it is none of the three layouts. */
export function parseBucket(text: string, format: DateFormat): Bucket | undefined {
  const yearOnly = /^(?<y>\d{4})$/.exec(text)?.groups;
  if (yearOnly) {
    const year = Number(yearOnly.y);
    return year >= 1970 ? { year } : undefined;
  }
  const monthPattern = format === "YYYY/MM/DD" ? /^(?<y>\d{4})\/(?<m>\d{2})$/ : /^(?<m>\d{2})\/(?<y>\d{4})$/;
  const monthOnly = monthPattern.exec(text)?.groups;
  if (monthOnly) {
    const [year, month] = [Number(monthOnly.y), Number(monthOnly.m)];
    return validDate(year, month, 1) ? { year, month } : undefined;
  }
  const g = dayPatterns[format].exec(text)?.groups;
  if (g) {
    const [year, month, day] = [Number(g.y), Number(g.m), Number(g.d)];
    return validDate(year, month, day) ? { year, month, day } : undefined;
  }
  return undefined;
}

/**
 * The display format from `system/information`. 12-hour when `system_time_format` or `system_time`
 * shows AM/PM: `hh` alone means nothing (the vendor's own sample pairs `hh:mm:ss` with 16:44:40).
 * Throws on a date format this library does not know, so a new firmware format is noticed, not guessed.
 */
export function displayFormatOf(info: {
  system_date_format?: string;
  system_time_format?: string;
  system_time?: string;
}): DisplayFormat {
  if (typeof info.system_date_format !== "string") {
    throw new RangeError(
      "the PBX's system/information reply holds no system_date_format (looked for under data, and at the top level); " +
        'pass displayFormat explicitly, e.g. { date: "YYYY/MM/DD", clock: 24 } (--date-format and --clock on the ' +
        "command line)",
    );
  }
  const date = info.system_date_format.trim().toUpperCase();
  if (!isDateFormat(date)) {
    throw new RangeError(
      `the PBX reports the date display format ${JSON.stringify(info.system_date_format)}, ` +
        `which this version does not know (known: ${dateFormats.join(", ")}); pass displayFormat explicitly`,
    );
  }
  const twelve = /\b(AM|PM)\b/i.test(info.system_time_format ?? "") || /\b(AM|PM)\s*$/i.test(info.system_time ?? "");
  return { date, clock: twelve ? 12 : 24 };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: iana,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(iana, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when `iana` is not a time zone this runtime knows. */
export function checkZone(iana: string): void {
  try {
    zoneFormatter(iana);
  } catch {
    throw new RangeError(
      `unknown time zone ${JSON.stringify(iana)}: use an IANA name such as "Europe/Berlin" or "Asia/Shanghai"`,
    );
  }
}

function utcWallClock(ms: number): WallClock {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

export function wallClockToUtcMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The PBX wall clock at an instant. */
export function wallClockAt(epochMs: number, zone: Zone): WallClock {
  if ("offsetMinutes" in zone) return utcWallClock(epochMs + zone.offsetMinutes * 60_000);
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(zone.iana).formatToParts(new Date(epochMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/**
 * The PBX's UTC offset now, from `system_time` (wall clock in the display format) minus `timestamp`
 * (epoch seconds), rounded to the nearest quarter hour (the two are read a moment apart).
 */
export function offsetFromSystemTime(systemTime: string, timestamp: number, format: DisplayFormat): number | undefined {
  const w = parseDateTime(systemTime.trim(), format);
  if (!w) return undefined;
  const minutes = (wallClockToUtcMs(w) - timestamp * 1000) / 60_000;
  return Math.round(minutes / 15) * 15;
}
