// The client's public type, declared: every method documented here once; createYeastarClient (client.ts)
// implements it. Renaming a helper cannot change the public API, and the library reference shows each method.
import type { MenuOption, PauseReason, ScheduledReport } from "../generated/openapi.js";
import type { Report } from "./download/report.js";
import type { Period, PeriodQuery } from "./model/period.js";
import type { ReportStatistics } from "./model/statistics-lists.js";
import type { Finding } from "./operations/diagnosis.js";
import type { ScheduledDownloadOptions, ScheduledListOptions } from "./operations/scheduled.js";
import type { StatisticsOptions } from "./operations/statistics.js";
import type { ReportQuery, ReportType, UncheckedQuery } from "./query/check.js";
import type { MenuName } from "./query/menus.js";
import type { PbxFacts } from "./query/pbx-clock.js";

export interface DownloadOptions {
  /** Let the PBX prepare the report asynchronously (is_async=1) and wait for event 30027. @default false */
  async?: boolean;
  signal?: AbortSignal;
}

/** What the client knows of the PBX: system/information and what it derived from it. */
export interface PbxInfo extends PbxFacts {
  /** The PBX's UTC offset in minutes, when known. */
  utcOffsetMinutes: number | undefined;
}

/** How the operator methods take a query: checked against the spec, or (`unchecked: true`) sent as given. */
export interface QueryOptions {
  /** The query holds a type or parameter the spec of this version does not know. @default false */
  unchecked?: boolean;
}

/** What {@link YeastarClient.resolveIds} needs besides the menus and the items. */
export interface ResolveOptions {
  /** The queue's ID, for the `queue_agent` menu. */
  queueId?: string;
  /** The parameter the IDs are for, named in errors. @default the menus joined by "/" */
  parameter?: string;
}

/**
 * A client for one PBX, made by {@link createYeastarClient}: one access token, renewed as needed, revoked by
 * `close()`; the PBX's display format, zone and API version read once, when needed.
 */
export interface YeastarClient {
  /**
   * Prepares a call report (step 1) and returns it, ready to fetch (step 2) with saveTo(), rows(),
   * text() or stream(). The query is checked against the spec before anything is sent.
   * @example
   * const report = await pbx.downloadReport({ type: "extcallactivity", ext_id_list: [1, 2], time: "2024-05-03" });
   */
  downloadReport<T extends ReportType>(
    query: ReportQuery & { type: T },
    options?: DownloadOptions & { unchecked?: false },
  ): Promise<Report<T>>;
  /**
   * A report type or parameter the spec of this version does not know yet (a newer firmware's), sent past
   * the local check: times are still written in the PBX's format and the token added; a warning is logged.
   * @example
   * await pbx.downloadReport({ type: "aireceptionistcallactivity", start_time: "2025-01-01" }, { unchecked: true });
   */
  downloadReport(query: UncheckedQuery, options: DownloadOptions & { unchecked: true }): Promise<Report>;

  /** system/information and what the client derives from it (display format, UTC offset, API version). */
  pbxInfo(): Promise<PbxInfo>;

  /**
   * Get Menu Options: the internal IDs that `*_id` / `*_id_list` parameters take. `queue_agent` needs
   * the queue's ID as `id`. Checked before anything is sent.
   * @example const queues = await pbx.menuOptions("queue");
   */
  menuOptions(menu: MenuName, id?: string | number): Promise<MenuOption[]>;

  /**
   * The queue pause reasons (code and reason): the values the `reason` parameter of queueagentpausetime takes.
   * @example (await pbx.pauseReasons()).map((r) => r.reason) // ["Lunch", "Break", …]
   */
  pauseReasons(): Promise<PauseReason[]>;

  /**
   * A report's numbers as JSON (call_report/list) for the same query as downloadReport, typed by its type
   * where the reply's list is known. Checked before anything is sent.
   * @example (await pbx.reportStatistics({ type: "ivr", ivr_id_list: [1] })).ivr_list
   */
  reportStatistics<Q extends ReportQuery>(query: Q, options?: StatisticsOptions): Promise<ReportStatistics<Q["type"]>>;

  /**
   * The scheduled call reports of the PBX (Reports > Scheduled), every page, as an async iterator.
   * @example for await (const s of pbx.scheduledReports()) console.log(s.id, s.name);
   */
  scheduledReports(options?: ScheduledListOptions): AsyncGenerator<ScheduledReport>;

  /**
   * A scheduled call report by its ID, as a Report (saveTo, rows, text, stream), sync or async.
   * @example await (await pbx.downloadScheduledReport(5)).saveTo("reports/");
   */
  downloadScheduledReport(id: number, options?: ScheduledDownloadOptions): Promise<Report>;

  /**
   * The IDs that numbers or names stand for (`6400`, `Sales`), by Get Menu Options: each item must match
   * one option of the menus as a whole word; none or several is a YeastarQueryError listing the options.
   * @example await pbx.resolveIds(["queue"], ["6400", "Support"]) // ["1", "2"]
   */
  resolveIds(menus: readonly MenuName[], items: readonly string[], options?: ResolveOptions): Promise<string[]>;

  /**
   * A named period on the PBX's calendar (its wall clock, not this machine's), as the query fields of a
   * report type: whole days for range reports, the day, month or year bucket for activity reports.
   * @example { ...(await pbx.period("last-month", "queueperformance")) }
   * // { start_time: "2024-04-01T00:00:00", end_time: "2024-04-30T23:59:59" }
   */
  period(name: Period, type: string): Promise<PeriodQuery>;

  /**
   * The report request that downloadReport would send, without sending it: times in the PBX's display
   * format, the API version chosen, the token shown as [redacted].
   * @example await pbx.reportRequest({ type: "ivr", ivr_id_list: 1, start_time: "2024-05-01" })
   * // "GET /openapi/v2.0/call_report/download?type=ivr&ivr_id_list=1&start_time=2024%2F05%2F01+00%3A00%3A00
   * //  &access_token=[redacted]"
   */
  reportRequest(query: ReportQuery | UncheckedQuery, options?: QueryOptions): Promise<string>;

  /** Why a report came back empty: each cause checked where it can be, with what to try next. */
  diagnoseEmpty(query: ReportQuery | UncheckedQuery, options?: QueryOptions): Promise<Finding[]>;

  /** Revokes the token this client obtained (del_token). The client cannot be used afterwards. */
  close(): Promise<void>;
}
