// Our simulator shares our assumptions, so what it sends is checked against the spec's reply schemas, the
// same ones the vendor's documented examples are checked against (test/contract). Objects are checked
// closed: a field the spec does not name is a violation, so the spec, the simulator and the vendor's
// examples cannot drift apart unnoticed.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { replySchemas } from "../../generated/reply-schemas.js";

type Schema = Record<string, unknown>;

/** The schema with `additionalProperties: false` on every object that names its properties and says nothing else. */
export function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== "object") return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === "examples" ? value : closed(value);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

// Strict mode off: the spec's own keywords (x-time-kind, x-param-kind, …) are annotations.
const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string, status: string): ValidateFunction | undefined {
  const schema = replySchemas[key]?.[status];
  if (!schema) return undefined;
  const id = `${key} ${status}`;
  const known = compiled.get(id);
  if (known) return known;
  const validate = ajv.compile(closed(schema) as Schema);
  compiled.set(id, validate);
  return validate;
}

const routes = Object.keys(replySchemas)
  .filter((key) => !key.startsWith("event "))
  .map((key) => {
    const [method, template] = key.split(" ") as [string, string];
    const pattern = new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return { key, method, pattern };
  });

/**
 * The spec's key of a request ("GET /openapi/{api_version}/call_report/download"), or undefined for a path it does not
 * describe.
 */
export function operationOf(method: string, path: string): string | undefined {
  return routes.find((r) => r.method === method && r.pattern.test(path))?.key;
}

/**
 * Checks a reply against the spec: `key` is an operation key or "event NAME", `status` the HTTP status
 * (or "payload" for an event). Returns what is wrong, or undefined when it conforms or the spec describes
 * no JSON reply with that status.
 */
export function replyProblems(key: string, status: string, body: unknown): string | undefined {
  const validate = validatorFor(key, status);
  if (!validate || validate(body)) return undefined;
  return (validate.errors ?? [])
    .map(
      (e) =>
        `${e.instancePath || "/"} ${e.message ?? "is invalid"}` +
        (e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""),
    )
    .join("; ");
}

/** Every reply the simulators of this process sent that did not conform to the spec, and how many were checked. */
export const replyAudit = { checked: 0, violations: [] as string[] };

/** Records a reply's conformance (called by the simulator for every JSON reply and event it sends). */
export function auditReply(key: string | undefined, status: string, body: unknown): void {
  if (!key) return;
  replyAudit.checked += 1;
  const problems = replyProblems(key, status, body);
  if (problems) replyAudit.violations.push(`${key} ${status}: ${problems} in ${JSON.stringify(body).slice(0, 300)}`);
}
