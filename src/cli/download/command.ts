// `yeastar-call-reports download`: its flags, its help, and the order of a run: every query checked, then one
// PBX's batch (batch.ts) or a fleet of them (fleet.ts).
import { type Command, Option } from "commander";
import { periods, YeastarOptionError } from "../../index.js";
import { checkEncoding, checkQuery, uncheckQuery } from "../../internal.js";
import { connectionOptions, namedProfiles } from "../connection.js";
import { checkPeriod, draftOf } from "../resolve.js";
import { isStats, runBatch } from "./batch.js";
import { addReportParameters, type DownloadFlags } from "./flags.js";
import { runFleet } from "./fleet.js";
import { queriesOf } from "./queries.js";
import { parseShard } from "./shard.js";
import { checkSkipExisting } from "./targets.js";

export function downloadCommand(program: Command): Command {
  const command = program
    .command("download")
    .description("download a call report (or a batch of them) and print where it was saved")
    .option("--type <type>", "the report type (see: yeastar-call-reports types)")
    .option(
      "--from-file <file>",
      "a JSON or YAML list of report queries ({ type, ...parameters } each) to download with one token",
    )
    .option("--out <dir|file|->", "where to save: a directory (the PBX's file name), a file, or - for stdout", ".")
    .addOption(
      new Option(
        "--format <format>",
        "csv: the PBX's bytes untouched; json/ndjson: rows keyed by the header; stats: the report's numbers as JSON " +
          "from call_report/list (one line a report), stats-ndjson: one line a list entry (both on stdout)",
      )
        .choices(["csv", "json", "ndjson", "stats", "stats-ndjson"])
        .default("csv"),
    )
    .option(
      "--encoding <name>",
      "with --format json/ndjson, the encoding of a report file without BOM that is not UTF-8 (gb18030, windows-1252)",
    )
    .option("--async", "let the PBX prepare the report asynchronously and wait for event 30027")
    .option("--period <period>", `the times of a named period on the PBX's calendar: ${periods.join(", ")}`)
    .option("--fail-on-empty", "exit 3 when a report holds no data row (the diagnosis is printed either way)")
    .option("--all-profiles", "run against every PBX of the config file (see --profile)")
    .option("--concurrency <n>", "PBXs at a time with several profiles (default 4)")
    .option(
      "--shard <K/N>",
      "with --all-profiles, run only part K of N (1 ≤ K ≤ N): N jobs with 1/N … N/N cover every profile once, " +
        "each profile's part fixed by its name",
    )
    .option(
      "--skip-existing",
      "ask the PBX only for what is not saved yet (a nightly job run again); needs an --out template such as " +
        "reports/{profile}/{type}-{start}.csv",
    )
    .option("--dry-run", "print the request each report would send (times translated, token redacted); send none")
    .option(
      "--json",
      "print one JSON object per report on stdout: profile, type, query (as sent), status (saved, skipped, failed), " +
        "path, bytes, empty, error",
    )
    .option("--overwrite", "replace an existing file")
    .option(
      "--unchecked",
      "send a report type or parameter that this version's spec does not know yet (a newer firmware's), past the " +
        "local check",
    )
    .option(
      "--param <name=value>",
      "a report parameter by its PBX name, e.g. --param my_report_id=3 (repeatable; with --unchecked for names the " +
        "spec does not know)",
      (v: string, all: string[]) => [...all, v],
      [],
    );
  addReportParameters(command);
  connectionOptions(command);
  command.addHelpText("after", examples);
  command.action(download);
  return command;
}

const examples = `
Report parameters: one flag per parameter of the spec, the PBX's name with - for _ (--queue-id-list, …).
  $ yeastar-call-reports download --type TYPE --help      lists the flags of that report type

Times: 2022-04-01T00:00:00 or "2022-04-01 00:00" (PBX time), 2022-04-01T00:00:00Z (an instant), or the PBX's own format.
Buckets (--time): 2024-05-03 (a day, hourly rows), 2024-05 (a month, daily rows), 2024 (a year, monthly rows).

Examples:
  $ export YEASTAR_BASE_URL=https://192.168.5.150:8088 YEASTAR_CLIENT_ID=... YEASTAR_CLIENT_SECRET=...
  $ yeastar-call-reports download --type queuesatisfaction --queue-id 1 \\
      --start-time 2022-04-01T00:00:00 --end-time "2022-05-31 23:59:59" --out reports/
  $ yeastar-call-reports download --type extcallactivity --ext-id-list 1,2 --time 2024-05 --format ndjson --out -
  $ yeastar-call-reports download --type extcallstatistics --ext-id-list 1,2 --period last-month --format stats
  $ yeastar-call-reports download --from-file reports.yaml --out reports/
  $ yeastar-call-reports download --unchecked --type aireceptionistcallactivity --param start_time=2025-01-01 \\
      --out reports/`;

async function download(flags: DownloadFlags): Promise<void> {
  if (flags.encoding !== undefined) checkEncoding(flags.encoding);
  const queries = await queriesOf(flags);
  const periods = queries.map((q) => checkPeriod(q, flags.period));
  // Every query is checked before anything is sent (with --unchecked, only that it has a type); @NAME items and
  // the period are placeholders until the PBX is asked.
  queries.forEach((query, i) => {
    const draft = draftOf(query, periods[i]);
    if (flags.unchecked) uncheckQuery(draft);
    else checkQuery(draft);
  });
  if (flags.out === "-" && queries.length > 1 && !isStats(flags))
    throw new YeastarOptionError("--out - takes one report; give a directory for a batch");
  if (flags.json && flags.out === "-" && !isStats(flags))
    throw new YeastarOptionError(
      "--json prints a summary on stdout, where --out - writes the report: give --out a file or directory, " +
        "or drop --json",
    );
  if (flags.skipExisting && !flags.dryRun) await checkSkipExisting(flags.out, queries[0]?.type);
  if (isStats(flags) && (flags.unchecked || !["-", "."].includes(flags.out)))
    throw new YeastarOptionError(
      `--format ${flags.format} prints to stdout the statistics of checked queries: give no --out and no --unchecked`,
    );
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  if (shard && !flags.allProfiles)
    throw new YeastarOptionError("--shard splits --all-profiles among jobs: add --all-profiles");
  const pbxs = await namedProfiles(flags);
  const batch = { flags, queries, periods };
  if (pbxs.length <= 1 && !flags.allProfiles) {
    const outcome = await runBatch(batch, pbxs[0], false);
    process.exitCode = outcome.failed > 0 ? 1 : outcome.empty > 0 && flags.failOnEmpty ? 3 : 0;
    return;
  }
  process.exitCode = await runFleet(batch, pbxs, shard);
}
