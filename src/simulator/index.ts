// yeastar-call-reports/simulator: a PBX stand-in on 127.0.0.1 for tests and demos.

export { pbxData } from "./data.js";
export { exampleQuery } from "./examples.js";
export type { Fault, FaultKind } from "./faults.js";
export { layouts as reportLayouts } from "./layouts.js";
export { replyAudit, replyProblems } from "./reply-check.js";
export { type LoggedRequest, type Simulator, type SimulatorOptions, servesV2, startSimulator } from "./server.js";
