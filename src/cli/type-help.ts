// One report type's help in the command line's words: the spec describes the PBX's parameters (times in the PBX's
// display format, IDs from Get Menu Options); the command line takes ISO times, --period and `options MENU`.
import { YeastarQueryError } from "../index.js";
import type { ParameterSpec, ParamKind, ReportSpec } from "../internal.js";
import { didYouMean, reportSpecOf, reportTable as table } from "../internal.js";
import { docs, flagOf } from "./download/flags.js";
import { columns, firstSentence } from "./output.js";

/** What a flag of each kind takes, in the help's VALUES column (other kinds: by their JSON type). */
const valuesOfKind: Partial<Record<ParamKind, string>> = {
  datetime: "time",
  "time-bucket": "day|month|year",
  id: "ID",
  "id-list": "ID,ID,…",
};

/** How the command line takes the times of each kind of report. */
const timeLine: Record<ReportSpec["timeKind"], string> = {
  range:
    "Time: a range, --start-time and --end-time (both optional) in PBX time, e.g. 2024-05-01 or " +
    "2024-05-01T08:00, or --period last-month.",
  bucket: "Time: a bucket, --time: a day (2024-05-03), a month (2024-05) or a year (2024), or --period yesterday.",
};

/** The meaning of the time parameters, said for ISO input (the command line writes the PBX's format). */
const timeMeaning: Readonly<Record<string, string>> = {
  start_time: "Start of the window, PBX time: 2024-05-01T08:00:00, 2024-05-01 (midnight), or …Z for an instant.",
  end_time: "End of the window, PBX time, written as --start-time.",
  time: "The bucket: a day gives hourly rows, a month daily rows, a year monthly rows.",
};

/** The spec's words for a parameter, in the command line's: flags for parameter names, no code quotes. */
export function meaningOf(name: string, parameter: ParameterSpec, doc: string | undefined): string {
  const fixed = timeMeaning[name];
  if (fixed && (parameter.kind === "datetime" || parameter.kind === "time-bucket")) return fixed;
  const sentence = firstSentence(doc)
    .replace(/;? look (them|it) up with Get Menu Options.*$/, ".")
    .replace(/`([a-z]+(?:_[a-z]+)+)`/g, (_, p: string) => flagOf(p))
    .replace(/`([^`]*)`/g, "$1")
    .replace(/^"|"$/g, "");
  if (!parameter.menus?.length) return sentence;
  const commands = parameter.menus.map((menu) => `options ${menu}${menu === "queue_agent" ? " --id QUEUE" : ""}`);
  return `${sentence.replace(/\.$/, "")}; list them: yeastar-call-reports ${commands.join(" or ")}.`;
}

/** One report type's flags (required, values, meaning), as `types TYPE` and `download --type TYPE --help` show them. */
export function typeHelp(type: string): string {
  const spec = reportSpecOf(type);
  if (!spec) throw unknownType(type);
  // The summary line only: the spec's notes on sources are for the API reference.
  const summary = docs[type]!.description.split("\n")[0];
  const head = `${type}: ${spec.title}\n${summary}\n${timeLine[spec.timeKind]}\n\n`;
  const rows = [["FLAG", "REQUIRED", "VALUES", "MEANING"]];
  for (const [name, p] of Object.entries(spec.parameters)) {
    if (name === "type" || name === "is_async") continue;
    const numeric = [p.type].flat().includes("integer");
    const values = p.enum?.join("|") ?? valuesOfKind[p.kind] ?? (numeric ? "number" : "text");
    rows.push([flagOf(name), p.required ? "yes" : "no", values, meaningOf(name, p, docs[type]!.parameters[name])]);
  }
  return head + columns(rows);
}

/** An unknown --type, with the nearest and the valid ones. */
export const unknownType = (type: string) =>
  new YeastarQueryError(
    `unknown report type ${JSON.stringify(type)}${didYouMean(type, Object.keys(table))}; ` +
      `valid types: ${Object.keys(table).join(", ")}`,
    { type, parameter: "type" },
  );
