// The generated report table, typed where it is made (generated/reports.ts), seen by name at run time: for
// code that walks it by a user-given name (the query check, the simulator, the CLI). The precise `as const`
// type stays for the query types.
import { type ParameterSpec, type ReportSpec, reportTypes } from "../../generated/reports.js";

export type { ParameterSpec, ReportSpec };

export const reportTable: Readonly<Record<string, ReportSpec>> = reportTypes;

/** A report type of the spec by its name; own properties only ("toString" is no report type). */
export function reportSpecOf(type: unknown): ReportSpec | undefined {
  return typeof type === "string" && Object.hasOwn(reportTable, type) ? reportTable[type] : undefined;
}
