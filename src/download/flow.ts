// The main job, step by step: a checked query written for the PBX (its clock), step 1 (sync, or async with
// event 30027), and the Report that fetches step 2.
import type { CallReportDownloadReply } from "../../generated/openapi.js";
import type { CheckedQuery } from "../query/check.js";
import type { Context } from "../query/context.js";
import type { PbxClock } from "../query/pbx-clock.js";
import { wiredQuery } from "../query/wire.js";
import type { Report } from "./report.js";
import { failIfError, prepare, type ReadyReply } from "./step1-prepare.js";
import { reportOf } from "./step2-file.js";

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
  const { wire, apiVersion, asyncParam } = await wiredQuery(clock, checked);
  return stepOne({
    ctx,
    type,
    asyncTurn,
    async: options.async === true || String(asyncParam) === "1",
    signal,
    send: (isAsync, s) => prepare(ctx, isAsync ? { ...wire, is_async: "1" } : wire, apiVersion, s),
    check: (reply) => failIfError(reply, apiVersion, type),
  });
}

/** Step 1 of any report download (a call report, a scheduled one): what sends it, and what checks its reply. */
export interface StepOne {
  ctx: Context;
  type: string;
  asyncTurn: <T>(task: () => Promise<T>) => Promise<T>;
  async: boolean;
  signal: AbortSignal | undefined;
  send(isAsync: boolean, signal: AbortSignal | undefined): Promise<CallReportDownloadReply>;
  check(reply: CallReportDownloadReply): asserts reply is ReadyReply;
}

/**
 * The async flow, loaded (with ws) on first use and once: a client that never asks for an async report never loads
 * it, and one that does pays the import once (under a module loader every import() goes through its hooks).
 */
let asyncFlow: Promise<typeof import("./step1-async.js")> | undefined;
const loadAsyncFlow = () => {
  asyncFlow ??= import("./step1-async.js");
  return asyncFlow;
};

/** Step 1, sync or async (one async request per PBX at a time), then the Report that fetches step 2. */
export async function stepOne(step: StepOne): Promise<Report> {
  const { ctx, type, signal } = step;
  const ready = async (s: AbortSignal | undefined): Promise<ReadyReply> => {
    const reply = await step.send(false, s);
    step.check(reply);
    return reply;
  };
  if (!step.async) return reportOf(ctx, type, await ready(signal), ready);
  const { prepareAsync } = await loadAsyncFlow();
  const first = await step.asyncTurn(() =>
    prepareAsync({ ctx, type, signal, send: () => step.send(true, signal), failIfError: step.check }),
  );
  return reportOf(ctx, type, first, ready);
}

/** Runs tasks one after another: the PROCESSING reply carries no id, so one async request per PBX at a time. */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  };
}
