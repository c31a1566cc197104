// PBX time formatting across every display format, both clocks, zones with DST, and the three buckets.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DisplayFormat,
  dateFormats,
  displayFormatOf,
  formatBucket,
  formatDateTime,
  goLayout,
  offsetFromSystemTime,
  parseBucket,
  parseDateTime,
  wallClockAt,
} from "../../src/model/pbx-time.js";
import { deviceInfoOf } from "../../src/query/pbx-clock.js";

const formats: DisplayFormat[] = dateFormats.flatMap((date) =>
  [12, 24].map((clock) => ({ date, clock }) as DisplayFormat),
);
const wallClock = fc
  .record({
    year: fc.integer({ min: 1970, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  })
  .filter((w) => w.day <= new Date(Date.UTC(w.year, w.month, 0)).getUTCDate());

describe("display formats", () => {
  it.each([
    [{ date: "MM/DD/YYYY", clock: 24 }, "04/01/2022 00:00:00", "05/31/2022 23:59:59"],
    [{ date: "YYYY/MM/DD", clock: 12 }, "2022/04/01 12:00:00 AM", "2022/05/31 11:59:59 PM"],
    [{ date: "DD/MM/YYYY", clock: 12 }, "01/04/2022 12:00:00 AM", "31/05/2022 11:59:59 PM"],
    [{ date: "DD/MM/YYYY", clock: 24 }, "01/04/2022 00:00:00", "31/05/2022 23:59:59"],
  ] as const)("writes the vendor's window in %o", (format, start, end) => {
    expect(formatDateTime({ year: 2022, month: 4, day: 1, hour: 0, minute: 0, second: 0 }, format)).toBe(start);
    expect(formatDateTime({ year: 2022, month: 5, day: 31, hour: 23, minute: 59, second: 59 }, format)).toBe(end);
  });

  it("writes noon as 12 PM and midnight as 12 AM", () => {
    const f = { date: "YYYY/MM/DD", clock: 12 } as const;
    expect(formatDateTime({ year: 2024, month: 1, day: 1, hour: 12, minute: 0, second: 0 }, f)).toBe(
      "2024/01/01 12:00:00 PM",
    );
    expect(formatDateTime({ year: 2024, month: 1, day: 1, hour: 0, minute: 30, second: 0 }, f)).toBe(
      "2024/01/01 12:30:00 AM",
    );
  });

  it("round-trips every wall-clock time in every format (property)", () => {
    fc.assert(
      fc.property(wallClock, fc.constantFrom(...formats), (w, f) => {
        expect(parseDateTime(formatDateTime(w, f), f)).toEqual(w);
      }),
    );
  });

  it("refuses a time written in another format (property)", () => {
    fc.assert(
      fc.property(wallClock, fc.constantFrom(...formats), fc.constantFrom(...formats), (w, written, expected) => {
        const text = formatDateTime(w, written);
        const parsed = parseDateTime(text, expected);
        if (written.date === expected.date && written.clock === expected.clock) return;
        // Another order may read as a different, valid date (01/02 vs 02/01), but never as the same text in a different
        // clock.
        if (written.clock !== expected.clock) expect(parsed).toBeUndefined();
      }),
    );
  });

  it("refuses impossible dates and hours", () => {
    const f = { date: "MM/DD/YYYY", clock: 24 } as const;
    for (const text of [
      "02/30/2024 00:00:00",
      "13/01/2024 00:00:00",
      "01/01/2024 24:00:00",
      "1/1/2024 00:00:00",
      "01/01/2024 00:00",
      "01-01-2024 00:00:00",
    ]) {
      expect(parseDateTime(text, f), text).toBeUndefined();
    }
    expect(parseDateTime("01/01/2024 13:00:00 PM", { date: "MM/DD/YYYY", clock: 12 })).toBeUndefined();
  });

  it("states formats as Go layouts, as the live PBX does", () => {
    expect(goLayout({ date: "DD/MM/YYYY", clock: 12 })).toBe("02/01/2006 03:04:05 PM");
    expect(goLayout({ date: "MM/DD/YYYY", clock: 24 })).toBe("01/02/2006 15:04:05");
    expect(goLayout({ date: "YYYY/MM/DD", clock: 24 })).toBe("2006/01/02 15:04:05");
  });
});

describe("time buckets", () => {
  it.each([
    ["YYYY/MM/DD", "2024/05/03", "2024/05", "2024"],
    ["MM/DD/YYYY", "05/03/2024", "05/2024", "2024"],
    ["DD/MM/YYYY", "03/05/2024", "05/2024", "2024"],
  ] as const)("%s: a day, a month, a year", (format, day, month, year) => {
    expect(formatBucket({ year: 2024, month: 5, day: 3 }, format)).toBe(day);
    expect(formatBucket({ year: 2024, month: 5 }, format)).toBe(month);
    expect(formatBucket({ year: 2024 }, format)).toBe(year);
    expect(parseBucket(day, format)).toEqual({ year: 2024, month: 5, day: 3 });
    expect(parseBucket(month, format)).toEqual({ year: 2024, month: 5 });
    expect(parseBucket(year, format)).toEqual({ year: 2024 });
  });

  it("refuses buckets that are not real or not in the display order", () => {
    expect(parseBucket("2024/02/30", "YYYY/MM/DD")).toBeUndefined();
    expect(parseBucket("2024/05", "MM/DD/YYYY")).toBeUndefined();
    expect(parseBucket("13/2024", "DD/MM/YYYY")).toBeUndefined();
    expect(parseBucket("24", "YYYY/MM/DD")).toBeUndefined();
  });
});

describe("zones", () => {
  it("shows instants in an IANA zone across DST", () => {
    const berlin = { iana: "Europe/Berlin" };
    expect(wallClockAt(Date.UTC(2024, 2, 31, 0, 59, 59), berlin)).toMatchObject({ day: 31, hour: 1, minute: 59 }); // CET, +1
    expect(wallClockAt(Date.UTC(2024, 2, 31, 1, 0, 0), berlin)).toMatchObject({ day: 31, hour: 3, minute: 0 }); // CEST, +2
    expect(wallClockAt(Date.UTC(2024, 9, 27, 0, 30), berlin)).toMatchObject({ hour: 2, minute: 30 }); // first 02:30
    expect(wallClockAt(Date.UTC(2024, 9, 27, 1, 30), berlin)).toMatchObject({ hour: 2, minute: 30 }); // second 02:30
  });

  it("agrees with an independent rendering of the zone's clock, across DST (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Shanghai", "UTC"),
        (ms, iana) => {
          // sv-SE writes "2024-03-31 03:00:00": a second, independent path through the zone database.
          const reference = new Date(ms).toLocaleString("sv-SE", { timeZone: iana, hourCycle: "h23" });
          const w = wallClockAt(ms, { iana });
          expect(formatDateTime(w, { date: "YYYY/MM/DD", clock: 24 })).toBe(reference.replaceAll("-", "/"));
        },
      ),
    );
  });

  it("derives the PBX's UTC offset from system_time and timestamp", () => {
    const f = { date: "DD/MM/YYYY", clock: 12 } as const;
    expect(offsetFromSystemTime("30/07/2026 09:31:37 PM", Date.UTC(2026, 6, 30, 13, 31, 38) / 1000, f)).toBe(480);
    expect(offsetFromSystemTime("2025/08/22 16:44:40", 1755852280, { date: "YYYY/MM/DD", clock: 24 })).toBe(480);
    expect(
      offsetFromSystemTime("07/30/2026 09:31:37 AM", Date.UTC(2026, 6, 30, 13, 31, 37) / 1000, {
        date: "MM/DD/YYYY",
        clock: 12,
      }),
    ).toBe(-240);
  });
});

