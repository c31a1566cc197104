// Statistics as JSON (call_report/list): the same checked report query as a download, answered with numbers
// instead of a file. Typed per report type where third-party code that reads live replies shows the list's key
// (FOEDI's yeastar_mcp, services.py; no vendor page holds the reply): an ASSUMPTION, open to more fields.
import type { CallReportStatistics } from "../../generated/openapi.js";
import { callAuthed } from "../core/calls.js";
import { refusal } from "../download/step1-prepare.js";
import { YeastarReplyError } from "../errors.js";
import { listKeyOf, type ReportStatistics } from "../model/statistics-lists.js";
import { checkQuery, type ReportQuery } from "../query/check.js";
import type { Context } from "../query/context.js";
import type { PbxClock } from "../query/pbx-clock.js";
import { wiredQuery } from "../query/wire.js";

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
  const reply = await callAuthed(ctx.policy, ctx.tokens, `GET ${endpoint}`, options.signal, (signal) =>
    ctx.api.GET("/openapi/{api_version}/call_report/list", {
      params: { path: { api_version: apiVersion }, query: { query: wire } },
      signal,
    }),
  );
  if (reply.errcode !== 0) throw refusal(reply, apiVersion, checked.type, { endpoint });
  const type: Q["type"] = query.type;
  if (isStatisticsOf(reply, type)) return reply;
  throw new YeastarReplyError(`malformed reply from GET ${endpoint}: errcode 0 but no ${listKeyOf(type)} list`);
}
