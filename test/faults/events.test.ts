// Defects 1 and 14: what arrives over the event WebSocket. Nothing a PBX sends may throw out of a handler
// (an uncaught exception would crash the host process, and fail this run); another client's event is not ours.
import { afterEach, expect, it } from "vitest";
import { createYeastarClient, type ReportQuery, YeastarTimeoutError } from "../../src/index.js";
import { vendor } from "../contract/vendor-examples.js";
import { credentials, type Handler, type Hostile, hostilePbx, json } from "./hostile.js";

let pbx: Hostile;
afterEach(() => pbx?.close());
const agents: ReportQuery = { type: "queueagentperformance", queue_id: 1, need_detail: 1 };
const processing: Record<string, Handler> = {
  "GET /openapi/v1.0/call_report/download": (_req, res) => json(res, vendor.callReportProcessing.body),
};
const event = (file: string) =>
  JSON.stringify({
    type: 30027,
    msg: { ...vendor.event30027.body.msg, file, download_resource_url: `/api/download/${file}` },
  });

it("1: frames that are not JSON, a msg string that is not JSON, a null msg, binary junk: ignored, the wait goes on", async () => {
  pbx = await hostilePbx(processing, (socket) => {
    setTimeout(() => {
      for (const junk of [
        "not json",
        '{"type":30027,"msg":"not json"}',
        '{"type":30027,"msg":"{broken',
        '{"type":30027,"msg":null}',
        "[1,2",
        '{"type":"30027"}',
      ])
        socket.send(junk);
      socket.send(Buffer.from([0xff, 0x00, 0x7b]));
      socket.send('{"errcode":"x"}');
      socket.send(JSON.stringify(vendor.event30027.body));
    }, 20);
  });
  const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials });
  const report = await client.downloadReport(agents, { async: true });
  expect(report.file).toBe("Sep-Agent-Performance_detail.csv");
  await client.close();
});

it("1: only junk: the wait ends with a YeastarTimeoutError, not a crash", async () => {
  pbx = await hostilePbx(processing, (socket) => setTimeout(() => socket.send('{"type":30027,"msg":"%%%"}'), 10));
  const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, asyncTimeout: 300 });
  await expect(client.downloadReport(agents, { async: true })).rejects.toBeInstanceOf(YeastarTimeoutError);
  await client.close();
});

it("14: an event whose file shows another report type is another client's: skipped, the next one is ours", async () => {
  pbx = await hostilePbx(processing, (socket) =>
    setTimeout(() => {
      socket.send(event("ExtensionCallStatistics-37.23.0.123-download-20240501.csv"));
      socket.send(event("Queue-Performance-Activity.csv"));
      socket.send(JSON.stringify(vendor.event30027.body));
    }, 20),
  );
  const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials });
  const report = await client.downloadReport(agents, { async: true });
  expect(report.file).toBe("Sep-Agent-Performance_detail.csv");
  await client.close();
});

it("1: a body ended early (a reader that breaks out of rows(), a file answer refused) throws nothing into the process", async () => {
  const { startSimulator } = await import("../../src/simulator/index.js");
  const sim = await startSimulator({ reportSize: 4 * 1024 * 1024 });
  const client = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
  const report = await client.downloadReport(agents);
  for await (const _row of report.rows()) break;
  const reader = report.stream().getReader();
  await reader.read();
  await reader.cancel();
  // An 'error' without a listener would surface here as an uncaught exception, failing the run.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await client.close();
  await sim.close();
});

it("issue 21, row 15: a WebSocket message over 1 MiB ends the wait at once with words, not 100 MiB of memory", async () => {
  pbx = await hostilePbx(processing, (socket) => setTimeout(() => socket.send("x".repeat(2 << 20)), 20));
  const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, asyncTimeout: 5000, maxRetries: 0 });
  const t0 = performance.now();
  const error = await client.downloadReport(agents, { async: true }).catch((e: unknown) => e);
  expect((error as Error).message).toMatch(/the PBX sent a message over 1024 KiB .*WS_ERR_UNSUPPORTED_MESSAGE_LENGTH/);
  expect(performance.now() - t0).toBeLessThan(4000);
  await client.close();
});
