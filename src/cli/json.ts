// The one JSON contract of `--json` (spec/cli-output.schema.json, the README's table): stdout holds JSON only,
// and a failure is an error object, never a bare string.
import { YeastarApiError } from "../index.js";
import { exitCodeOf, inCliWords } from "./output.js";

/** A failure as `--json` prints it. */
export interface JsonError {
  /** The error's class: YeastarApiError, YeastarOptionError, …, or UsageError for a flag commander refused. */
  name: string;
  /** What failed, in the command line's words (as on stderr, without the hint). */
  message: string;
  /** The PBX's errcode, when the PBX gave one. */
  errcode?: number;
  /** The exit code this failure gives (1 the PBX, the network, files; 2 usage, nothing sent). */
  exit: number;
}

/** Whether the command line asked for JSON. */
export const jsonAsked = (argv: string[] = process.argv) => argv.slice(2).includes("--json");

export function jsonError(error: unknown, exit = exitCodeOf(error)): JsonError {
  const e = error as Error;
  return {
    name: typeof e?.name === "string" && e.name !== "Error" ? e.name : "Error",
    message: inCliWords(String(e?.message ?? error)).replace(/^error: /, ""),
    ...(error instanceof YeastarApiError ? { errcode: error.errcode } : {}),
    exit,
  };
}

/** Errors whose JSON line was printed already (by the batch, for its report), not to be printed again. */
const printed = new WeakSet<object>();

/** One JSON value on stdout: pretty (a document) or on one line (NDJSON). */
export function printJson(value: unknown, pretty = false): void {
  process.stdout.write(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
}

/** Marks an error as said in JSON (its report's line carries it). */
export function saidInJson(error: unknown): void {
  if (error && typeof error === "object") printed.add(error);
}

/** The failure of a whole command as JSON on stdout, unless a report's line carried it already. */
export function failureAsJson(error: unknown, exit: number): void {
  if (error && typeof error === "object" && printed.has(error)) return;
  printJson({ error: jsonError(error, exit) });
}
