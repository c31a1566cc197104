// Named periods (for cron jobs) on the PBX's calendar: whole days of a range report, or the matching bucket
// of an activity report. Pure: the PBX's wall clock now comes from the caller.
import { YeastarQueryError } from "../errors.js";
import { daysInMonth, type WallClock } from "./pbx-time.js";

export const periods = [
  "today",
  "yesterday",
  "this-week",
  "last-week",
  "this-month",
  "last-month",
  "this-year",
  "last-year",
  "last-7-days",
  "last-30-days",
] as const;

export type Period = (typeof periods)[number];

export function isPeriod(value: string): value is Period {
  return (periods as readonly string[]).includes(value);
}

/** The times of a period, as ISO PBX wall-clock strings (no zone): what `start_time`/`end_time`/`time` take. */
export type PeriodQuery = { start_time: string; end_time: string } | { time: string };

interface Day {
  year: number;
  month: number;
  day: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const iso = (d: Day) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** The day `n` days after `d` (negative: before), on the proleptic Gregorian calendar. */
function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The first and last day of a period; weeks start on Monday; last-N-days are the N whole days before today. */
function daysOf(period: Period, today: Day): [Day, Day] {
  const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7; // Monday 0
  const monthOf = (y: number, m: number): [Day, Day] => [
    { year: y, month: m, day: 1 },
    { year: y, month: m, day: daysInMonth(y, m) },
  ];
  switch (period) {
    case "today":
      return [today, today];
    case "yesterday":
      return [addDays(today, -1), addDays(today, -1)];
    case "this-week":
      return [addDays(today, -weekday), addDays(today, 6 - weekday)];
    case "last-week":
      return [addDays(today, -weekday - 7), addDays(today, -weekday - 1)];
    case "this-month":
      return monthOf(today.year, today.month);
    case "last-month":
      return today.month === 1 ? monthOf(today.year - 1, 12) : monthOf(today.year, today.month - 1);
    case "this-year":
      return [
        { year: today.year, month: 1, day: 1 },
        { year: today.year, month: 12, day: 31 },
      ];
    case "last-year":
      return [
        { year: today.year - 1, month: 1, day: 1 },
        { year: today.year - 1, month: 12, day: 31 },
      ];
    case "last-7-days":
      return [addDays(today, -7), addDays(today, -1)];
    case "last-30-days":
      return [addDays(today, -30), addDays(today, -1)];
  }
}

/**
 * A period on the PBX's calendar (`now` is its wall clock): for a range report the whole days, 00:00:00 to
 * 23:59:59; for a bucket report the day, month or year bucket (a week or a run of days is no bucket).
 * @example periodQuery("last-month", { year: 2024, month: 5, day: 3, … }, "range")
 * // { start_time: "2024-04-01T00:00:00", end_time: "2024-04-30T23:59:59" }
 */
export function periodQuery(period: Period, now: WallClock, timeKind: "range" | "bucket"): PeriodQuery {
  const [first, last] = daysOf(period, now);
  if (timeKind === "range") return { start_time: `${iso(first)}T00:00:00`, end_time: `${iso(last)}T23:59:59` };
  if (period === "today" || period === "yesterday") return { time: iso(first) };
  if (period === "this-month" || period === "last-month") return { time: iso(first).slice(0, 7) };
  if (period === "this-year" || period === "last-year") return { time: String(first.year) };
  throw new YeastarQueryError(
    `--period ${period} is no bucket of an activity report, which takes a day, a month or a year: use today, ` +
      "yesterday, this-month, last-month, this-year or last-year, or --start-time/--end-time on a range report",
    { parameter: "period" },
  );
}
