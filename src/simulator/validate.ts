// Request validation from the spec: the report query is checked against the member of the generated
// `CallReportQuery` JSON Schema for its type (ajv), then its times against the PBX display format.
// Nothing here lists report types or parameters by hand.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { InvalidParam } from "../../generated/openapi.js";
import { querySchema } from "../../generated/query-schema.js";
import {
  type Bucket,
  type DisplayFormat,
  goBucketLayouts,
  goLayout,
  parseBucket,
  parseDateTime,
  type WallClock,
} from "../model/pbx-time.js";
import { reportTable } from "../model/report-table.js";

export type QueryCheck =
  | { ok: true; type: string; query: Record<string, string>; times: Record<string, WallClock>; bucket?: Bucket }
  | { ok: false; unknownType: true; type: string }
  | { ok: false; unknownType: false; invalid: InvalidParam[] };

// Strict mode off: the spec's own keywords (x-time-kind, x-param-kind) are annotations, not assertions.
// coerceTypes: query values arrive as strings; "1" must satisfy `integer, enum [0, 1]`.
const ajv = new Ajv2020({ allErrors: true, coerceTypes: true, strict: false });
const validators = new Map<string, ValidateFunction>();
for (const member of querySchema.oneOf) {
  const schema: object = member;
  validators.set(member.properties.type.const, ajv.compile(schema));
}

function describe(error: ErrorObject, type: string, query: Record<string, unknown>): InvalidParam {
  if (error.keyword === "required") {
    const field = (error.params as { missingProperty: string }).missingProperty;
    return { field, validation_type: "required", valid_msg: `${field} is required for report type ${type}` };
  }
  if (error.keyword === "additionalProperties") {
    const field = (error.params as { additionalProperty: string }).additionalProperty;
    return {
      field,
      value: String(query[field]),
      validation_type: "not_supported",
      valid_msg: `${field} is not a parameter of report type ${type}`,
    };
  }
  const field = error.instancePath.replace(/^\//, "");
  const value = String(query[field]);
  if (error.keyword === "enum" || error.keyword === "const") {
    const allowed = (error.params as { allowedValues?: unknown[]; allowedValue?: unknown }).allowedValues ?? [
      (error.params as { allowedValue: unknown }).allowedValue,
    ];
    return {
      field,
      value,
      validation_type: "enum",
      valid_msg: `${field} invalid, valid values: ${allowed.join(", ")}`,
    };
  }
  return { field, value, validation_type: error.keyword, valid_msg: `${field} ${error.message ?? "is invalid"}` };
}

/** Checks a report query (without access_token) as the PBX would, for a PBX showing times in `format`. */
export function checkReportQuery(raw: Record<string, string>, format: DisplayFormat): QueryCheck {
  const type = raw.type ?? "";
  const validate = validators.get(type);
  if (!validate) {
    if (type === "")
      return {
        ok: false,
        unknownType: false,
        invalid: [{ field: "type", validation_type: "required", valid_msg: "type is required" }],
      };
    return { ok: false, unknownType: true, type };
  }
  const coerced: Record<string, unknown> = { ...raw };
  if (!validate(coerced)) {
    const invalid = (validate.errors ?? []).map((e) => describe(e, type, raw));
    const seen = new Set<string>();
    return {
      ok: false,
      unknownType: false,
      invalid: invalid.filter((p) => !seen.has(p.field + p.validation_type) && seen.add(p.field + p.validation_type)),
    };
  }

  const invalid: InvalidParam[] = [];
  const times: Record<string, WallClock> = {};
  let bucket: Bucket | undefined;
  const parameters = reportTable[type]!.parameters;
  for (const [name, { kind }] of Object.entries(parameters)) {
    const value = raw[name];
    if (value === undefined) continue;
    if (kind === "datetime") {
      const parsed = parseDateTime(value, format);
      if (parsed) times[name] = parsed;
      else invalid.push({ field: name, value, valid_msg: `${name} format invalid, valid format: ${goLayout(format)}` });
    } else if (kind === "time-bucket") {
      bucket = parseBucket(value, format.date);
      if (!bucket)
        invalid.push({
          field: name,
          value,
          valid_msg: `${name} format invalid, valid format: ${goBucketLayouts(format.date).join(" or ")}`,
        });
    }
  }
  if (invalid.length > 0) return { ok: false, unknownType: false, invalid };
  return { ok: true, type, query: raw, times, ...(bucket ? { bucket } : {}) };
}
