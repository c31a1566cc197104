// One PBX's batch of reports with one token: each fetched and written as asked, a failure counted and the
// batch going on (but a refused login ends it), an empty report explained.
import { statSync } from "node:fs";
import type { Period, Report, ReportQuery, UncheckedQuery, YeastarClient } from "../../index.js";
import { statisticsEntries, YeastarAuthError, YeastarIpBlockedError } from "../../index.js";
import { connect, type Named } from "../connection.js";
import { stop } from "../lifecycle.js";
import { say } from "../output.js";
import { resolved } from "../resolve.js";
import type { DownloadFlags } from "./flags.js";
import { write } from "./write.js";

export interface Batch {
  flags: DownloadFlags;
  queries: UncheckedQuery[];
  periods: (Period | undefined)[];
}

/** One PBX's batch with one token: a failed report is counted and the batch goes on (but see endsBatch). */
export async function runBatch({ flags, queries, periods }: Batch, named: Named | undefined, fleet: boolean) {
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
        say(`${label}error: ${given.type}: ${(error as Error).message}`);
      }
    }
  } finally {
    await pbx.close().catch(() => undefined);
  }
  if (failed > 0) say(`${label}${failed} of ${queries.length} reports failed`);
  return { failed, empty };
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
