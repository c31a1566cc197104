// Scheduled call reports (Reports > Scheduled on the PBX): listed a page at a time, downloaded by ID with the
// same two steps (or the async wait) as a call report, into the same Report; and the rest of the call-report
// family's thin methods (pause reasons, statistics as JSON).
import type { CallReportDownloadReply, ScheduledReport } from "../../generated/openapi.js";
import { callAuthed, listData } from "../core/calls.js";
import { stepOne } from "../download/flow.js";
import type { Report } from "../download/report.js";
import { failIfError } from "../download/step1-prepare.js";
import { YeastarQueryError } from "../errors.js";
import type { ReportQuery } from "../query/check.js";
import type { Context } from "../query/context.js";
import { fetchPauseReasons } from "../query/menus.js";
import type { PbxClock } from "../query/pbx-clock.js";
import { reportStatistics, type StatisticsOptions } from "./statistics.js";

export interface ScheduledListOptions {
  sortBy?: "id" | "name";
  orderBy?: "asc" | "desc";
  /** Reports asked for a page. @default 100 */
  pageSize?: number;
}

/** Every scheduled report, page after page, until `total_number` (or an empty page). */
export async function* listScheduled(
  ctx: Context,
  clock: PbxClock,
  options: ScheduledListOptions = {},
): AsyncGenerator<ScheduledReport> {
  const { apiVersion } = await clock.facts({ format: false, zone: false, apiVersion: true });
  const endpoint = `/openapi/${apiVersion}/call_schedule_report/list`;
  const pageSize = options.pageSize ?? 100;
  let seen = 0;
  for (let page = 1; ; page++) {
    const query = {
      page,
      page_size: pageSize,
      ...(options.sortBy ? { sort_by: options.sortBy } : {}),
      ...(options.orderBy ? { order_by: options.orderBy } : {}),
    };
    const reply = await callAuthed(ctx.policy, ctx.tokens, `GET ${endpoint}`, undefined, (signal) =>
      ctx.api.GET("/openapi/{api_version}/call_schedule_report/list", {
        params: { path: { api_version: apiVersion }, query },
        signal,
      }),
    );
    const data = listData(reply, endpoint);
    yield* data;
    seen += data.length;
    if (data.length === 0 || data.length < pageSize || (reply.total_number !== undefined && seen >= reply.total_number))
      return;
  }
}

export interface ScheduledDownloadOptions {
  /** Include the call details (IVR, Queue Performance, Queue Performance Activity, Agent Performance). */
  needDetail?: boolean;
  /** Let the PBX prepare it asynchronously (is_async=1) and wait for event 30027. @default false */
  async?: boolean;
  signal?: AbortSignal;
}

/** A scheduled report by its ID, ready to fetch like any Report; an unknown ID is a YeastarNotFoundError naming it. */
export async function downloadScheduled(
  ctx: Context,
  clock: PbxClock,
  asyncTurn: <T>(task: () => Promise<T>) => Promise<T>,
  id: number,
  options: ScheduledDownloadOptions = {},
): Promise<Report> {
  if (!(Number.isSafeInteger(id) && id >= 0))
    throw new YeastarQueryError(`a scheduled report's id is a whole number ≥ 0, not ${JSON.stringify(id)}`, {
      parameter: "id",
    });
  const { apiVersion } = await clock.facts({ format: false, zone: false, apiVersion: true });
  const endpoint = `/openapi/${apiVersion}/call_schedule_report/download`;
  const hint = `No scheduled report has id ${id} (list them with scheduledReports())`;
  return stepOne({
    ctx,
    type: `scheduled report ${id}`,
    asyncTurn,
    async: options.async === true,
    signal: options.signal,
    send: (isAsync, signal) =>
      callAuthed<CallReportDownloadReply>(ctx.policy, ctx.tokens, `GET ${endpoint}`, signal, (s) =>
        ctx.api.GET("/openapi/{api_version}/call_schedule_report/download", {
          params: {
            path: { api_version: apiVersion },
            query: { id, ...(options.needDetail ? { need_detail: 1 } : {}), ...(isAsync ? { is_async: 1 } : {}) },
          },
          signal: s,
        }),
      ),
    check: (reply) =>
      failIfError(reply, apiVersion, `scheduled report ${id}`, {
        endpoint,
        ...(reply.errcode === 60001 ? { hint } : {}),
      }),
  });
}

/** The client's methods for the rest of the call-report family (documented on YeastarClient). */
export function familyMethods(ctx: Context, clock: PbxClock, asyncTurn: <T>(task: () => Promise<T>) => Promise<T>) {
  return {
    pauseReasons: () => fetchPauseReasons(ctx),

    reportStatistics: <Q extends ReportQuery>(query: Q, opts?: StatisticsOptions) =>
      reportStatistics(ctx, clock, query, opts),

    scheduledReports: (opts: ScheduledListOptions = {}) => listScheduled(ctx, clock, opts),

    downloadScheduledReport: (id: number, opts: ScheduledDownloadOptions = {}) =>
      downloadScheduled(ctx, clock, asyncTurn, id, opts),
  };
}