describe("displayFormatOf (system/information)", () => {
  it("reads 12-hour only from AM/PM, never from hh", () => {
    expect(
      displayFormatOf({
        system_date_format: "YYYY/MM/DD",
        system_time_format: "hh:mm:ss",
        system_time: "2025/08/22 16:44:40",
      }),
    ).toEqual({ date: "YYYY/MM/DD", clock: 24 });
    expect(displayFormatOf({ system_date_format: "DD/MM/YYYY", system_time_format: "hh:mm:ss PM" })).toEqual({
      date: "DD/MM/YYYY",
      clock: 12,
    });
    expect(
      displayFormatOf({
        system_date_format: "DD/MM/YYYY",
        system_time_format: "hh:mm:ss",
        system_time: "30/07/2026 09:31:37 AM",
      }),
    ).toEqual({ date: "DD/MM/YYYY", clock: 12 });
  });

  it("refuses a date format it does not know, loudly", () => {
    expect(() => displayFormatOf({ system_date_format: "YYYY-MM-DD" })).toThrow(/does not know .*pass displayFormat/);
  });

  it("names the missing field and what to pass when there is no date format at all", () => {
    expect(() => displayFormatOf({})).toThrow(/holds no system_date_format .*pass displayFormat/);
  });
});

describe("deviceInfoOf (the system/information reply)", () => {
  const facts = {
    firmware_version: "37.23.0.123",
    system_date_format: "DD/MM/YYYY",
    system_time_format: "hh:mm:ss PM",
    up_time: 24852,
    timestamp: 1755852280,
  };

  it("reads the facts under data, as the vendor documents them", () => {
    expect(deviceInfoOf({ errcode: 0, errmsg: "SUCCESS", data: facts })).toEqual(facts);
  });

  it("also reads a flat reply", () => {
    expect(deviceInfoOf({ errcode: 0, errmsg: "SUCCESS", ...facts })).toEqual(facts);
  });

  it("keeps only fields of the documented types", () => {
    const hostile = JSON.parse(
      '{"errcode":0,"errmsg":"SUCCESS","data":{"system_date_format":7,"firmware_version":"37.23.0.123","up_time":"3 days","__proto__":{"x":1}}}',
    );
    expect(deviceInfoOf(hostile)).toEqual({ firmware_version: "37.23.0.123" });
  });
});
