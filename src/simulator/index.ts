// yeastar-call-reports/simulator: a PBX stand-in on 127.0.0.1 for tests and demos.
export { startSimulator, servesV2, type Simulator, type SimulatorOptions, type LoggedRequest } from "./server.js";
export type { Fault, FaultKind } from "./faults.js";
export { pbxData } from "./data.js";
export { layouts as reportLayouts } from "./layouts.js";
export { exampleQuery } from "./examples.js";
export { replyAudit, replyProblems } from "./reply-check.js";
