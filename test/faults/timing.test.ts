// Defects 9 and 10: the inactivity timeout measures the PBX, not the reader; a dripping PBX meets the
// optional fileDeadline; one retry budget per download (a failing file costs at most maxRetries + 1
// requests); Retry-After is honoured; a certificate error is not retried.

import type net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import tls from "node:tls";
import selfsigned from "selfsigned";
import { afterEach, describe, expect, it } from "vitest";
import { createYeastarClient, type ReportQuery, YeastarConnectionError, YeastarTimeoutError } from "../../src/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { credentials, csv, type Hostile, hostilePbx } from "./hostile.js";

let sim: Simulator | undefined;
let pbx: Hostile | undefined;
afterEach(async () => {
  await sim?.close();
  await pbx?.close();
  sim = pbx = undefined;
});
const q: ReportQuery = { type: "queuesatisfaction", queue_id: 1 };
const files = (log: string[]) => log.filter((l) => l.startsWith("GET /api/download/")).length;

describe("9: inactivity is the PBX's, not the reader's", () => {
  it("a reader that pauses longer than fileTimeout still gets the whole file", async () => {
    sim = await startSimulator({ reportSize: 6 * 1024 * 1024 });
    const client = createYeastarClient({
      baseUrl: sim.baseUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      fileTimeout: 300,
    });
    const reader = (await client.downloadReport(q)).stream().getReader();
    let bytes = (await reader.read()).value!.byteLength;
    await sleep(900);
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    expect(bytes).toBe(6 * 1024 * 1024);
    await client.close();
  });

  it("a PBX dripping a byte every 50 ms never trips the inactivity timeout; fileDeadline ends it", async () => {
    pbx = await hostilePbx({
      "GET /api/download/": async (_req, res) => {
        res.writeHead(200, { "content-type": "text/csv" });
        for (let i = 0; i < 200 && !res.destroyed; i++) {
          res.write("x");
          await sleep(50);
        }
        res.end();
      },
    });
    const client = createYeastarClient({
      baseUrl: pbx.baseUrl,
      ...credentials,
      fileTimeout: 400,
      fileDeadline: 700,
      maxRetries: 0,
    });
    const error = await (await client.downloadReport(q)).text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarTimeoutError);
    expect((error as Error).message).toMatch(/within 700 ms \(fileDeadline\)/);
    await client.close();
  });
});

describe("10: one retry budget, Retry-After, no retry of certificate errors", () => {
  it("a file that answers 503 every time costs maxRetries + 1 requests, for saveTo, text and rows alike", async () => {
    pbx = await hostilePbx({
      "GET /api/download/": (_req, res) => res.writeHead(503, { "content-type": "text/plain" }).end("busy"),
    });
    const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, retryDelay: 1, maxRetries: 2 });
    const report = await client.downloadReport(q);
    for (const read of [
      () => report.text(),
      async () => {
        for await (const _ of report.rows());
      },
    ]) {
      const before = files(pbx.log);
      await expect(read()).rejects.toBeInstanceOf(YeastarConnectionError);
      expect(files(pbx.log) - before).toBe(3);
    }
    await client.close();
  });

  it("Retry-After on 503 is the delay before the next attempt (capped at 30 s)", async () => {
    let calls = 0;
    pbx = await hostilePbx({
      "GET /api/download/": (_req, res) =>
        ++calls === 1
          ? res.writeHead(503, { "retry-after": "1" }).end()
          : res.writeHead(200, { "content-type": "text/csv" }).end(csv),
    });
    const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, retryDelay: 1 });
    const report = await client.downloadReport(q);
    const started = performance.now();
    expect(await report.text()).toBe(csv);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    await client.close();
  });

  it("an untrusted certificate fails once, not maxRetries + 1 times", async () => {
    const cert = await selfsigned.generate([{ name: "commonName", value: "pbx" }], {
      keySize: 2048,
      algorithm: "sha256",
    });
    let connections = 0;
    const server = tls.createServer({ key: cert.private, cert: cert.cert }, (socket) => socket.end());
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = createYeastarClient({
      baseUrl: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
      ...credentials,
      retryDelay: 1,
      maxRetries: 3,
    });
    await expect(client.downloadReport(q)).rejects.toThrow(/TLS certificate is not trusted/);
    expect(connections).toBe(1);
    await new Promise((resolve) => server.close(resolve));
  });
});
