// The main job, step by step: a checked query written for the PBX (its clock), step 1 (sync, or async with
// event 30027), and the Report that fetches step 2.
import type { Context } from "./context.js";
import type { Report } from "./download.js";
import { prepareAsync } from "./events.js";
import { reportOf } from "./file-step.js";
import type { PbxClock } from "./pbx-clock.js";
import { failIfError, prepare, type ReadyReply } from "./prepare.js";
import { toWire, type CheckedQuery } from "./query.js";

export interface FlowOptions {
  async?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export async function downloadChecked(
  ctx: Context,
  clock: PbxClock,
  asyncTurn: <T>(task: () => Promise<T>) => Promise<T>,
  checked: CheckedQuery,
  options: FlowOptions,
): Promise<Report> {
  const { signal } = options;
  const { type } = checked;
  const facts = await clock.facts({ format: checked.needsFormat, zone: checked.needsZone, apiVersion: true });
  const { is_async: asyncParam, ...values } = checked.values;
  const wire = toWire({ ...checked, values }, facts.format, facts.zone);
  const ready = async (s: AbortSignal | undefined): Promise<ReadyReply> => {
    const reply = await prepare(ctx, wire, facts.apiVersion, s);
    failIfError(reply, facts.apiVersion, type);
    return reply;
  };
  if (!(options.async || String(asyncParam) === "1")) return reportOf(ctx, type, await ready(signal), ready);
  const first = await asyncTurn(() =>
    prepareAsync({
      ctx,
      type,
      signal,
      send: () => prepare(ctx, { ...wire, is_async: "1" }, facts.apiVersion, signal),
      failIfError: (reply) => failIfError(reply, facts.apiVersion, type),
    }),
  );
  return reportOf(ctx, type, first, ready);
}
