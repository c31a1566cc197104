// `yeastar-call-reports download`: one flag per report parameter, generated from the spec's table.
import { statSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { Option, type Command } from "commander";
import { reportTable as table } from "../model/report-table.js";
import { reportDocs } from "../../generated/report-docs.js";
import { checkQuery, uncheckQuery, type ReportQuery, type UncheckedQuery } from "../query/check.js";
import type { Report } from "../download/report.js";
import { targetOf, writeAtomically } from "../download/save.js";
import { statisticsEntries } from "../operations/statistics.js";
import { YeastarAuthError, YeastarDownloadError, YeastarIpBlockedError, YeastarOptionError } from "../errors.js";
import { stop } from "./lifecycle.js";
import { checkPeriod, draftOf, resolved } from "./resolve.js";
import { periods, type Period } from "../model/period.js";
import type { YeastarClient } from "../client.js";
import { connect, connectionOptions, namedProfiles, type ConnectionFlags, type Named } from "./connection.js";
import { firstSentence, progress } from "./output.js";

/** The spec's descriptions of report types and parameters (only the CLI carries them). */
export const docs: Readonly<Record<string, { description: string; parameters: Readonly<Record<string, string>> }>> =
  reportDocs;

/** Every report parameter but `type` and `is_async`, with the types that take it. */
export function reportParameters(): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [type, spec] of Object.entries(table)) {
    for (const name of Object.keys(spec.parameters)) {
      if (name === "type" || name === "is_async") continue;
      params.set(name, [...(params.get(name) ?? []), type]);
    }
  }
  return params;
}

export const flagOf = (name: string) => `--${name.replaceAll("_", "-")}`;
const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

export interface DownloadFlags extends ConnectionFlags {
  type?: string;
  fromFile?: string;
  out: string;
  format: "csv" | "json" | "ndjson" | "stats" | "stats-ndjson";
  async?: boolean;
  overwrite?: boolean;
  unchecked?: boolean;
  param: string[];
  period?: string;
  failOnEmpty?: boolean;
  allProfiles?: boolean;
  concurrency?: string;
  skipExisting?: boolean;
  dryRun?: boolean;
  json?: boolean;
  [param: string]: unknown;
}

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
    .option("--async", "let the PBX prepare the report asynchronously and wait for event 30027")
    .option("--period <period>", `the times of a named period on the PBX's calendar: ${periods.join(", ")}`)
    .option("--fail-on-empty", "exit 3 when a report holds no data row (the diagnosis is printed either way)")
    .option("--all-profiles", "run against every PBX of the config file (see --profile)")
    .option("--concurrency <n>", "PBXs at a time with several profiles (default 4)")
    .option("--skip-existing", "download only what is not saved yet (a nightly job run again)")
    .option("--dry-run", "print the request each report would send (times translated, token redacted); send none")
    .option("--json", "print one JSON object per report on stdout: profile, type, query, path, bytes, empty, error")
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

/** One flag per report parameter of the spec, with the types that take it and its values. */
function addReportParameters(command: Command): void {
  for (const [name, types] of reportParameters()) {
    const choices = new Set(types.flatMap((t) => (table[t]!.parameters[name]!.enum ?? []).map(String)));
    const doc = firstSentence(docs[types[0]!]!.parameters[name]);
    const option = new Option(
      `${flagOf(name)} <value>`,
      `${doc} [${types.length === Object.keys(table).length ? "all types" : types.join(", ")}]`,
    );
    if (choices.size > 0) option.choices([...choices]);
    // Not listed in the general help (there are dozens): `download --type TYPE --help` lists a type's own.
    command.addOption(option.hideHelp());
  }
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
  if (isStats(flags) && (flags.unchecked || !["-", "."].includes(flags.out)))
    throw new YeastarOptionError(
      `--format ${flags.format} prints to stdout the statistics of checked queries: give no --out and no --unchecked`,
    );
  const pbxs = await namedProfiles(flags);
  const batch = { flags, queries, periods };
  if (pbxs.length <= 1 && !flags.allProfiles) {
    const outcome = await runBatch(batch, pbxs[0], false);
    process.exitCode = outcome.failed > 0 ? 1 : outcome.empty > 0 && flags.failOnEmpty ? 3 : 0;
    return;
  }
  process.exitCode = await runFleet(batch, pbxs);
}

