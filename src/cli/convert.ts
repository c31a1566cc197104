// `yeastar-call-reports convert FILE`: a report file saved earlier, exported from the web UI or e-mailed by a
// scheduled report, read as a download is (both layouts, _section, totals, the column check) into JSON or NDJSON.
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Command, Option } from "commander";
import { readReport, YeastarFileError, YeastarOptionError } from "../index.js";
import { checkEncoding, existsAlready, writeAtomically } from "../internal.js";
import { warnings } from "./connection.js";
import { rowsAs } from "./download/write.js";
import { say } from "./output.js";

interface ConvertFlags {
  type?: string;
  format: "json" | "ndjson";
  out: string;
  encoding?: string;
  overwrite?: boolean;
  failOnEmpty?: boolean;
  quiet?: boolean;
}

export function convertCommand(program: Command): Command {
  return program
    .command("convert")
    .description("read a report file saved earlier (or exported, or e-mailed) as JSON or NDJSON rows")
    .argument("<file>", "the report file (CSV as the PBX writes it)")
    .option("--type <type>", "the report type, for the column check (default: the one the file name starts with)")
    .addOption(
      new Option("--format <format>", "json: an array, a row a line; ndjson: a row a line")
        .choices(["json", "ndjson"])
        .default("json"),
    )
    .option("--out <file|->", "where to write: a file, or - for stdout", "-")
    .option("--encoding <name>", "the encoding of a file without BOM that is not UTF-8 (gb18030, windows-1252)")
    .option("--overwrite", "replace an existing --out file")
    .option("--fail-on-empty", "exit 3 when the file holds no data row")
    .option("-q, --quiet", "no column findings on stderr")
    .addHelpText(
      "after",
      `
Examples:
  $ yeastar-call-reports convert QueuePerformance-20240601.csv --format ndjson
  $ yeastar-call-reports convert export.csv --type queueperformance --out rows.json`,
    )
    .action(convert);
}

async function convert(file: string, flags: ConvertFlags): Promise<void> {
  if (flags.encoding !== undefined) checkEncoding(flags.encoding);
  const options = { ...(flags.type ? { type: flags.type } : {}), logger: { warn: warnings(flags.quiet === true) } };
  const report = await readReport(file, options).catch((error: unknown) => {
    // A file that is not there is a usage error (exit 2), as a wrong flag is.
    if (error instanceof YeastarFileError && (error.code === "ENOENT" || error.code === "EISDIR"))
      throw new YeastarOptionError(`${file}: no such file`, { cause: error });
    throw error;
  });
  const rows = Readable.from(rowsAs(report, flags.format, flags.encoding));
  if (flags.out === "-") {
    await pipeline(rows, process.stdout, { end: false });
  } else {
    const overwrite = flags.overwrite === true;
    if (!overwrite && (await stat(flags.out).catch(() => undefined)))
      throw existsAlready(flags.out, "pass --overwrite to replace it");
    process.stdout.write(`${await writeAtomically(flags.out, rows, { overwrite })}\n`);
  }
  if (report.empty) say(`warning: ${file} holds no data row (only its header, or only Total rows)`);
  process.exitCode = report.empty && flags.failOnEmpty ? 3 : 0;
}
