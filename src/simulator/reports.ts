// The CSV files the simulator serves, built from the layouts (layouts.ts) and the figures (figures.ts). A report
// respects its query: the time window or bucket, the IDs, communication_type, need_detail.
import type { Bucket, DisplayFormat, WallClock } from "../model/pbx-time.js";
import { type Entity, pbxData } from "./data.js";
import { angled, type DetailLayout, detailCells, detailColumns } from "./details.js";
import {
  aggregate,
  caller,
  calls,
  directionsOf,
  entitiesOf,
  hms,
  type RangeWindow,
  render,
  renderRow,
  slotsOf,
  spanOf,
} from "./figures.js";
import { entityHeaders, type Layout, layoutOf } from "./layouts.js";

export interface ReportInput {
  type: string;
  /** The validated query, values as strings. */
  query: Record<string, string>;
  format: DisplayFormat;
  /** The PBX wall clock now: data ends here. */
  now: WallClock;
  /** The v1.0-on-new-firmware quirk: a header and no rows. */
  empty?: boolean;
  /** Where need_detail=1 puts the call details. @default "inline" */
  detailLayout?: DetailLayout;
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
export const csvLine = (values: string[]) => `${values.map(csvField).join(",")}\r\n`;

/** What the CSV of one report is built from. */
interface Build {
  type: string;
  q: Record<string, string>;
  format: DisplayFormat;
  now: WallClock;
  layout: Layout;
  dirs: readonly string[];
  entities: Entity[];
  entityHeader: string;
  /** With need_detail=1: the detail columns and where they go. */
  details: { kind: "queue" | "generic"; layout: DetailLayout } | undefined;
}

/** An entity as the report names it. */
const labelOf = (b: Build, e: Entity) => (b.layout.angleLabels ? angled(e.label) : e.label);

/** The inline details of one summary row: an inner header one column in, then its calls. */
function inlineDetails(b: Build, entities: Entity[], window: RangeWindow): string[] {
  if (b.details?.layout !== "inline") return [];
  const { kind } = b.details;
  const lines = [csvLine(["", ...detailColumns(kind)])];
  let id = 0;
  for (const c of calls(b.type, entities, window, b.now, b.dirs, b.format)) {
    lines.push(csvLine(["", ...detailCells(kind, c, ++id)]));
  }
  return lines;
}

/** Sums the rows of `aggregate` into one row. */
const sumRows = (rows: number[][], width: number) =>
  rows.reduce((acc, row) => acc.map((v, j) => v + row[j]!), new Array<number>(width).fill(0));

/**
 * Activity: a row per slot of the bucket (and per DID of the trunk for DID/Outbound Caller ID Activity), then Total.
 */
function activityRows(b: Build, bucket: Bucket | undefined): { header: string[]; lines: string[] } {
  const { layout, entities } = b;
  const groups = layout.perDid
    ? entities.flatMap((t) =>
        (pbxData.trunk.find((x) => x.id === t.id)?.dids ?? []).map((did) => ({
          label: did,
          entities: [{ id: `${t.id}:${did}`, label: did }],
        })),
      )
    : [{ label: undefined, entities }];
  const header = ["Time", ...(layout.perDid ? ["DID"] : []), ...layout.metrics.map((m) => m[0])];
  if (!bucket || entities.length === 0) return { header, lines: [] };
  const lines: string[] = [];
  const grand = layout.metrics.map(() => 0);
  for (const slot of slotsOf(bucket, b.format)) {
    for (const group of groups) {
      const sums = sumRows(
        aggregate(b.type, group.entities, layout.metrics, slot, b.now, b.dirs),
        layout.metrics.length,
      );
      sums.forEach((v, j) => {
        grand[j]! += v;
      });
      const cells = renderRow(layout.metrics, sums, 24);
      lines.push(csvLine([slot.label, ...(group.label === undefined ? [] : [group.label]), ...cells]));
      lines.push(...inlineDetails(b, group.entities, slot));
    }
  }
  lines.push(csvLine(["Total", ...(layout.perDid ? [""] : []), ...renderRow(layout.metrics, grand, 24 * 31)]));
  return { header, lines };
}

/** Summary: a row per entity over the window, then Total. */
function summaryRows(b: Build, window: RangeWindow | undefined): { header: string[]; lines: string[] } {
  const { layout, entities } = b;
  const header = [b.entityHeader, ...layout.metrics.map((m) => m[0])];
  if (!window || entities.length === 0) return { header, lines: [] };
  const rows = aggregate(b.type, entities, layout.metrics, window, b.now, b.dirs);
  const lines = entities.flatMap((e, i) => [
    csvLine([labelOf(b, e), ...renderRow(layout.metrics, rows[i]!, 24)]),
    ...inlineDetails(b, [e], window),
  ]);
  if (layout.otherRow) {
    const other = aggregate(b.type, [{ id: "other", label: layout.otherRow }], layout.metrics, window, b.now, b.dirs);
    rows.push(other[0]!);
    lines.push(csvLine([layout.otherRow, ...renderRow(layout.metrics, other[0]!, 24)]));
  }
  const grand = sumRows(rows, layout.metrics.length);
  lines.push(csvLine(["Total", ...renderRow(layout.metrics, grand, 24 * entities.length)]));
  return { header, lines };
}

/** The outcome of one call of an events report. */
function resultOf(b: Build, h: number): string {
  if (b.type === "queuecallbacksactivity") return h % 4 === 0 ? "fail" : "success";
  if (b.layout.missed) return ["NO ANSWER", "BUSY", "ABANDONED"][h % 3]!;
  return h % 5 === 0 ? "NO ANSWER" : "ANSWERED";
}

/** Events: a row per call in the window. */
function eventRows(b: Build, window: RangeWindow | undefined): { header: string[]; lines: string[] } {
  const { layout } = b;
  const status = b.type === "queuecallbacksactivity" ? "Callback Result" : "Status";
  const header = [
    "Time",
    b.entityHeader,
    "Caller",
    "Callee",
    status,
    "Talk Duration",
    ...layout.metrics.map((m) => m[0]),
  ];
  if (!window) return { header, lines: [] };
  const lines: string[] = [];
  for (const c of calls(b.type, b.entities, window, b.now, b.dirs, b.format)) {
    const result = resultOf(b, c.h);
    if (b.type === "queuecallbacksactivity" && b.q.callback_result && b.q.callback_result !== result) continue;
    const extension = c.entity.label.split(" ")[0]!;
    const [from, to] = layout.outbound ? [extension, caller(c.h)] : [caller(c.h), extension];
    // A call nobody answered was not talked, nor surveyed.
    const unanswered = result === "NO ANSWER" || layout.missed === true;
    const extra = layout.metrics.map((m) => (unanswered && m[1] === "score" ? "" : render(m[1], c.h % 500, 1)));
    lines.push(csvLine([c.time, c.entity.label, from, to, result, hms(unanswered ? 0 : c.talk), ...extra]));
  }
  return { header, lines };
}

/** The call-details section of a `need_detail=1` report in the sections layout (ASSUMED: see details.ts). */
function detailSection(b: Build, window: RangeWindow): string[] {
  const kind = b.details!.kind;
  const [first, ...rest] = detailColumns(kind);
  const columns = kind === "queue" ? [b.entityHeader, first!, ...rest] : [first!, b.entityHeader, ...rest];
  const lines = ["\r\n", csvLine(["Call Details"]), csvLine(columns)];
  let id = 0;
  for (const c of calls(b.type, b.entities, window, b.now, b.dirs, b.format)) {
    const [head, ...tail] = detailCells(kind, c, ++id);
    const entity = labelOf(b, c.entity);
    lines.push(csvLine(kind === "queue" ? [entity, head!, ...tail] : [head!, entity, ...tail]));
  }
  return lines;
}

/** The whole CSV of a report (without any reportSize filler), and the file name prefix. */
export function buildReport(
  input: ReportInput,
  window: RangeWindow | undefined,
  bucket: Bucket | undefined,
): { prefix: string; header: string[]; body: string } {
  const layout = layoutOf(input.type);
  const b: Build = {
    type: input.type,
    q: input.query,
    format: input.format,
    now: input.now,
    layout,
    dirs: directionsOf(input.query),
    entities: input.empty ? [] : entitiesOf(layout.entity, input.query),
    entityHeader: entityHeaders[layout.entity],
    details:
      input.query.need_detail === "1"
        ? { kind: layout.details ?? "generic", layout: input.detailLayout ?? "inline" }
        : undefined,
  };
  const { header, lines } =
    layout.shape === "activity"
      ? activityRows(b, bucket)
      : layout.shape === "summary"
        ? summaryRows(b, window)
        : eventRows(b, window);
  const detailWindow = window ?? (bucket ? spanOf(slotsOf(bucket, b.format)) : undefined);
  if (b.details?.layout === "sections" && detailWindow && b.entities.length > 0)
    lines.push(...detailSection(b, detailWindow));
  return { prefix: layout.prefix, header, body: csvLine(header) + lines.join("") };
}

/**
 * Rows appended after a report's own rows until the file is exactly `size` bytes (the `reportSize`
 * option), produced lazily in chunks so that a 1 GB report costs the simulator little memory.
 * Each filler row has the report's column count; the first one absorbs the remainder.
 */
export function* filler(columns: number, bytes: number, chunkSize = 64 * 1024): Generator<Buffer> {
  const tail = `${",0".repeat(Math.max(0, columns - 1))}\r\n`;
  const rowLength = 24 + tail.length;
  if (bytes <= 0) return;
  if (bytes < rowLength) {
    yield Buffer.from("x".repeat(Math.max(0, bytes - 2)) + "\r\n".slice(0, Math.min(2, bytes)));
    return;
  }
  const rows = Math.floor(bytes / rowLength);
  const extra = bytes - rows * rowLength;
  let parts: string[] = [];
  let pending = 0;
  for (let i = 0; i < rows; i++) {
    const label = `Call ${String(i).padStart(19, "0")}${i === 0 ? "-".repeat(extra) : ""}`;
    parts.push(label, tail);
    pending += label.length + tail.length;
    if (pending >= chunkSize) {
      yield Buffer.from(parts.join(""));
      parts = [];
      pending = 0;
    }
  }
  if (parts.length > 0) yield Buffer.from(parts.join(""));
}
