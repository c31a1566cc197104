// One loosely typed view of the generated report table, for code that walks it by name at run time
// (the query check, the simulator, the CLI). The precise `as const` type stays for the query types.
import { reportTypes } from "../generated/reports.js";

export interface ParameterSpec {
  required: boolean;
  type: string | readonly string[];
  /** From x-param-kind: datetime, time-bucket, id, id-list; "type" for `type`, "plain" otherwise. */
  kind: string;
  enum?: readonly unknown[];
  pattern?: string;
  minimum?: number;
}

export interface ReportSpec {
  title: string;
  timeKind: "range" | "bucket";
  parameters: Record<string, ParameterSpec>;
}

export const reportTable = reportTypes as unknown as Record<string, ReportSpec>;
