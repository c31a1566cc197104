// yeastar-call-reports/simulator: a PBX stand-in on 127.0.0.1 for tests and demos.
export { startSimulator, servesV2, type Simulator, type SimulatorOptions, type LoggedRequest } from "./server.ts";
export type { Fault, FaultKind } from "./faults.ts";
export { pbxData } from "./data.ts";
export { layouts as reportLayouts } from "./reports.ts";
export { exampleQuery } from "./examples.ts";
export { replyAudit, replyProblems } from "./reply-check.ts";
