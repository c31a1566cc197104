// Times as users write them (ISO 8601 or a Date) before the PBX's display format is known: which kind a value
// is, whether it is a real time, and the order of a window.
import { YeastarQueryError } from "../errors.js";
import { daysInMonth, type WallClock, wallClockToUtcMs } from "./pbx-time.js";

export const isoInstant = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
export const isoWallClock = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
export const isoBucket = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** How a time value is written: an instant (a Date, or ISO with Z/offset), an ISO wall clock, or display text. */
export function kindOfTime(value: unknown): "instant" | "wallclock" | "display" {
  if (value instanceof Date) return "instant";
  if (typeof value === "string" && isoInstant.test(value)) return "instant";
  if (typeof value === "string" && isoWallClock.test(value)) return "wallclock";
  return "display";
}

/** An ISO wall-clock string as a WallClock (a date alone: its first second, or its last for end_time). */
export function isoWallClockOf(name: string, value: string): WallClock | undefined {
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
export function instantOf(value: unknown): number | undefined {
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

/** The order of two times of the same kind, known before the PBX's clock is read (instants, or ISO wall clocks). */
export function checkOrderEarly(type: string, start: unknown, end: unknown): void {
  const [a, b] = [kindOfTime(start), kindOfTime(end)];
  if (start === undefined || end === undefined || a !== b) return;
  if (a === "instant") checkOrder(type, instantOf(start), instantOf(end));
  if (a === "wallclock")
    checkOrder(type, isoWallClockOf("start_time", String(start)), isoWallClockOf("end_time", String(end)));
}

/** Refuses a window that ends before it starts (nothing is sent). */
export function checkOrder(
  type: string,
  start: WallClock | number | undefined,
  end: WallClock | number | undefined,
): void {
  if (start === undefined || end === undefined) return;
  const ms = (t: WallClock | number) => (typeof t === "number" ? t : wallClockToUtcMs(t));
  if (ms(end) < ms(start))
    throw new YeastarQueryError(`${type}: end_time is before start_time; swap them`, { type, parameter: "end_time" });
}
