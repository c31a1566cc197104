// Statistics as JSON (call_report/list): the same checked report query as a download, answered with numbers
// instead of a file. Typed per report type where third-party code that reads live replies shows the list's key
// (FOEDI's yeastar_mcp, services.py; no vendor page holds the reply): an ASSUMPTION, open to more fields.
import type { CallReportStatistics } from "../../generated/openapi.js";
import { callAuthed } from "../core/calls.js";
import type { Context } from "../query/context.js";
import { wiredQuery } from "../download/flow.js";
import { YeastarConnectionError } from "../errors.js";
import type { PbxClock } from "../query/pbx-clock.js";
import { refusal } from "../download/step1-prepare.js";
import { checkQuery, type ReportQuery } from "../query/check.js";

/** The list key of each report type whose statistics are typed; the keys are the spec's (CallReportStatistics). */
export const statisticsLists = {
  extcallstatistics: "ext_call_statistics_list",
  queueperformance: "queue_performance_list",
  queueavgwaittalktime: "queue_avg_wait_talk_time_list",
  queueagentperformance: "queue_agent_performance_list",
  queueagentinoutcalls: "queue_agent_in_out_calls_list",
  ringgroupstatistics: "ring_group_statistics_list",
  ivr: "ivr_list",
  unreturnmisscall: "unreturn_miss_call_list",
} as const satisfies Record<string, keyof CallReportStatistics>;

type Typed = typeof statisticsLists;

/** The statistics of report type T: its list present and typed for the eight types known, the open reply else. */
export type ReportStatistics<T extends string> = T extends keyof Typed
  ? CallReportStatistics & { [K in Typed[T]]-?: NonNullable<CallReportStatistics[K]> }
  : CallReportStatistics;

/** The list key a report type's statistics are typed with, if they are. */
export const listKeyOf = (type: string): string | undefined =>
  Object.hasOwn(statisticsLists, type) ? statisticsLists[type as keyof Typed] : undefined;

/** The entries of a statistics reply: its typed list, or (a type not modelled yet) its one list property. */
export function statisticsEntries(reply: CallReportStatistics, type: string): unknown[] {
  const key = listKeyOf(type);
  const list = key ? reply[key] : Object.values(reply).find(Array.isArray);
  return Array.isArray(list) ? list : [];
}

/** Whether a reply holds the list its type is typed with (a type not modelled yet: any reply). */
function isStatisticsOf<T extends string>(reply: CallReportStatistics, type: T): reply is ReportStatistics<T> {
  const key = listKeyOf(type);
  return key === undefined || Array.isArray(reply[key]);
}

export interface StatisticsOptions {
  signal?: AbortSignal;
}

/** GET call_report/list for a checked query; a refusal typed as for a download, a reply without its list refused. */
export async function reportStatistics<Q extends ReportQuery>(
  ctx: Context,
  clock: PbxClock,
  query: Q,
  options: StatisticsOptions = {},
): Promise<ReportStatistics<Q["type"]>> {
  const checked = checkQuery(query);
  const { wire, apiVersion } = await wiredQuery(clock, checked);
  const endpoint = `/openapi/${apiVersion}/call_report/list`;
  const reply = await callAuthed(ctx.calls, ctx.tokens, `GET ${endpoint}`, options.signal, (signal) =>
    ctx.api.GET("/openapi/{api_version}/call_report/list", {
      params: { path: { api_version: apiVersion }, query: { query: wire } },
      signal,
    }),
  );
  if (reply.errcode !== 0) throw refusal(reply, apiVersion, checked.type, { endpoint });
  const type: Q["type"] = query.type;
  if (isStatisticsOf(reply, type)) return reply;
  throw new YeastarConnectionError(`malformed reply from GET ${endpoint}: errcode 0 but no ${listKeyOf(type)} list`);
}
