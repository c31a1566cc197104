// Why a report came back empty. A PBX answers errcode 0 and a header-only file for IDs that do not exist, a
// window with no calls or in the future, a time it could not read, and v1.0 on firmware that keeps its data
// under v2.0: each cause is checked where it can be (IDs against Get Menu Options, the window against the
// PBX clock, the API version against the firmware) and said to be likely, possible or ruled out.
import type { MenuOption } from "../../generated/openapi.js";
import { apiVersionFor } from "../model/api-version.js";
import { parseBucket, parseDateTime, type WallClock, wallClockToUtcMs } from "../model/pbx-time.js";
import { reportSpecOf } from "../model/report-table.js";
import type { CheckedQuery } from "../query/check.js";
import type { MenuName } from "../query/menus.js";
import type { PbxFacts } from "../query/pbx-clock.js";

export interface Finding {
  cause: "ids" | "window" | "api-version" | "time-format" | "no-calls";
  verdict: "likely" | "possible" | "ruled out";
  /** What was found, in a sentence. */
  detail: string;
  /** What to try next, when the cause is not ruled out. */
  next?: string;
}

export interface DiagnosisInput {
  checked: CheckedQuery;
  /** The query as it was sent (times in the display format). */
  wire: Record<string, string>;
  facts: PbxFacts;
  /** Whether the display format was read from the PBX (displayFormat "auto"). */
  formatFromPbx: boolean;
  /** The PBX's wall clock now. */
  now: WallClock;
  menuOptions(menu: MenuName, id?: string): Promise<MenuOption[]>;
}

const ids = (value: string) =>
  value
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);

async function idFindings(input: DiagnosisInput): Promise<Finding[]> {
  const spec = reportSpecOf(input.checked.type);
  const findings: Finding[] = [];
  for (const [name, p] of Object.entries(spec?.parameters ?? {})) {
    const sent = input.wire[name];
    if (!p.menus || sent === undefined) continue;
    const options: MenuOption[] = [];
    for (const menu of p.menus) {
      const queue = menu === "queue_agent" ? input.wire.queue_id : undefined;
      if (menu === "queue_agent" && queue === undefined) continue;
      const found = await input.menuOptions(menu as MenuName, queue).catch(() => undefined);
      if (!found)
        return [
          {
            cause: "ids",
            verdict: "possible",
            detail: `${name}: Get Menu Options (${menu}) could not be read to check the IDs`,
          },
        ];
      options.push(...found);
    }
    const known = new Set(options.map((o) => String(o.value)));
    const missing = ids(sent).filter((id) => !known.has(id));
    const listed = options
      .slice(0, 12)
      .map((o) => `${String(o.value)} = ${o.text}`)
      .join(", ");
    if (missing.length === 0)
      findings.push({
        cause: "ids",
        verdict: "ruled out",
        detail: `${name}: every ID exists on the PBX (${p.menus.join(", ")})`,
      });
    else {
      findings.push({
        cause: "ids",
        verdict: "likely",
        detail:
          `${name}: ${p.menus.join("/")} ${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} ` +
          `not exist on the PBX (it has ${listed || "none"})`,
        next: `use the IDs of \`yeastar-call-reports options ${p.menus[0]}\`, or @NUMBER / @NAME`,
      });
    }
  }
  return findings;
}

function windowFinding(input: DiagnosisInput): Finding {
  const { wire, facts, now } = input;
  const start = wire.start_time === undefined ? undefined : parseDateTime(wire.start_time, facts.format);
  const bucket = wire.time === undefined ? undefined : parseBucket(wire.time, facts.format.date);
  const from =
    start ??
    (bucket
      ? { year: bucket.year, month: bucket.month ?? 1, day: bucket.day ?? 1, hour: 0, minute: 0, second: 0 }
      : undefined);
  if (!from)
    return { cause: "window", verdict: "ruled out", detail: "no start was given: the window runs up to the PBX's now" };
  if (wallClockToUtcMs(from) > wallClockToUtcMs(now)) {
    return {
      cause: "window",
      verdict: "likely",
      detail: "the window starts after the PBX's current time: it holds no calls yet",
      next: "check the dates (PBX time)",
    };
  }
  return { cause: "window", verdict: "ruled out", detail: "the window starts before the PBX's current time" };
}

function versionFinding(input: DiagnosisInput): Finding {
  const { apiVersion, information } = input.facts;
  const firmware = information?.firmware_version;
  const current = apiVersionFor(firmware);
  if (firmware === undefined) {
    return {
      cause: "api-version",
      verdict: "possible",
      detail: `sent to ${apiVersion}; the firmware is unknown (apiVersion was given)`,
    };
  }
  if (apiVersion === "v1.0" && current === "v2.0") {
    return {
      cause: "api-version",
      verdict: "likely",
      detail: `v1.0 on firmware ${firmware}, which keeps data recorded since x.21.0.117 under v2.0`,
      next: "--api-version v2.0 (or auto)",
    };
  }
  if (apiVersion === "v2.0") {
    return {
      cause: "api-version",
      verdict: "possible",
      detail: `v2.0 holds only data recorded since the PBX runs x.21.0.117 or later (firmware ${firmware})`,
      next: "for a period before that upgrade: --api-version v1.0",
    };
  }
  return { cause: "api-version", verdict: "ruled out", detail: `v1.0 is where firmware ${firmware} keeps its data` };
}

/** The causes of an empty report, each likely, possible or ruled out, with what to try next. */
export async function diagnoseEmpty(input: DiagnosisInput): Promise<Finding[]> {
  const format: Finding = input.formatFromPbx
    ? { cause: "time-format", verdict: "ruled out", detail: "times were written in the display format the PBX reports" }
    : {
        cause: "time-format",
        verdict: "possible",
        detail: "times were written in the displayFormat given, not read from the PBX",
        next: "leave the display format on auto",
      };
  const findings = [...(await idFindings(input)), windowFinding(input), versionFinding(input), format];
  const open = findings.some((f) => f.verdict === "likely");
  findings.push({
    cause: "no-calls",
    verdict: open ? "possible" : "likely",
    detail: "the window may simply hold no calls for what was asked",
    next: "widen the window, or check the PBX's own report page for the same period",
  });
  return findings;
}
