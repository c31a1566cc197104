// Compile-only: the client's widened query type rejects what the spec's union rejects, and accepts
// Dates, ISO strings and ID arrays where the spec has times and ID lists.
import { typedApi } from "../../src/api/index.js";
import type { createYeastarClient, ReportQuery } from "../../src/index.js";

declare const pbx: ReturnType<typeof createYeastarClient>;
declare function check(query: ReportQuery): void;

// @ts-expect-error queue_id is not a parameter of extcallstatistics
void pbx.downloadReport({ type: "extcallstatistics", ext_id_list: [1], queue_id: 1 });
// @ts-expect-error extcallactivity requires time
void pbx.downloadReport({ type: "extcallactivity", ext_id_list: [1] });
// @ts-expect-error extcallactivity requires ext_id_list
void pbx.downloadReport({ type: "extcallactivity", time: "2024-05-03" });
// @ts-expect-error there is no report type "nosuch"
void pbx.downloadReport({ type: "nosuch" });
// @ts-expect-error trunk reports know no Internal communication type
void pbx.downloadReport({ type: "trunkactivity", time: "2024", trunk_id_list: [1], communication_type: "Internal" });
// @ts-expect-error trunkactivity takes a time bucket, not a range
void pbx.downloadReport({ type: "trunkactivity", time: "2024", trunk_id_list: [1], start_time: new Date() });
// @ts-expect-error a time bucket is a string, not a Date
check({ type: "queueavgwaittalktime", queue_id_list: 1, time: new Date() });
// @ts-expect-error an ID list holds IDs, not booleans
check({ type: "ivr", ivr_id_list: [true] });

// The widenings.
void pbx.downloadReport(
  { type: "queuesatisfaction", queue_id: 1, start_time: "2022-04-01T00:00:00", end_time: "2022-05-31T23:59:59" },
  { async: false },
);
void pbx.downloadReport({
  type: "extcallstatistics",
  ext_id_list: [1, "2"],
  start_time: new Date(),
  end_time: "2024-05-31",
});
void pbx.downloadReport({ type: "extcallactivity", ext_id_list: 5, time: "2024-05" });
void pbx.downloadReport(
  { type: "ringgroupstatistics", ring_group_id_list: "1,2" },
  { async: true, signal: AbortSignal.timeout(1000) },
);

// Past the spec only on purpose: a string type and unknown parameters need { unchecked: true }.
// @ts-expect-error an unknown parameter is refused on a checked call
void pbx.downloadReport({ type: "ivr", ivr_id_list: [1], my_report_id: 1 });
// @ts-expect-error unchecked: false is a checked call
void pbx.downloadReport({ type: "aireceptionistcallactivity" }, { unchecked: false });
declare const someType: string;
// @ts-expect-error a plain string type is not a report type of the spec
void pbx.downloadReport({ type: someType });
void pbx.downloadReport({ type: "aireceptionistcallactivity", start_time: new Date() }, { unchecked: true });
void pbx.downloadReport({ type: someType, my_report_id: 1 }, { unchecked: true, async: true });
// @ts-expect-error an unchecked query still needs a type
void pbx.downloadReport({ start_time: "2025-01-01" }, { unchecked: true });

// Statistics: typed by the query's type where the reply's list is modelled, open elsewhere.
export async function statistics() {
  const ext = await pbx.reportStatistics({ type: "extcallstatistics", ext_id_list: [1] });
  const answered: number | undefined = ext.ext_call_statistics_list[0]?.answered_calls;
  void answered;
  // @ts-expect-error an extcallstatistics reply has no queue_performance_list for sure
  ext.queue_performance_list.length;
  const trunk = await pbx.reportStatistics({ type: "trunkactivity", time: "2024", trunk_id_list: [1] });
  // @ts-expect-error trunkactivity's list is not modelled: no typed list is promised
  trunk.ext_call_statistics_list.length;
  const open: unknown = trunk.trunkactivity_list;
  void open;
  // @ts-expect-error the statistics take the same checked query as a download
  void pbx.reportStatistics({ type: "extcallstatistics", queue_id: 1 });
}

// The typed openapi-fetch client: from the `yeastar-call-reports/api` entry only, so that the main entry's types do
// not pull in openapi-fetch's declarations.
export async function rawApi() {
  // @ts-expect-error `pbx.api` is gone: typedApi(pbx) from yeastar-call-reports/api
  void pbx.api;
  const { data } = await typedApi(pbx).GET("/openapi/v1.0/system/information");
  const model: string | undefined = data?.data?.model_name;
  void model;
  // @ts-expect-error a path the spec does not have
  void typedApi(pbx).GET("/openapi/v1.0/nosuch");
}