interface Batch {
  flags: DownloadFlags;
  queries: UncheckedQuery[];
  periods: (Period | undefined)[];
}

/** One PBX's batch with one token: a failed report is counted and the batch goes on (but see endsBatch). */
async function runBatch({ flags, queries, periods }: Batch, named: Named | undefined, fleet: boolean) {
  const pbx = await connect(flags, named, { fleet });
  const label = named ? `${named[0]}: ` : "";
  let failed = 0;
  let empty = 0;
  try {
    for (const [i, given] of queries.entries()) {
      const profile = named?.[0];
      try {
        const query = await resolved(pbx, given, periods[i]);
        if (flags.dryRun) {
          process.stdout.write(`${label}${await pbx.reportRequest(query, { unchecked: flags.unchecked === true })}\n`);
          continue;
        }
        if (isStats(flags)) {
          await printStatistics(pbx, query as ReportQuery, flags.format);
          continue;
        }
        const report = await fetchReport(pbx, query, flags);
        const saved = await write(report, flags, { profile, query, fleet });
        if (report.empty) empty += 1;
        if (flags.json) summary({ profile, type: query.type, query, path: saved ?? null, empty: report.empty ?? null });
        else if (saved) process.stdout.write(`${saved}\n`);
        if (report.empty) await explainEmpty(pbx, query, flags, label);
      } catch (error) {
        if (flags.json)
          summary({
            profile,
            type: given.type,
            query: given,
            path: null,
            empty: null,
            error: (error as Error).message,
          });
        // One run, one failed login at most: a refusal of the credentials or the IP ends the batch, as does
        // an interrupt; other failures are counted and the batch goes on.
        if ((queries.length === 1 && !fleet) || endsBatch(error) || stop.signal.aborted) throw error;
        failed += 1;
        process.stderr.write(`${label}error: ${given.type}: ${(error as Error).message}\n`);
      }
    }
  } finally {
    await pbx.close().catch(() => undefined);
  }
  if (failed > 0) process.stderr.write(`${label}${failed} of ${queries.length} reports failed\n`);
  return { failed, empty };
}

/**
 * The same batch against many PBXs, `--concurrency` at a time (memory and sockets grow with it, not with the
 * fleet): one token per PBX, files apart per PBX, a summary line per PBX; exit 1 if any failed.
 */
async function runFleet(batch: Batch, pbxs: Named[]): Promise<number> {
  const concurrency = Number(batch.flags.concurrency ?? 4);
  if (!(Number.isInteger(concurrency) && concurrency >= 1))
    throw new YeastarOptionError(`--concurrency must be a whole number ≥ 1; not ${batch.flags.concurrency}`);
  if (batch.flags.out === "-")
    throw new YeastarOptionError("--out - takes one PBX; give a directory (or a {profile} template) for a fleet");
  let next = 0;
  let failedPbxs = 0;
  const worker = async () => {
    for (let i = next++; i < pbxs.length && !stop.signal.aborted; i = next++) {
      const named = pbxs[i]!;
      const outcome = await runBatch(batch, named, true).catch((error: unknown) => {
        process.stderr.write(`${named[0]}: failed: ${(error as Error).message}\n`);
        return undefined;
      });
      if (!outcome || outcome.failed > 0) failedPbxs += 1;
      if (outcome)
        process.stderr.write(
          `${named[0]}: ${batch.queries.length - outcome.failed} of ${batch.queries.length} reports saved\n`,
        );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pbxs.length) }, worker));
  if (stop.signal.aborted) throw new YeastarOptionError("interrupted");
  process.stderr.write(`${pbxs.length - failedPbxs} of ${pbxs.length} PBXs done without failure\n`);
  return failedPbxs > 0 ? 1 : 0;
}

