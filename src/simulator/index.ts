/**
 * yeastar-call-reports/simulator: a PBX stand-in on 127.0.0.1 for tests and demos (`startSimulator`).
 * @module yeastar-call-reports/simulator
 */

export { type Entity, type PbxData, pbxData } from "./data.js";
export type { DetailLayout } from "./details.js";
export { exampleQuery } from "./examples.js";
export type { Fault, FaultKind } from "./faults.js";
export { type EntityKind, type Layout, layouts as reportLayouts, type Metric, type MetricKind } from "./layouts.js";
export { replyAudit, replyProblems } from "./reply-check.js";
export { type LoggedRequest, type Simulator, type SimulatorOptions, servesV2, startSimulator } from "./server.js";
export type { OptionalSetting, SimulatorSettings } from "./settings.js";
