// GET call_report/list: a report's numbers as JSON, read from the very CSV the simulator generates for the same
// query, so the two always agree. The list keys and field names of the types the spec types follow third-party
// code that reads live replies (FOEDI's yeastar_mcp); elsewhere they are ASSUMPTIONS: the list under
// `{type}_list`, fields the CSV's headers in snake_case. Counts are integers; other values stay the CSV's text.
import Papa from "papaparse";
import { listKeyOf } from "../model/statistics-lists.js";
import { layoutOf } from "./layouts.js";

/** The CSV headers of the typed types under the field names third-party code reads. */
const renames: Record<string, Record<string, string>> = {
  extcallstatistics: {
    Extension: "ext_num",
    "Total Calls": "total_call_count",
    Answered: "answered_calls",
    "No Answer": "no_answer_calls",
    Busy: "busy_calls",
    Voicemail: "voicemail_calls",
    Abandoned: "abandoned_calls",
    "Total Talking Time": "total_talking_time",
  },
  queueperformance: {
    Queue: "queue",
    "Total Calls": "total_calls",
    Answered: "answered_calls",
    Missed: "missed_calls",
    Abandoned: "abandoned_calls",
    "AVG Handle Time": "average_handle_time",
    "AVG Waiting Time (Answered Calls)": "average_waiting_time",
    "AVG Waiting Time (All Calls)": "all_call_average_waiting_time",
    "Max Waiting Time (All Calls)": "max_waiting_time",
    "Average Talking Time": "average_talking_time",
    "Answered Rate": "answered_rate",
    "Abandon Rate": "abandoned_rate",
  },
  queueavgwaittalktime: {
    Time: "time",
    "AVG Waiting Time (Answered Calls)": "avg_wait_time",
    "AVG Waiting Time (All Calls)": "all_call_avg_wait_time",
    "AVG Talking Time": "avg_talk_time",
  },
  queueagentperformance: {
    Agent: "agent_name",
    "Total Calls": "total_calls",
    Answered: "answered_calls",
    Missed: "missed_calls",
    "Average Talking Time": "average_talking_time",
    "Total Talking Time": "total_talking_time",
  },
  queueagentinoutcalls: { Agent: "agent_name", "Inbound Calls": "inbound_calls", "Outbound Calls": "outbound_calls" },
  ringgroupstatistics: { "Ring Group": "group_name", "Total Calls": "total_calls", Answered: "answered_calls" },
  ivr: { IVR: "ivr_name" },
};

const snake = (header: string) =>
  header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/** The JSON field of a CSV column of a report type. */
export function statisticsField(type: string, header: string): string {
  return renames[type]?.[header] ?? snake(header);
}

/** The list key of a report type's statistics: the typed one, or (ASSUMED) `{type}_list`. */
export const statisticsKey = (type: string): string => listKeyOf(type) ?? `${type}_list`;

/** The summary rows of the CSV's first table: no Total row, no inline details (first field empty). */
function tableOf(csv: string): { header: string[]; rows: string[][] } {
  const records = Papa.parse<string[]>(csv, { skipEmptyLines: false }).data;
  const blank = records.findIndex((r) => r.length === 1 && r[0] === "");
  const [header = [], ...rows] = blank < 0 ? records : records.slice(0, blank);
  return { header, rows: rows.filter((r) => r[0] !== "Total" && r[0] !== "") };
}

/** The statistics reply of a generated report: one entry per row of its CSV, the same values. */
export function statisticsOf(type: string, csv: string): Record<string, unknown> {
  const { header, rows } = tableOf(csv);
  const kinds = new Map(layoutOf(type).metrics.map(([h, kind]) => [h, kind]));
  const entries = rows.map((row) =>
    Object.fromEntries(
      header.map((h, i) => {
        const kind = kinds.get(h);
        const value = row[i] ?? "";
        const counted = kind === "count" || kind === "total" || kind === "sum" || kind === "points";
        return [statisticsField(type, h), counted ? Number(value) : value];
      }),
    ),
  );
  // Agent Performance is a list of queues, each with its agents (as third-party code reads it).
  const list = type === "queueagentperformance" ? [{ detail: entries }] : entries;
  return { errcode: 0, errmsg: "SUCCESS", total_number: list.length, [statisticsKey(type)]: list };
}