const isStats = (flags: DownloadFlags) => flags.format === "stats" || flags.format === "stats-ndjson";

/** A report's statistics on stdout: the reply (errcode aside) on one line, or one line per list entry. */
async function printStatistics(pbx: YeastarClient, query: ReportQuery, format: DownloadFlags["format"]) {
  const stats = await pbx.reportStatistics(query);
  const { errcode: _, errmsg: __, ...numbers } = stats;
  const lines = format === "stats" ? [{ type: query.type, ...numbers }] : statisticsEntries(stats, query.type);
  for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
}

function fetchReport(pbx: YeastarClient, query: UncheckedQuery, flags: DownloadFlags): Promise<Report> {
  const async = flags.async === true;
  return flags.unchecked
    ? pbx.downloadReport(query, { async, unchecked: true })
    : pbx.downloadReport(query as ReportQuery, { async });
}

/** An empty report is said on stderr, with what was checked and what to try. */
async function explainEmpty(
  pbx: YeastarClient,
  query: UncheckedQuery,
  flags: DownloadFlags,
  label = "",
): Promise<void> {
  const findings = await pbx.diagnoseEmpty(query, { unchecked: flags.unchecked === true }).catch(() => []);
  const lines = findings.map((f) => `  ${f.verdict.padEnd(9)} ${f.detail}${f.next ? ` → ${f.next}` : ""}`);
  process.stderr.write(
    `${label}warning: the ${query.type} report holds no data row. What was checked:\n${lines.join("\n")}\n`,
  );
}

/** One line of the --json summary; bytes read from the saved file. */
function summary(entry: {
  profile: string | undefined;
  type: string;
  query: unknown;
  path: string | null;
  empty: boolean | null;
  error?: string;
}) {
  const bytes = entry.path ? (statSync(entry.path, { throwIfNoEntry: false })?.size ?? null) : null;
  process.stdout.write(
    `${JSON.stringify({ ...entry, profile: entry.profile ?? null, bytes, error: entry.error ?? null })}\n`,
  );
}

const endsBatch = (error: unknown) => error instanceof YeastarAuthError || error instanceof YeastarIpBlockedError;

/** The --param name=value pairs. */
function paramsOf(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!m)
      throw new YeastarOptionError(
        `--param takes name=value with the PBX's parameter name, e.g. --param my_report_id=3; not ` +
          `${JSON.stringify(pair)}`,
      );
    if (m[1] === "type") throw new YeastarOptionError("the report type goes in --type, not --param");
    params[m[1]!] = m[2]!;
  }
  return params;
}

async function queriesOf(flags: DownloadFlags): Promise<UncheckedQuery[]> {
  const given = [...reportParameters().keys()].filter((name) => flags[camel(name)] !== undefined);
  if (flags.fromFile) {
    if (flags.type || given.length > 0 || flags.param.length > 0)
      throw new YeastarOptionError("--from-file holds the queries: give no --type or report parameters with it");
    const text = await readFile(flags.fromFile, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new YeastarOptionError(`--from-file ${flags.fromFile}: cannot read it (${error.code ?? error.message})`);
    });
    const { parse } = await import("yaml"); // YAML is a superset of JSON: one parser reads both
    let data: unknown;
    try {
      data = parse(text);
    } catch (error) {
      throw new YeastarOptionError(
        `--from-file ${flags.fromFile}: not valid JSON or YAML (${(error as Error).message.split("\n")[0]})`,
      );
    }
    const list = Array.isArray(data) ? data : (data as { reports?: unknown })?.reports;
    if (!Array.isArray(list) || list.length === 0 || !list.every((q) => q && typeof q === "object")) {
      throw new YeastarOptionError(
        `--from-file ${flags.fromFile}: expected a list of queries, e.g. [{ type: queuesatisfaction, queue_id: 1 ` +
          `}], or { reports: [...] }`,
      );
    }
    return list as UncheckedQuery[];
  }
  if (!flags.type)
    throw new YeastarOptionError(
      "--type is required (or --from-file); list the types with: yeastar-call-reports types",
    );
  const query: UncheckedQuery = { type: flags.type };
  for (const name of given) query[name] = flags[camel(name)];
  Object.assign(query, paramsOf(flags.param));
  return [query];
}

