// Every test that runs a simulator in this process: each JSON reply and event it sent must conform to the
// spec's reply schemas (checked closed: no field the spec does not name). The vendor's examples are checked
// against the same schemas in test/contract, so our simulator cannot drift from what a real PBX sends.
import { afterEach, expect } from "vitest";
import { replyAudit } from "../../src/simulator/reply-check.js";

afterEach(() => {
  const found = replyAudit.violations.splice(0);
  expect(found, "simulator replies that do not conform to the spec's reply schemas").toEqual([]);
});
