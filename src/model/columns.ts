// What is known of each report type's columns (x-columns in spec/, generated into the report table): the row
// types of rows(), and the check of a file's header against them. A firmware that renames or adds a column is
// named on the first download, with where to write it down.
import type { ColumnsSpec, reportTypes } from "../../generated/reports.js";
import { reportSpecOf } from "./report-table.js";

type Table = typeof reportTypes;
type ColumnsOf<T> = T extends keyof Table ? (Table[T] extends { columns: infer C } ? C : undefined) : undefined;
type Names<C, K extends string> = C extends { readonly [P in K]: readonly (infer N extends string)[] } ? N : never;
type Prefixed<C> = C extends { readonly prefixes: readonly (infer P extends string)[] } ? `${P}${string}` : never;

/**
 * The columns the spec knows for report type `T` (from a vendor page or a real export): its summary, detail,
 * optional and assumed columns, and its dynamic ones by prefix (`KEY: ${string}`); never for a type whose
 * columns are unknown.
 */
export type KnownColumn<T extends string> =
  | Names<ColumnsOf<T>, "summary">
  | Names<ColumnsOf<T>, "detail">
  | Names<ColumnsOf<T>, "optional">
  | Names<ColumnsOf<T>, "assumed">
  | Prefixed<ColumnsOf<T>>;

/** Which part of the report a row is (with `withSection`): a summary row, a call detail, or the `Total` row. */
export type Section = "summary" | "detail" | "total";

/**
 * A row of a report of type `T`: values keyed by column name, as strings. For a type whose columns the spec knows,
 * those are named (for completion and documentation), and any other column is allowed: a firmware may add one.
 * For a type whose columns no evidence shows, a plain `Record<string, string>`.
 */
export type ReportRow<T extends string = string> = [KnownColumn<T>] extends [never]
  ? Record<string, string>
  : { [K in KnownColumn<T>]?: string } & { _section?: Section } & Record<string, string>;

/** What a file's header showed, held against what the spec knows of its type's columns. */
export interface ColumnFindings {
  /** The summary header, as keyed (names trimmed). */
  summary: string[];
  /** The call details' header, when the file held one. */
  detail: string[] | undefined;
  /** Where the spec's columns come from (a vendor page or a real export); undefined: the type's columns are unknown. */
  evidence: string | undefined;
  /** Columns of the file the spec does not know for this type. */
  unknown: string[];
  /** Columns the spec knows (neither optional nor assumed) that the file lacks. */
  missing: string[];
}

/** The known columns of a report type, or undefined when no vendor page or real export shows them. */
export function columnsOf(type: string): ColumnsSpec | undefined {
  return reportSpecOf(type)?.columns;
}

/** A header held against the spec's columns of `type`. */
export function findColumns(type: string, summary: string[], detail: string[] | undefined): ColumnFindings {
  const spec = columnsOf(type);
  if (!spec) return { summary, detail, evidence: undefined, unknown: [], missing: [] };
  const known = new Set([...spec.summary, ...(spec.detail ?? []), ...(spec.optional ?? []), ...(spec.assumed ?? [])]);
  const seen = [...summary, ...(detail ?? [])];
  const unknown = seen.filter((c) => !known.has(c) && !(spec.prefixes ?? []).some((p) => c.startsWith(p)));
  const expected = [...spec.summary, ...(detail ? (spec.detail ?? []) : [])];
  const missing = expected.filter((c) => !seen.includes(c));
  return { summary, detail, evidence: spec.source, unknown, missing };
}

/** The one warning line for findings that differ from the spec; undefined when they agree (or nothing is known). */
export function columnWarning(type: string, findings: ColumnFindings): string | undefined {
  if (findings.unknown.length === 0 && findings.missing.length === 0) return undefined;
  const list = (names: string[]) => names.map((n) => JSON.stringify(n)).join(", ");
  const parts = [
    findings.unknown.length ? `columns the spec does not know: ${list(findings.unknown)}` : "",
    findings.missing.length ? `none of the known ${list(findings.missing)}` : "",
  ].filter(Boolean);
  return (
    `columns: the ${type} report has ${parts.join("; and ")}. The PBX's firmware may write other columns: add ` +
    `them to x-columns in spec/schemas/reports/${type}.yaml and run npm run generate (or report them to the project)`
  );
}
