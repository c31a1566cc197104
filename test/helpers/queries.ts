// A valid query for any report type, built from the generated table (so a new type is covered too).
import { reportTypes } from "../../generated/reports.ts";
import { formatBucket, formatDateTime, type DisplayFormat } from "../../src/pbx-time.ts";

type Param = { required: boolean; kind: string; type: string | readonly string[]; enum?: readonly unknown[] };
export const table = reportTypes as unknown as Record<string, { timeKind: string; parameters: Record<string, Param> }>;
export const allTypes = Object.keys(table);

export function sampleValue(name: string, p: Param, format: DisplayFormat): string | number {
  if (p.enum) return p.enum[0] as string | number;
  switch (p.kind) {
    case "datetime":
      return formatDateTime(
        name === "end_time" ? { year: 2024, month: 5, day: 31, hour: 23, minute: 59, second: 59 } : { year: 2024, month: 5, day: 1, hour: 0, minute: 0, second: 0 },
        format,
      );
    case "time-bucket":
      return formatBucket({ year: 2024, month: 5 }, format.date);
    case "id":
    case "id-list":
      return "1";
  }
  return p.type === "integer" ? 1 : "x";
}

/** Every parameter of the type (required and optional) with a valid value. */
export function fullQuery(type: string, format: DisplayFormat, { optional = true } = {}): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  for (const [name, p] of Object.entries(table[type]!.parameters)) {
    if (name === "is_async" || (!p.required && !optional)) continue;
    query[name] = sampleValue(name, p, format);
  }
  return query;
}
