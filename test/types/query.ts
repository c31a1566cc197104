// Compile-only: `tsc --noEmit` (part of `npm test`) fails if a line marked @ts-expect-error compiles,
// or if a valid query stops compiling. Nothing here runs.
import type { CallReportQuery } from "../../generated/openapi.js";

declare function download(query: CallReportQuery): void;

// @ts-expect-error queue_id is not a parameter of extcallstatistics
download({ type: "extcallstatistics", ext_id_list: "1", queue_id: "1" });
// @ts-expect-error extcallactivity requires time
download({ type: "extcallactivity", ext_id_list: "1" });
// @ts-expect-error extcallactivity requires ext_id_list
download({ type: "extcallactivity", time: "2024/05/03" });
// @ts-expect-error there is no report type "nosuch"
download({ type: "nosuch" });
// @ts-expect-error trunk reports know no Internal communication type
download({ type: "trunkactivity", time: "2024", trunk_id_list: "1", communication_type: "Internal" });
// @ts-expect-error trunkactivity takes a time bucket, not a range
download({ type: "trunkactivity", time: "2024", trunk_id_list: "1", start_time: "2024/01/01 00:00:00" });
// @ts-expect-error need_detail is 0 or 1
download({ type: "ivr", ivr_id_list: "1", need_detail: 2 });

// One valid query per report type.
const from = "04/01/2022 00:00:00";
const to = "05/31/2022 23:59:59";
download({
  type: "extcallstatistics",
  ext_id_list: "1,2",
  start_time: from,
  end_time: to,
  communication_type: "Internal",
});
download({ type: "extcallactivity", time: "2024/05/03", ext_id_list: "1", communication_type: "Outbound" });
download({
  type: "trunkactivity",
  time: "2024/05",
  trunk_id_list: "1,2",
  include_internal: 1,
  communication_type: "Inbound",
});
download({ type: "trunkdiddodactivity", time: "2024", trunk_id: "1", communication_type: "Outbound" });
download({ type: "ivr", ivr_id_list: "1", start_time: from, end_time: to, need_detail: 1 });
download({ type: "queueavgwaittalktime", time: "2024/05/03", queue_id_list: "1" });
download({
  type: "queueperformance",
  queue_id_list: "1",
  start_time: from,
  abandon_time: 5,
  talk_time: 10,
  need_detail: 0,
});
download({ type: "queueperformanceactivity", time: "2024/05", queue_id_list: "1", abandon_time: 5, need_detail: 1 });
download({ type: "queuecallbackssummary", queue_id_list: "1", start_time: from, end_time: to });
download({ type: "queuecallbacksactivity", queue_id_list: "1", callback_result: "fail" });
download({ type: "queuesatisfaction", queue_id: "1", start_time: from, end_time: to, is_async: 1 });
download({ type: "queuesatisfactiondetail", queue_id: 1, agent_id_list: "3,4" });
download({ type: "queueagentlogintime", queue_id: "1", agent_id_list: "3" });
download({ type: "queueagentpausetime", queue_id: "1", reason: "Lunch" });
download({ type: "queueagentmisscalls", queue_id: "1", abandon_time: 3 });
download({ type: "queueagentperformance", queue_id: "1", need_detail: 1, abandon_time: 0 });
download({ type: "queueagentinoutcalls", queue_id: "1", end_time: to });
download({ type: "ringgroupstatistics", ring_group_id_list: "1,2" });
download({ type: "extcallbilling", trunk_id_list: "1", ext_id_list: "1" });
download({ type: "extcallbillingdetails", trunk_id_list: "1", start_time: from });
