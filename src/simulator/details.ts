// The call details of a need_detail=1 report, in either layout a PBX may write:
// - inline (the real Queue Performance export, the default): under each summary row an inner header one column
//   in, then that row's calls with their first field empty;
// - sections (ASSUMED, this simulator's layout before the export was found): after the summary, a blank line, a
//   "Call Details" title and a table of every call.
// The queue columns and values (`Name<ext>` agents, `NONE`, `Abandoned(UnHandled//)`, reasons) follow the export;
// the generic columns of the other types are ASSUMED.
import { type Entity, pbxData } from "./data.js";
import { caller, hms } from "./figures.js";

/** Where the call details go: under their summary row, or in a section of their own. */
export type DetailLayout = "inline" | "sections";

export interface Call {
  time: string;
  entity: Entity;
  h: number;
  direction: string;
  talk: number;
}

/** `1001 - Ann` → `Ann<1001>`: how the real export writes a queue or an agent. */
export const angled = (label: string) => {
  const [number, ...name] = label.split(" - ");
  return name.length === 0 ? label : `${name.join(" - ")}<${number}>`;
};

const queueColumns = ["ID", "Time", "Call From", "Agent", "Status", "Ring Duration", "Talk Duration", "Hold Duration"];

/** The detail columns (without the entity column, which inline details take from their summary row). */
export const detailColumns = (kind: "queue" | "generic") =>
  kind === "queue" ? [...queueColumns, "Reason"] : ["Time", "Caller", "Direction", "Status", "Talk Duration"];

/** One call's detail cells, in the order of detailColumns. */
export function detailCells(kind: "queue" | "generic", call: Call, id: number): string[] {
  const answered = call.h % 5 !== 0;
  if (kind === "generic") {
    return [call.time, caller(call.h), call.direction, answered ? "ANSWERED" : "NO ANSWER", hms(call.talk)];
  }
  const queue = pbxData.queue.find((q) => q.id === call.entity.id);
  const agents = pbxData.extension.filter((e) => queue?.agents.includes(e.id));
  const agent = answered && agents.length > 0 ? angled(agents[call.h % agents.length]!.label) : "NONE";
  const from = caller(call.h);
  return [
    String(id),
    call.time,
    from,
    agent,
    answered ? "Answered" : "Abandoned(UnHandled//)",
    hms(call.h % 30),
    hms(answered ? call.talk : 0),
    hms(answered ? call.h % 20 : 0),
    answered ? `Queue ${agent} connected` : `${from} hangup`,
  ];
}
