// Report types and example queries for tests, from the generated table (so a new type is covered too).

import type { DisplayFormat } from "../../src/model/pbx-time.js";
import { reportTable } from "../../src/model/report-table.js";
import { exampleQuery } from "../../src/simulator/examples.js";

export const table = reportTable;
export const allTypes = Object.keys(table);

/** Every parameter of the type with a valid value, times written in `format`. */
export const fullQuery = (type: string, format: DisplayFormat) => exampleQuery(type, { format });
