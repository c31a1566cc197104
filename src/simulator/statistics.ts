// GET call_report/list: a report's numbers as JSON, read from the very CSV the simulator generates for the same
// query, so the two always agree. The CSV stays the PBX's text; the JSON holds what a client validated against a
// live PBX reads (FOEDI/mcp-yeastar-pseries-pbx, src/yeastar_mcp/services.py and tests/fixtures/; no vendor page
// shows these replies): counts as integers, durations as integer seconds, rates as numbers (87.5 for 87.50%), the
// entity as a name and a separate `*_num`, the time bucket as an integer, and Agent Performance as a queue block
// around its agents. The list keys and field names of the eight types the spec types are that client's; for the
// others they are ASSUMPTIONS: the list under `{type}_list`, fields the CSV's headers in snake_case.
import Papa from "papaparse";
import type { DisplayFormat } from "../model/pbx-time.js";
import { parseBucket } from "../model/pbx-time.js";
import { listKeyOf } from "../model/statistics-lists.js";
import { pbxData } from "./data.js";
import { layoutOf, type MetricKind } from "./layouts.js";

/** The CSV headers of the typed types under the field names third-party code reads. */
const renames: Record<string, Record<string, string>> = {
  extcallstatistics: {
    "Total Calls": "total_call_count",
    Answered: "answered_calls",
    "No Answer": "no_answer_calls",
    Busy: "busy_calls",
    Voicemail: "voicemail_calls",
    Abandoned: "abandoned_calls",
    "Total Talking Time": "total_talking_time",
  },
  queueperformance: {
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
    "Total Calls": "total_calls",
    Answered: "answered_calls",
    Missed: "missed_calls",
    "Average Talking Time": "average_talking_time",
    "Total Talking Time": "total_talking_time",
  },
  queueagentinoutcalls: { "Inbound Calls": "inbound_calls", "Outbound Calls": "outbound_calls" },
  ringgroupstatistics: { "Total Calls": "total_calls", Answered: "answered_calls" },
};

/** The entity column of the typed types: its header, and the fields of its name and its number. */
const identities: Record<string, { header: string; name: string; num: string }> = {
  extcallstatistics: { header: "Extension", name: "ext_name", num: "ext_num" },
  queueperformance: { header: "Queue", name: "queue", num: "queue_num" },
  queueagentperformance: { header: "Agent", name: "agent_name", num: "agent_number" },
  queueagentinoutcalls: { header: "Agent", name: "agent_name", num: "agent_num" },
  ringgroupstatistics: { header: "Ring Group", name: "group_name", num: "group_num" },
  ivr: { header: "IVR", name: "ivr_name", num: "ivr_num" },
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

/** An entity label as the CSV writes it (`1001 - Alice Chen`, `Sales<6400>`), as its number and its name. */
export function splitLabel(label: string): { num: string; name: string } {
  const dashed = /^(\S+) - (.*)$/.exec(label);
  if (dashed) return { num: dashed[1]!, name: dashed[2]! };
  const angled = /^(.*)<([^<>]*)>$/.exec(label);
  return angled ? { num: angled[2]!, name: angled[1]! } : { num: label, name: label };
}

/** `HH:MM:SS` as seconds. */
const seconds = (text: string) => text.split(":").reduce((total, part) => total * 60 + Number(part), 0);

/** The integer of a time bucket's slot: the hour (0–23) of a day, the day of a month, the month of a year. */
export function bucketNumber(label: string, format: DisplayFormat): number {
  const hour = /^(\d{2}):00(?: ([AP]M))?-/.exec(label);
  if (hour) return hour[2] ? (Number(hour[1]) % 12) + (hour[2] === "PM" ? 12 : 0) : Number(hour[1]);
  const bucket = parseBucket(label, format.date);
  return bucket?.day ?? bucket?.month ?? Number.NaN;
}

/**
 * A CSV value as JSON, by its metric's kind: integers, seconds, numbers (null for an empty cell, as a call not
 * scored); text where the kind is not known.
 */
function jsonValue(kind: MetricKind | undefined, text: string): number | string | null {
  if (kind !== undefined && text.trim() === "") return null;
  switch (kind) {
    case "total":
    case "count":
    case "sum":
    case "points":
      return Number.parseInt(text, 10);
    case "duration":
    case "average":
      return seconds(text);
    case "rate":
    case "percent":
      return Number.parseFloat(text);
    case "ratio":
    case "score":
    case "cost":
      return Number(text);
    default:
      return text;
  }
}

/** The summary rows of the CSV's first table: no Total row, no inline details (first field empty). */
function tableOf(csv: string): { header: string[]; rows: string[][] } {
  const records = Papa.parse<string[]>(csv, { skipEmptyLines: false }).data;
  const blank = records.findIndex((r) => r.length === 1 && r[0] === "");
  const [header = [], ...rows] = blank < 0 ? records : records.slice(0, blank);
  return { header, rows: rows.filter((r) => r[0] !== "Total" && r[0] !== "") };
}

/** One CSV row as a statistics entry. */
function entryOf(type: string, header: string[], row: string[], format: DisplayFormat): Record<string, unknown> {
  const kinds = new Map(layoutOf(type).metrics.map(([h, kind]) => [h, kind]));
  const identity = identities[type];
  const entry: Record<string, unknown> = {};
  header.forEach((h, i) => {
    const text = row[i] ?? "";
    if (identity?.header === h) {
      const { num, name } = splitLabel(text);
      entry[identity.num] = num;
      entry[identity.name] = name;
    } else if (h === "Time" && layoutOf(type).shape === "activity") {
      entry[statisticsField(type, h)] = bucketNumber(text, format);
    } else {
      entry[statisticsField(type, h)] = jsonValue(kinds.get(h), text);
    }
  });
  return entry;
}

/** Agent Performance: its agents inside the block of their queue (as third-party code reads it); none when empty. */
function queueBlock(detail: Record<string, unknown>[], queueId: string | undefined): Record<string, unknown>[] {
  const queue = pbxData.queue.find((q) => q.id === queueId);
  if (detail.length === 0 || !queue) return [];
  const { num, name } = splitLabel(queue.label);
  return [{ queue: name, queue_num: num, queue_id: Number(queue.id), detail }];
}

/** The statistics reply of a generated report: one entry per summary row of its CSV, the same numbers. */
export function statisticsOf(
  type: string,
  csv: string,
  asked: { query: Record<string, string>; format: DisplayFormat },
): Record<string, unknown> {
  const { header, rows } = tableOf(csv);
  const entries = rows.map((row) => entryOf(type, header, row, asked.format));
  const list = type === "queueagentperformance" ? queueBlock(entries, asked.query.queue_id) : entries;
  return { errcode: 0, errmsg: "SUCCESS", total_number: list.length, [statisticsKey(type)]: list };
}
