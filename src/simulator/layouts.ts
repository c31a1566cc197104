// The column layouts of the simulator's report files. What each rests on is said once, in `evidence` below:
// queueperformance follows a real export, queuesatisfaction, queueavgwaittalktime and extcallbilling the vendor's
// report pages (../shared/reference/report-content.md); every other layout is an ASSUMPTION (the metric names of
// the PBX's report pages, reference §9), not the vendor's format. The spec's x-columns hold the same evidence
// (test/integration/simulator-columns.test.ts keeps the two equal).
/**
 * `total`: a count that is the sum of the `count` columns after it, so that every row adds up. The derived kinds
 * are computed from the columns `of` names: `rate` num/den as `67.14%`, `sum` their sum, `points` the sum of each
 * `KEY: k(n Points)` count times n, `ratio` num/den truncated to two decimals.
 */
export type MetricKind =
  | "total"
  | "count"
  | "duration"
  | "average"
  | "percent"
  | "score"
  | "cost"
  | "rate"
  | "sum"
  | "points"
  | "ratio";
export type Metric = [header: string, kind: MetricKind, of?: readonly string[]];
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
  /** Entities written `Name<number>` (as in the real Queue Performance export) instead of `number - Name`. */
  angleLabels?: boolean;
  /** The call-detail columns of need_detail=1 (inline under each row, or a section): the export's for queues. */
  details?: "queue" | "generic";
  /** A catch-all entity row (extcallbilling's `Other`: calls of unknown source), before Total. */
  otherRow?: string;
}

/** What a layout's columns rest on: a real export, a vendor page, or nothing (assumed). */
export const evidence: Record<string, string> = {
  queueperformance: "a real Queue Performance export (report-content.md §1)",
  queuesatisfaction: 'the vendor page "Satisfaction Survey Report" (report-content.md §2)',
  queueavgwaittalktime: 'the vendor page "Queue AVG Waiting & Talking Time Report" (report-content.md §2)',
  extcallbilling: 'the vendor page "Extension Call Accounting Report" (report-content.md §2)',
};

const count = (h: string): Metric => [h, "count"];
const total = (h: string): Metric => [h, "total"];
const duration = (h: string): Metric => [h, "duration"];
const average = (h: string): Metric => [h, "average"];

/** The satisfaction survey's keys: one column per key pressed, with its points (the vendor's dynamic columns). */
const keys = ["KEY: 1(5 Points)", "KEY: 2(3 Points)", "KEY: 3(1 Points)"] as const;

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
    metrics: [
      average("AVG Waiting Time (All Calls)"),
      average("AVG Waiting Time (Answered Calls)"),
      average("AVG Talking Time"),
    ],
  },
  queueperformance: {
    prefix: "QueuePerformance",
    entity: "queue",
    shape: "summary",
    angleLabels: true,
    details: "queue",
    metrics: [
      total("Total Calls"),
      count("Answered"),
      count("Missed"),
      count("Abandoned"),
      average("AVG Handle Time"),
      average("AVG Waiting Time (Answered Calls)"),
      average("AVG Waiting Time (All Calls)"),
      average("Max Waiting Time (All Calls)"),
      average("Average Talking Time"),
      ["Answered Rate", "rate", ["Answered", "Total Calls"]],
      ["Abandon Rate", "rate", ["Abandoned", "Total Calls"]],
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
    metrics: [
      count("KEY: 1(5 Points)"),
      count("KEY: 2(3 Points)"),
      count("KEY: 3(1 Points)"),
      ["Total KEY", "sum", keys],
      ["Total Points", "points", keys],
      ["Average Points", "ratio", ["Total Points", "Total KEY"]],
    ],
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
    otherRow: "Other",
    metrics: [
      count("Total Calls"),
      duration("Total Talk Duration"),
      average("Average Talking Time"),
      ["Amount", "cost"],
    ],
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
