// One PBX's batch of reports with one token: each fetched and written as asked, a failure counted and the
// batch going on (but a failed login ends it), an empty report explained.
import { statSync } from "node:fs";
import type { Period, Report, ReportQuery, UncheckedQuery, YeastarClient } from "../../index.js";
import { statisticsEntries, YeastarAuthError, YeastarIpBlockedError } from "../../index.js";
import { isLoginFailure } from "../../internal.js";
import { connect, type Named } from "../connection.js";
import { type JsonError, jsonError, printJson, saidInJson } from "../json.js";
import { stop } from "../lifecycle.js";
import { inCliWords, say } from "../output.js";
import { resolved } from "../resolve.js";
import type { DownloadFlags } from "./flags.js";
import { exists, plannedTarget, type Where } from "./targets.js";
import { write } from "./write.js";

export interface Batch {
  flags: DownloadFlags;
  queries: UncheckedQuery[];
  periods: (Period | undefined)[];
}

/** What became of a batch's reports. */
export interface Outcome {
  saved: number;
  skipped: number;
  failed: number;
  empty: number;
}

/** One report of a batch: skipped, printed as a request (--dry-run) or statistics, or fetched and written. */
async function one(pbx: YeastarClient, batch: Batch, where: Where, outcome: Outcome, label: string) {
  const { flags } = batch;
  const { query } = where;
  if (flags.skipExisting) {
    const planned = await plannedTarget(flags.out, where, query.type);
    if (planned && (await exists(planned))) {
      outcome.skipped += 1;
      if (flags.json) summary(where, { status: "skipped", path: planned, empty: null });
      else say(`${label}skipped (saved already): ${planned}`);
      return;
    }
  }
  if (flags.dryRun) {
    const request = await pbx.reportRequest(query, { unchecked: flags.unchecked === true });
    if (flags.json) printJson({ profile: where.profile ?? null, type: query.type, request: requestOf(request) });
    else process.stdout.write(`${label}${request}\n`);
    return;
  }
  if (isStats(flags)) return printStatistics(pbx, query as ReportQuery, flags.format);
  const report = await fetchReport(pbx, query, flags);
  const saved = await write(report, flags, where);
  outcome.saved += 1;
  if (report.empty) outcome.empty += 1;
  if (flags.json) summary(where, { status: "saved", path: saved ?? null, empty: report.empty ?? null });
  else if (saved) process.stdout.write(`${saved}\n`);
  if (report.empty) await explainEmpty(pbx, query, flags, label);
}

/** One PBX's batch with one token: a failed report is counted and the batch goes on (but see endsBatch). */
export async function runBatch(batch: Batch, named: Named | undefined, fleet: boolean): Promise<Outcome> {
  const { flags, queries, periods } = batch;
  const pbx = await connect(flags, named, { fleet });
  const label = named ? `${named[0]}: ` : "";
  const outcome: Outcome = { saved: 0, skipped: 0, failed: 0, empty: 0 };
  const profile = named?.[0];
  try {
    for (const [i, given] of queries.entries()) {
      let query = given;
      try {
        query = await resolved(pbx, given, periods[i]);
        await one(pbx, batch, { profile, query, fleet }, outcome, label);
      } catch (error) {
        if (flags.json) {
          summary({ profile, query, fleet }, { status: "failed", path: null, empty: null, error: jsonError(error) });
          saidInJson(error);
        }
        // One run, one failed login at most: a refusal of the credentials or the IP ends the batch, as does
        // an interrupt; other failures are counted and the batch goes on.
        if ((queries.length === 1 && !fleet) || endsBatch(error) || stop.signal.aborted) {
          const rest = queries.length - i - 1;
          if (rest > 0 && isLoginFailure(error))
            say(`${label}the PBX gave no token: ${rest} more report${rest === 1 ? "" : "s"} not asked`);
          throw error;
        }
        outcome.failed += 1;
        say(`${label}error: ${given.type}: ${inCliWords((error as Error).message)}`);
      }
    }
  } finally {
    await pbx.close().catch(() => undefined);
  }
  if (outcome.failed > 0 && !fleet) say(`${label}${outcome.failed} of ${queries.length} reports failed`);
  return outcome;
}

/** --dry-run --json: a request line (`GET /path?query`, token redacted) as { method, path, query }. */
function requestOf(line: string) {
  const [method, target] = line.split(" ", 2) as [string, string];
  const url = new URL(target, "http://pbx");
  return { method, path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

export const isStats = (flags: DownloadFlags) => flags.format === "stats" || flags.format === "stats-ndjson";

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
  say(`${label}warning: the ${query.type} report holds no data row. What was checked:\n${lines.join("\n")}`);
}

/** One line of the --json summary: the report's PBX, type, query as sent, and what became of it. */
function summary(
  where: Where,
  entry: { status: "saved" | "skipped" | "failed"; path: string | null; empty: boolean | null; error?: JsonError },
) {
  const bytes = entry.path ? (statSync(entry.path, { throwIfNoEntry: false })?.size ?? null) : null;
  printJson({
    profile: where.profile ?? null,
    type: where.query.type,
    query: where.query,
    status: entry.status,
    path: entry.path,
    bytes,
    empty: entry.empty,
    error: entry.error ?? null,
  });
}

/** A refused login, or one the PBX never answered: each further report would wait for the same failure. */
const endsBatch = (error: unknown) =>
  isLoginFailure(error) || error instanceof YeastarAuthError || error instanceof YeastarIpBlockedError;
