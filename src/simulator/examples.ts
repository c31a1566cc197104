// A valid query for any report type, built from the generated table (so a type added to the spec is
// covered too), with IDs the simulator's data uses and times in May 2024.

import { type DisplayFormat, formatBucket, formatDateTime } from "../model/pbx-time.js";
import { type ParameterSpec as Param, reportSpecOf } from "../model/report-table.js";

const may1 = { year: 2024, month: 5, day: 1, hour: 0, minute: 0, second: 0 };
const may31 = { year: 2024, month: 5, day: 31, hour: 23, minute: 59, second: 59 };

function sampleValue(name: string, p: Param, format: DisplayFormat | undefined): string | number {
  if (p.enum) return p.enum[0] as string | number;
  switch (p.kind) {
    case "datetime": {
      const w = name === "end_time" ? may31 : may1;
      return format ? formatDateTime(w, format) : `2024-05-${name === "end_time" ? "31T23:59:59" : "01T00:00:00"}`;
    }
    case "time-bucket":
      return format ? formatBucket({ year: 2024, month: 5 }, format.date) : "2024-05";
    case "id":
    case "id-list":
      return "1";
  }
  return [p.type].flat().includes("integer") ? 1 : "x";
}

/**
 * An example query of `type` with every parameter it takes (or only the required ones). Times are ISO
 * wall-clock strings, or written in `format` when given (for raw HTTP to the simulator).
 * @example
 * exampleQuery("queuesatisfaction")
 * // { type: "queuesatisfaction", queue_id: "1", start_time: "2024-05-01T00:00:00", … }
 */
export function exampleQuery(
  type: string,
  options: { format?: DisplayFormat; optional?: boolean } = {},
): Record<string, string | number> {
  const spec = reportSpecOf(type);
  if (!spec) throw new RangeError(`unknown report type ${JSON.stringify(type)}`);
  const query: Record<string, string | number> = {};
  for (const [name, p] of Object.entries(spec.parameters)) {
    if (name === "is_async" || (!p.required && options.optional === false)) continue;
    query[name] = sampleValue(name, p, options.format);
  }
  return query;
}
