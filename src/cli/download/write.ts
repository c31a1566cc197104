// How a report is written: to the target of --out (targets.ts) or stdout, in the format asked (the PBX's CSV bytes,
// or rows as JSON/NDJSON), replacing a file only with --overwrite.
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Report } from "../../index.js";
import { YeastarOptionError } from "../../index.js";
import { existsAlready, privateDirectory, targetOf, writeAtomically } from "../../internal.js";
import { type Meter, meter } from "../progress.js";
import type { DownloadFlags } from "./flags.js";
import { exists, filledOut, type Where } from "./targets.js";

export type { Where } from "./targets.js";

/** Writes the report as asked; returns the path written, or undefined for stdout. */
export async function write(report: Report, flags: DownloadFlags, where: Where): Promise<string | undefined> {
  const { format } = flags;
  if (format === "stats" || format === "stats-ndjson")
    throw new YeastarOptionError(`--format ${format} is for call reports' statistics; a file is csv, json or ndjson`);
  const shown = showProgress(report, flags, where);
  try {
    const written = await writeAs(report, format, flags, where);
    shown?.done();
    return written;
  } catch (error) {
    shown?.clear();
    throw error;
  }
}

async function writeAs(report: Report, format: "csv" | "json" | "ndjson", flags: DownloadFlags, where: Where) {
  if (flags.out === "-") {
    const bytes =
      format === "csv"
        ? Readable.fromWeb(report.stream() as NodeReadableStream<Uint8Array>)
        : Readable.from(rowsAs(report, format, flags.encoding));
    await pipeline(bytes, process.stdout, { end: false });
    return undefined;
  }
  const overwrite = flags.overwrite === true;
  const name = format === "csv" ? report.file : `${report.file.replace(/\.csv$/i, "")}.${format}`;
  const dest = await targetOf(filledOut(flags.out, where, report.type, name), name, true);
  // A template makes the directories it names, as a directory target (ending in /) does.
  if (flags.out.includes("{") || where.fleet) await privateDirectory(path.dirname(dest));
  if (format === "csv") return await report.saveTo(dest, { overwrite });
  if (!overwrite && (await exists(dest))) throw existsAlready(dest, "pass --overwrite to replace it");
  return await writeAtomically(dest, Readable.from(rowsAs(report, format, flags.encoding)), { overwrite });
}

/**
 * A meter on stderr when it is a terminal, unless -q or the report goes to stdout. In a fleet, where downloads run
 * side by side, only the closing line of each (after the PBX's name): one redrawn line cannot show them all.
 */
function showProgress(report: Report, flags: DownloadFlags, where: Where): Meter | undefined {
  if (flags.quiet || flags.out === "-" || process.stderr.isTTY !== true) return undefined;
  const shown = meter(where.fleet ? `${where.profile}: ${report.type}` : report.type, { redraw: !where.fleet });
  report.onProgress = shown.update;
  return shown;
}

/** The rows as JSON (an array, a row a line) or NDJSON, each with its `_section`; `encoding` for a file without BOM. */
export async function* rowsAs(
  report: Report,
  format: "json" | "ndjson",
  encoding?: string | undefined,
): AsyncGenerator<string> {
  let first = true;
  if (format === "json") yield "[";
  // Which part of the report a row is (summary, a call detail of need_detail=1, the Total row): _section.
  for await (const row of report.rows({ withSection: true, ...(encoding ? { encoding } : {}) })) {
    yield format === "json" ? `${first ? "\n" : ",\n"}  ${JSON.stringify(row)}` : `${JSON.stringify(row)}\n`;
    first = false;
  }
  if (format === "json") yield first ? "]\n" : "\n]\n";
}
