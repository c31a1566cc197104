// What the command line adds to a query before it is sent: IDs given as @NUMBER or @NAME, resolved through
// Get Menu Options with the menus the spec names for each parameter (x-menu), and a --period on the PBX's
// calendar. A draft with placeholders is checked first, before anything is sent.
import type { MenuName, UncheckedQuery, YeastarClient } from "../index.js";
import { type Period, periods, YeastarOptionError } from "../index.js";
import { isPeriod, pick, reportSpecOf } from "../internal.js";

const itemsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : String(value).split(",")).map((v) => String(v).trim()).filter(Boolean);

/** The ID parameters of a query whose value names items by @NUMBER or @NAME. */
function named(query: UncheckedQuery): [string, readonly string[]][] {
  const spec = reportSpecOf(query.type);
  const found: [string, readonly string[]][] = [];
  for (const [name, p] of Object.entries(spec?.parameters ?? {})) {
    if (p.menus && query[name] !== undefined && itemsOf(query[name]).some((i) => i.startsWith("@")))
      found.push([name, p.menus]);
  }
  // queue_agent lists the agents of queue_id: the queue first.
  return found.sort(([a]) => (a === "queue_id" ? -1 : 1));
}

/** Checks --period against the type's time parameters. */
export function checkPeriod(query: UncheckedQuery, period: string | undefined): Period | undefined {
  if (period === undefined) return undefined;
  if (!isPeriod(period)) throw new YeastarOptionError(`--period must be one of ${periods.join(", ")}; not ${period}`);
  const clash = ["start_time", "end_time", "time"].filter((n) => query[n] !== undefined);
  if (clash.length > 0)
    throw new YeastarOptionError(
      `--period sets the times itself: give no ${clash.map((n) => `--${n.replace("_", "-")}`).join(" or ")} with it`,
    );
  return period;
}

/** The query with placeholders for what is resolved later (@ items, the period), to check it before sending. */
export function draftOf(query: UncheckedQuery, period: Period | undefined): UncheckedQuery {
  const draft: UncheckedQuery = { ...query };
  for (const [name] of named(query))
    draft[name] = itemsOf(query[name])
      .map((i) => (i.startsWith("@") ? "0" : i))
      .join(",");
  if (period)
    Object.assign(
      draft,
      reportSpecOf(query.type)?.timeKind === "bucket" ? { time: "2024" } : { start_time: "2024-01-01" },
    );
  return draft;
}

/** `--reason @Lunch`: the PBX's pause reason that the name (or its feature code) stands for. */
async function pauseReason(pbx: YeastarClient, item: string): Promise<string> {
  const reasons = await pbx.pauseReasons();
  const options = reasons.map((r) => ({ text: `${r.code ?? ""} ${r.reason ?? ""}`.trim(), value: r.reason ?? "" }));
  return String(pick(options, item, "pause reason", "--reason").value);
}

/** The query as it is sent: @ items resolved, the period's times filled in. */
export async function resolved(
  pbx: YeastarClient,
  query: UncheckedQuery,
  period: Period | undefined,
): Promise<UncheckedQuery> {
  const out: UncheckedQuery = { ...query };
  for (const [name, menus] of named(query)) {
    const items = itemsOf(query[name]);
    const queueId = out.queue_id === undefined ? undefined : String(out.queue_id);
    const parameter = `--${name.replaceAll("_", "-")}`;
    const wanted = items.filter((i) => i.startsWith("@")).map((i) => i.slice(1));
    const byName = await pbx.resolveIds(menus as MenuName[], wanted, { parameter, ...(queueId ? { queueId } : {}) });
    let k = 0;
    out[name] = items.map((i) => (i.startsWith("@") ? byName[k++]! : i)).join(",");
  }
  if (typeof out.reason === "string" && out.reason.startsWith("@"))
    out.reason = await pauseReason(pbx, out.reason.slice(1));
  if (period) Object.assign(out, await pbx.period(period, query.type));
  return out;
}
