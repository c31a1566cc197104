// The column layouts of the simulator's report files. No vendor page documents the columns: the headers
// follow the metric names of the PBX's report pages (reference §9) and are ASSUMPTIONS, not the vendor's format.
/** `total`: a count that is the sum of the `count` columns after it, so that every row adds up. */
export type Metric = [header: string, kind: "total" | "count" | "duration" | "average" | "percent" | "score" | "cost"];
export type EntityKind = "extension" | "trunk" | "ivr" | "ring_group" | "queue" | "agent";

export interface Layout {
  /** File name prefix, like the PBX's `QueueSatisfaction-…csv`. */
  prefix: string;
  entity: EntityKind;
  /** summary: a row per entity; activity: a row per hour/day/month; events: a row per call. */
  shape: "summary" | "activity" | "events";
  metrics: Metric[];
  /** Activity rows per DID of the selected trunk (DID/Outbound Caller ID Activity). */
  perDid?: boolean;
  /** Events of outbound calls: the extension is the caller, the outside number the callee. */
  outbound?: boolean;
  /** Events of missed calls only (no answer, busy, abandoned), none talked. */
  missed?: boolean;
}

const count = (h: string): Metric => [h, "count"];
const total = (h: string): Metric => [h, "total"];
const duration = (h: string): Metric => [h, "duration"];
const average = (h: string): Metric => [h, "average"];

/** Column layouts per report type. A type missing here (a new one from a firmware update) gets `fallback`. */
export const layouts: Record<string, Layout> = {
  extcallstatistics: {
    prefix: "ExtensionCallStatistics",
    entity: "extension",
    shape: "summary",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("No Answer"),
      count("Busy"),
      count("Voicemail"),
      count("Abandoned"),
      duration("Total Talking Time"),
    ],
  },
  extcallactivity: {
    prefix: "ExtensionCallActivity",
    entity: "extension",
    shape: "activity",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("No Answer"),
      count("Busy"),
      duration("Total Talking Time"),
    ],
  },
  trunkactivity: {
    prefix: "PBXCallActivity",
    entity: "trunk",
    shape: "activity",
    metrics: [total("Total Calls"), count("Answered"), count("No Answer"), duration("Total Talking Time")],
  },
  trunkdiddodactivity: {
    prefix: "DIDOutboundCallerIDActivity",
    entity: "trunk",
    shape: "activity",
    perDid: true,
    metrics: [total("Total Calls"), count("Answered"), count("No Answer")],
  },
  ivr: {
    prefix: "IVRReport",
    entity: "ivr",
    shape: "summary",
    metrics: [total("Total Calls"), count("Answered"), count("Abandoned"), count("Timeout"), count("Invalid Input")],
  },
  queueavgwaittalktime: {
    prefix: "QueueAvgWaitingTalkingTime",
    entity: "queue",
    shape: "activity",
    metrics: [average("Average Waiting Time"), average("Average Talking Time")],
  },
  queueperformance: {
    prefix: "QueuePerformance",
    entity: "queue",
    shape: "summary",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("Missed"),
      count("Abandoned"),
      average("Average Waiting Time"),
      average("Max Waiting Time"),
      average("Average Talking Time"),
      ["SLA", "percent"],
    ],
  },
  queueperformanceactivity: {
    prefix: "QueuePerformanceActivity",
    entity: "queue",
    shape: "activity",
    metrics: [total("Total Calls"), count("Answered"), count("Missed"), count("Abandoned"), ["SLA", "percent"]],
  },
  queuecallbackssummary: {
    prefix: "QueueCallbackSummary",
    entity: "queue",
    shape: "summary",
    metrics: [total("Callback Requests"), count("Successful Callbacks"), count("Failed Callbacks")],
  },
  queuecallbacksactivity: { prefix: "QueueCallbackActivity", entity: "queue", shape: "events", metrics: [] },
  queuesatisfaction: {
    prefix: "QueueSatisfaction",
    entity: "queue",
    shape: "summary",
    metrics: [total("Total Surveys"), ["Average Score", "score"], count("Satisfied"), count("Unsatisfied")],
  },
  queuesatisfactiondetail: {
    prefix: "QueueSatisfactionDetails",
    entity: "agent",
    shape: "events",
    metrics: [["Score", "score"]],
  },
  queueagentlogintime: {
    prefix: "AgentLoginActivity",
    entity: "agent",
    shape: "summary",
    metrics: [count("Login Count"), duration("Total Login Time")],
  },
  queueagentpausetime: {
    prefix: "AgentPauseActivity",
    entity: "agent",
    shape: "summary",
    metrics: [count("Pause Count"), duration("Total Pause Time")],
  },
  queueagentmisscalls: {
    prefix: "AgentMissedCallActivity",
    entity: "agent",
    shape: "summary",
    metrics: [count("Missed Calls"), average("Average Ring Time")],
  },
  queueagentperformance: {
    prefix: "AgentPerformance",
    entity: "agent",
    shape: "summary",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("Missed"),
      average("Average Talking Time"),
      duration("Total Talking Time"),
      duration("Total Pause Time"),
    ],
  },
  queueagentinoutcalls: {
    prefix: "AgentCallSummary",
    entity: "agent",
    shape: "summary",
    metrics: [count("Inbound Calls"), count("Outbound Calls"), duration("Total Talking Time")],
  },
  ringgroupstatistics: {
    prefix: "RingGroupStatistics",
    entity: "ring_group",
    shape: "summary",
    metrics: [total("Total Calls"), count("Answered"), count("No Answer"), average("Average Waiting Time")],
  },
  extcallbilling: {
    prefix: "ExtensionCallAccounting",
    entity: "extension",
    shape: "summary",
    metrics: [total("Total Calls"), duration("Total Duration"), ["Total Cost", "cost"]],
  },
  extcallbillingdetails: {
    prefix: "ExtensionCallAccountingDetails",
    entity: "extension",
    shape: "events",
    outbound: true,
    metrics: [["Cost", "cost"]],
  },
  // The two types of the newer vendor pages; no page shows their columns either.
  aisttusage: {
    prefix: "TranscriptionUsageDetails",
    entity: "extension",
    shape: "events",
    metrics: [duration("Transcribed Duration")],
  },
  unreturnmisscall: { prefix: "UnreturnedMissedCall", entity: "extension", shape: "events", missed: true, metrics: [] },
};

export const fallback = (type: string): Layout => ({
  prefix: type,
  entity: "extension",
  shape: "summary",
  metrics: [total("Total Calls"), count("Answered"), count("Missed")],
});

export function layoutOf(type: string): Layout {
  return layouts[type] ?? fallback(type);
}

export const entityHeaders: Record<EntityKind, string> = {
  extension: "Extension",
  trunk: "Trunk",
  ivr: "IVR",
  ring_group: "Ring Group",
  queue: "Queue",
  agent: "Agent",
};
