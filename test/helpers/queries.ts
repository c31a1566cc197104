// Report types and example queries for tests, from the generated table (so a new type is covered too).
import { reportTypes } from "../../generated/reports.ts";
import { exampleQuery } from "../../src/simulator/examples.ts";
import type { DisplayFormat } from "../../src/pbx-time.ts";

type Param = { required: boolean; kind: string; type: string | readonly string[]; enum?: readonly unknown[] };
export const table = reportTypes as unknown as Record<string, { timeKind: string; parameters: Record<string, Param> }>;
export const allTypes = Object.keys(table);

/** Every parameter of the type with a valid value, times written in `format`. */
export const fullQuery = (type: string, format: DisplayFormat) => exampleQuery(type, { format });
