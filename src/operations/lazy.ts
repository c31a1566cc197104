// The methods whose code loads on first use: scheduled reports, statistics, pause reasons, the operator's helpers
// and the diagnosis of an empty report. A client that only downloads reports never loads them (`npm run bench`,
// the bundle of createYeastarClient + downloadReport).
import type { Context } from "../query/context.js";
import type { PbxClock } from "../query/pbx-clock.js";
import type { OperatorDeps } from "./operator.js";

type Family = ReturnType<typeof import("./scheduled.js").familyMethods>;
type Operator = ReturnType<typeof import("./operator.js").operatorMethods>;

/** The methods above, each loading its module (once) when first called. */
export function lazyMethods(
  ctx: Context,
  clock: PbxClock,
  asyncTurn: <T>(task: () => Promise<T>) => Promise<T>,
  operatorDeps: OperatorDeps,
): Family & Operator {
  let family: Promise<Family> | undefined;
  let operator: Promise<Operator> | undefined;
  const familyOf = () => {
    family ??= import("./scheduled.js").then((m) => m.familyMethods(ctx, clock, asyncTurn));
    return family;
  };
  const operatorOf = () => {
    operator ??= import("./operator.js").then((m) => m.operatorMethods(operatorDeps));
    return operator;
  };
  return {
    pauseReasons: async () => (await familyOf()).pauseReasons(),
    reportStatistics: async (query, options) => (await familyOf()).reportStatistics(query, options),
    scheduledReports: async function* (options) {
      yield* (await familyOf()).scheduledReports(options);
    },
    downloadScheduledReport: async (id, options) => (await familyOf()).downloadScheduledReport(id, options),
    resolveIds: async (menus, items, options) => (await operatorOf()).resolveIds(menus, items, options),
    period: async (name, type) => (await operatorOf()).period(name, type),
    reportRequest: async (query, options) => (await operatorOf()).reportRequest(query, options),
    diagnoseEmpty: async (query, options) => (await operatorOf()).diagnoseEmpty(query, options),
  };
}
