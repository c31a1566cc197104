// Loads spec/openapi.yaml as one document, the way redocly bundles it, for the generator and the spec tests.
import { fileURLToPath } from "node:url";
import { bundle, createConfig } from "@redocly/openapi-core";

export const specPath = fileURLToPath(new URL("../spec/openapi.yaml", import.meta.url));

// The parts of an OpenAPI/JSON Schema document the generator reads; everything else passes through.
export interface SchemaObject {
  title?: string;
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  default?: unknown;
  required?: string[];
  properties?: Record<string, SchemaObject>;
  oneOf?: SchemaObject[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  additionalProperties?: boolean | SchemaObject;
  "x-time-kind"?: string;
  "x-columns"?: unknown;
  "x-param-kind"?: string;
  /** The Get Menu Options menus whose `value`s an ID parameter takes (queue_agent: the agents of queue_id). */
  "x-menu"?: string[];
  "x-kind"?: string;
  $ref?: string;
}

export interface BundledSpec {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  webhooks?: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, SchemaObject>; securitySchemes?: Record<string, unknown> };
  [key: string]: unknown;
}

/** The spec in one object; with `dereference`, every `$ref` replaced by what it points to. */
export async function loadSpec({ dereference }: { dereference: boolean }): Promise<BundledSpec> {
  const config = await createConfig({});
  const { bundle: doc, problems } = await bundle({ ref: specPath, config, dereference });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new Error(`spec/openapi.yaml does not bundle:\n${errors.map((p) => `- ${p.message}`).join("\n")}`);
  }
  return doc.parsed as BundledSpec;
}