/** Where a report of a batch belongs: its PBX (profile) and the query it was asked with. */
interface Where {
  profile: string | undefined;
  query: UncheckedQuery;
  fleet: boolean;
}

const clean = (value: unknown) =>
  String(value ?? "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+/, "");

/** --out with its {placeholders} filled in, sanitised; in a fleet without {profile}, a directory per PBX. */
function outFor(out: string, report: Report, where: Where): string {
  const vars: Record<string, unknown> = {
    profile: where.profile,
    type: report.type,
    start: where.query.start_time,
    end: where.query.end_time,
    time: where.query.time,
    file: report.file,
  };
  const target = out.replace(/\{(profile|type|start|end|time|file)\}/g, (_, name: string) => clean(vars[name]));
  return where.fleet && !out.includes("{profile}") ? `${path.join(target, clean(where.profile))}/` : target;
}

/** Writes the report as asked; returns the path written, or undefined for stdout or a skipped file. */
export async function write(report: Report, flags: DownloadFlags, where: Where): Promise<string | undefined> {
  const { format } = flags;
  if (format === "stats" || format === "stats-ndjson")
    throw new YeastarOptionError(`--format ${format} is for call reports' statistics; a file is csv, json or ndjson`);
  const show = !flags.quiet && flags.out !== "-" && process.stderr.isTTY === true;
  if (show) report.onProgress = progress(report.type);
  try {
    if (flags.out === "-") {
      const bytes =
        format === "csv"
          ? Readable.fromWeb(report.stream() as NodeReadableStream<Uint8Array>)
          : Readable.from(rowsAs(report, format));
      await pipeline(bytes, process.stdout, { end: false });
      return undefined;
    }
    const overwrite = flags.overwrite === true;
    const name = format === "csv" ? report.file : `${report.file.replace(/\.csv$/i, "")}.${format}`;
    const dest = await targetOf(outFor(flags.out, report, where), name, true);
    // A template makes the directories it names, as a directory target (ending in /) does.
    if (flags.out.includes("{")) await mkdir(path.dirname(dest), { recursive: true });
    if (
      flags.skipExisting &&
      (await stat(dest).then(
        () => true,
        () => false,
      ))
    ) {
      process.stderr.write(`skipped (saved already): ${dest}\n`);
      return undefined;
    }
    if (format === "csv") return await report.saveTo(dest, { overwrite });
    if (
      !overwrite &&
      (await stat(dest).then(
        () => true,
        () => false,
      ))
    ) {
      throw new YeastarDownloadError(`${dest} exists already; pass --overwrite to replace it, or --skip-existing`);
    }
    return await writeAtomically(dest, Readable.from(rowsAs(report, format)), { overwrite });
  } finally {
    if (show) process.stderr.write("\r\x1b[K");
  }
}

async function* rowsAs(report: Report, format: "json" | "ndjson"): AsyncGenerator<string> {
  let first = true;
  if (format === "json") yield "[";
  // Which table a row belongs to (summary, or the call details of need_detail=1): _section.
  for await (const row of report.rows({ withSection: true })) {
    yield format === "json" ? `${first ? "\n" : ",\n"}  ${JSON.stringify(row)}` : `${JSON.stringify(row)}\n`;
    first = false;
  }
  if (format === "json") yield first ? "]\n" : "\n]\n";
}
