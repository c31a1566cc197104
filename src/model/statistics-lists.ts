// Where each report type's statistics (call_report/list) keep their entries: the list keys of the spec's
// CallReportStatistics, from third-party code that reads live replies (FOEDI's yeastar_mcp): an ASSUMPTION.
import type { CallReportStatistics } from "../../generated/openapi.js";

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

export type StatisticsListKeys = typeof statisticsLists;

/** The statistics of report type T: its list present and typed for the eight types known, the open reply else. */
export type ReportStatistics<T extends string> = T extends keyof StatisticsListKeys
  ? CallReportStatistics & { [K in StatisticsListKeys[T]]-?: NonNullable<CallReportStatistics[K]> }
  : CallReportStatistics;

/** The list key a report type's statistics are typed with, if they are. */
export const listKeyOf = (type: string): string | undefined =>
  Object.hasOwn(statisticsLists, type) ? statisticsLists[type as keyof StatisticsListKeys] : undefined;
