// Tokens, async reports, errors, retries, timeouts, aborts and TLS (issue 4, points 1, 6, 7, 8, 9).

import { getEventListeners, once } from "node:events";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import selfsigned from "selfsigned";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createYeastarClient,
  YeastarAbortError,
  YeastarApiError,
  YeastarAuthError,
  YeastarCapError,
  YeastarConnectionError,
  YeastarDownloadError,
  YeastarError,
  YeastarIpBlockedError,
  YeastarParameterError,
  YeastarTimeoutError,
} from "../../src/index.js";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/simulator/index.js";
import { clientFor, received } from "../helpers/client.js";
import { getToken } from "../helpers/raw.js";

let sim: Simulator;
const start = async (options: SimulatorOptions = {}) => (sim = await startSimulator(options));
afterEach(() => sim?.close());
const q = { type: "queueagentinoutcalls", queue_id: 1, start_time: "2024-05-01", end_time: "2024-05-02" } as const;

describe("tokens", () => {
  it("50 concurrent downloads share one get_token; close() revokes it", async () => {
    await start();
    const { pbx } = clientFor(sim);
    const reports = await Promise.all(Array.from({ length: 50 }, () => pbx.downloadReport(q)));
    await Promise.all(reports.map((r) => r.text()));
    expect(received(sim, "get_token")).toHaveLength(1);
    expect(received(sim, "system/information")).toHaveLength(1);
    expect(sim.validTokens()).toBe(1);
    await pbx.close();
    expect(received(sim, "del_token")).toHaveLength(1);
    expect(sim.validTokens()).toBe(0);
    await expect(pbx.downloadReport(q)).rejects.toThrow(/this client is closed/);
  });

  it("a token the PBX expires before the client's minute of use (1 s): its 10004 renews it with refresh_token", async () => {
    // (Renewal before expiry, for lifetimes over the minute: test/faults/token-lifetime.test.ts, on a fake clock.)
    await start({ accessTokenLifetime: 1 });
    const { pbx } = clientFor(sim);
    await pbx.downloadReport(q);
    await new Promise((r) => setTimeout(r, 1100));
    await pbx.downloadReport(q);
    expect(received(sim, "get_token")).toHaveLength(1);
    expect(received(sim, "refresh_token")).toHaveLength(1);
    expect(sim.requests.filter((r) => r.query.access_token && !r.path.includes("subscribe")).length).toBeGreaterThan(0);
  });

  it("on 10004 renews once and retries once; falls back to get_token when the refresh token is gone", async () => {
    await start();
    const { pbx, tokensSent } = clientFor(sim);
    await pbx.downloadReport(q);
    sim.clock.advance(2 * 86_400_000); // every token and refresh token of the PBX expires; the client does not know
    const report = await pbx.downloadReport(q);
    expect(await report.text()).toContain("Agent");
    expect(received(sim, "refresh_token")).toHaveLength(1);
    expect(received(sim, "get_token")).toHaveLength(2);
    expect(tokensSent()).toHaveLength(2);
  });

  it("token-expired on the file download: renewed and fetched again", async () => {
    await start();
    const { pbx } = clientFor(sim);
    const report = await pbx.downloadReport(q);
    sim.fault({ kind: "token-expired", path: "/api/download/" });
    expect(await report.text()).toContain("Agent");
    expect(received(sim, "/api/download/")).toHaveLength(2);
  });

  it("a caller-managed token that expires is an auth error saying what to do", async () => {
    await start();
    const token = (await getToken(sim)).access_token as string;
    const pbx = createYeastarClient({ baseUrl: sim.baseUrl, accessToken: token, retryDelay: 1 });
    await pbx.downloadReport(q);
    sim.expireTokens();
    const error = await pbx.downloadReport(q).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarAuthError);
    expect((error as Error).message).toMatch(/passed as `accessToken` has expired.*pass clientId and clientSecret/);
    await pbx.close();
    expect(received(sim, "del_token")).toHaveLength(0);
  });

  it("wrong credentials: never retried, says what to check", async () => {
    await start();
    const { pbx } = clientFor(sim, { clientSecret: "wrong-secret-value" });
    const error = await pbx.downloadReport(q).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarAuthError);
    expect(error).toMatchObject({
      errcode: -1,
      errmsg: "FAILURE",
      kind: "failure",
      endpoint: "/openapi/v1.0/get_token",
    });
    expect((error as Error).message).toMatch(/Check the client ID and client secret/);
    expect(received(sim, "get_token")).toHaveLength(1);
  });

  it("an IP block (70004) names when it ends and is never retried", async () => {
    await start({ blockSeconds: 900 });
    for (let i = 0; i < 5; i++) await getToken(sim, { username: "x", password: "y" });
    const { pbx } = clientFor(sim);
    const error = (await pbx.downloadReport(q).catch((e: unknown) => e)) as YeastarIpBlockedError;
    expect(error).toBeInstanceOf(YeastarIpBlockedError);
    expect(error.blockExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 850_000);
    expect(error.message).toMatch(/blocked this IP after 5 failed logins.*the block ends 20/);
    expect(received(sim, "get_token")).toHaveLength(6);
  });

  it("the 8-token cap (60002) is explained", async () => {
    await start();
    for (let i = 0; i < 8; i++) await getToken(sim);
    const error = await clientFor(sim)
      .pbx.downloadReport(q)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarCapError);
    expect((error as Error).message).toMatch(/already holds 8 valid access tokens/);
  });

  it("sends a User-Agent on every request: the default names the package, or the user's", async () => {
    await start();
    const { pbx } = clientFor(sim);
    await (await pbx.downloadReport(q, { async: true })).text();
    expect(new Set(sim.requests.map((r) => r.headers["user-agent"]))).toEqual(new Set(["yeastar-call-reports/0.1.0"]));
    const custom = clientFor(sim, { userAgent: "acme-reports/2" }).pbx;
    await custom.downloadReport(q);
    expect(sim.requests.at(-1)!.headers["user-agent"]).toBe("acme-reports/2");
  });
});

describe("async reports", () => {
  it("subscribes to 30027, sends is_async=1, and resolves with the report (msg as object or string)", async () => {
    for (const eventMsgAsString of [false, true]) {
      await start({ eventMsgAsString });
      const { pbx } = clientFor(sim);
      const report = await pbx.downloadReport(q, { async: true });
      expect(received(sim, "call_report")[0]!.query.is_async).toBe("1");
      expect(received(sim, "subscribe")).toHaveLength(1);
      expect(await report.text()).toContain("1001 - Alice Chen");
      await sim.close();
    }
  });

  it("serialises async requests so each takes its own event", async () => {
    await start({ asyncDelayMs: 30 });
    const { pbx } = clientFor(sim);
    const [a, b] = await Promise.all([
      pbx.downloadReport({ ...q, queue_id: 1 }, { async: true }),
      pbx.downloadReport({ ...q, queue_id: 2 }, { async: true }),
    ]);
    expect(await a.text()).toContain("1001 - Alice Chen");
    expect(await b.text()).toContain("1004 - Dmitri Ivanov");
  });

  it("a failure event rejects with the PBX's reason; no event in time rejects with a timeout", async () => {
    await start();
    const { pbx } = clientFor(sim, { asyncTimeout: 200 });
    sim.fault({ kind: "async-failure", error: "disk full" });
    await expect(pbx.downloadReport(q, { async: true })).rejects.toThrow(
      new YeastarDownloadError(
        'the PBX could not prepare the queueagentinoutcalls report (event 30027 result "failure": disk full)',
      ),
    );
    sim.fault({ kind: "never-ready" });
    await expect(pbx.downloadReport(q, { async: true })).rejects.toThrow(YeastarTimeoutError);
    await vi.waitFor(() => expect(sim.connections()).toBe(0));
  });
});

describe("errors, retries, timeouts, aborts", () => {
  it("a PBX parameter error carries errcode, meaning, invalid_param_list and the endpoint, and is not retried", async () => {
    await start({ dateFormat: "DD/MM/YYYY", clock: 12 });
    const { pbx } = clientFor(sim, { displayFormat: { date: "MM/DD/YYYY", clock: 24 }, apiVersion: "v2.0" });
    const error = (await pbx.downloadReport(q).catch((e: unknown) => e)) as YeastarParameterError;
    expect(error).toBeInstanceOf(YeastarParameterError);
    expect(error).toBeInstanceOf(YeastarApiError);
    expect(error).toMatchObject({
      errcode: 40002,
      errmsg: "PARAMETER ERROR",
      kind: "parameter",
      endpoint: "/openapi/v2.0/call_report/download",
    });
    expect(error.invalid_param_list[0]).toMatchObject({
      field: "start_time",
      valid_msg: "start_time format invalid, valid format: 02/01/2006 03:04:05 PM",
    });
    expect(error.message).toMatch(
      /errcode 40002 PARAMETER ERROR — .*Rejected: start_time="05\/01\/2024 00:00:00" \(start_time format invalid, valid format: 02\/01\/2006 03:04:05 PM\)/,
    );
    expect(received(sim, "call_report")).toHaveLength(1);
  });

  it("an unknown errcode surfaces verbatim", async () => {
    const { apiError } = await import("../../src/core/api-errors.js");
    const error = apiError({ errcode: 99999, errmsg: "SOMETHING NEW", endpoint: "/openapi/v2.0/call_report/download" });
    expect(error).toBeInstanceOf(YeastarApiError);
    expect(error).toMatchObject({ errcode: 99999, errmsg: "SOMETHING NEW", kind: "unknown", meaning: undefined });
    expect(error.message).toBe(
      "/openapi/v2.0/call_report/download: errcode 99999 SOMETHING NEW — an errcode this version does not know",
    );
    expect(apiError({ errcode: 70087, errmsg: "IP FORBIDDEN", endpoint: "/openapi/v1.0/get_token" })).toMatchObject({
      name: "YeastarIpBlockedError",
      message: expect.stringMatching(/allowed list/),
    });
  });

  it("retries 502 HTML pages and malformed JSON with backoff, then succeeds", async () => {
    await start();
    const { pbx, logs } = clientFor(sim);
    sim.fault({ kind: "http-502", times: 2, path: "call_report" });
    await pbx.downloadReport(q);
    sim.fault({ kind: "malformed-json", path: "call_report" });
    await pbx.downloadReport(q);
    expect(received(sim, "call_report")).toHaveLength(5);
    expect(logs.filter((l) => /retry \d of 2/.test(l))).toHaveLength(3);
  });

  it("gives up after maxRetries with the HTTP status and what answered", async () => {
    await start();
    const { pbx } = clientFor(sim, { maxRetries: 1 });
    sim.fault({ kind: "http-502", times: 5, path: "call_report" });
    const error = await pbx.downloadReport(q).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarConnectionError);
    expect(error).toMatchObject({ status: 502, message: expect.stringMatching(/HTTP 502 with an HTML page/) });
    expect(received(sim, "call_report")).toHaveLength(2);
  });

  it("times out a slow JSON call per attempt and retries it", async () => {
    await start();
    const { pbx } = clientFor(sim, {
      timeout: 400,
      apiVersion: "v2.0",
      displayFormat: { date: "YYYY/MM/DD", clock: 24 },
    });
    sim.fault({ kind: "delay", ms: 1200, path: "call_report" });
    await pbx.downloadReport(q);
    sim.fault({ kind: "delay", ms: 1200, path: "call_report", times: 3 });
    const error = await pbx.downloadReport(q).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarTimeoutError);
    expect((error as Error).message).toMatch(/no answer within 400 ms \(timeout\)/);
  });

  it("the file timeout is one of inactivity", async () => {
    await start({ reportSize: 2_000_000 });
    // Generous against a loaded CI machine: the file must still arrive without a 1.5 s gap.
    const { pbx } = clientFor(sim, { fileTimeout: 1500, maxRetries: 0 });
    const report = await pbx.downloadReport(q);
    expect(Buffer.byteLength(await report.text())).toBe(2_000_000);
    sim.fault({ kind: "delay", ms: 5000, path: "/api/download/" });
    await expect(report.text()).rejects.toThrow(/no answer within 1500 ms \(fileTimeout\)/);
  });

  it("the file timeout is one of inactivity: a slow file that takes far longer in all still arrives", async () => {
    await start({ reportSize: 320 * 1024 });
    const { pbx } = clientFor(sim, { fileTimeout: 600, maxRetries: 0 });
    const report = await pbx.downloadReport(q);
    sim.fault({ kind: "slow-body", ms: 60 }); // 20 slices, 60 ms apart: about 1.2 s in all
    const t0 = performance.now();
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-"));
    const saved = await report.saveTo(dir);
    expect(performance.now() - t0).toBeGreaterThan(1000);
    expect((await readFile(saved)).length).toBe(320 * 1024);
  });

  it("a body that stalls midway ends with the file timeout, and an abort ends a streaming body at once", async () => {
    await start({ reportSize: 1_000_000 });
    const { pbx } = clientFor(sim, { fileTimeout: 300, maxRetries: 0 });
    const report = await pbx.downloadReport(q);
    sim.fault({ kind: "stall-during-body", afterBytes: 200_000 });
    const t0 = performance.now();
    await expect(report.text()).rejects.toThrow(/no answer within 300 ms \(fileTimeout\)/);
    expect(performance.now() - t0).toBeLessThan(5000);
    sim.fault({ kind: "stall-during-body", afterBytes: 200_000 });
    const controller = new AbortController();
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-"));
    const saving = report.saveTo(dir, { signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 100);
    expect(await saving).toBeInstanceOf(YeastarAbortError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("an AbortSignal stops everything at once, without retries", async () => {
    await start();
    const { pbx } = clientFor(sim, { maxRetries: 5 });
    await pbx.downloadReport(q); // token and PBX facts first, so that the abort lands on the held request
    sim.fault({ kind: "delay", ms: 3000, path: "call_report" });
    const controller = new AbortController();
    const pending = pbx.downloadReport(q, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(received(sim, "call_report")).toHaveLength(2));
    const t0 = performance.now();
    controller.abort(new Error("user cancelled"));
    const error = await pending;
    expect(error).toBeInstanceOf(YeastarAbortError);
    expect((error as Error).cause).toEqual(new Error("user cancelled"));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(received(sim, "call_report")).toHaveLength(2); // not retried
  });

  it("the client's own signal aborts its calls; per-call links leave no listener behind", async () => {
    await start();
    const clientSignal = new AbortController();
    const { pbx } = clientFor(sim, { signal: clientSignal.signal });
    for (let i = 0; i < 20; i++) await (await pbx.downloadReport(q, { signal: new AbortController().signal })).text();
    expect(getEventListeners(clientSignal.signal, "abort")).toHaveLength(0);
    sim.fault({ kind: "delay", ms: 2000, path: "call_report" });
    setTimeout(() => clientSignal.abort(), 50);
    await expect(pbx.downloadReport(q)).rejects.toBeInstanceOf(YeastarAbortError);
  });

  it("cannot reach the PBX: a connection error with the cause", async () => {
    const closed = http.createServer().listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    closed.close();
    const pbx = createYeastarClient({
      baseUrl: `http://127.0.0.1:${port}`,
      clientId: "a",
      clientSecret: "b",
      retryDelay: 1,
      maxRetries: 1,
    });
    const error = await pbx.downloadReport(q).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarConnectionError);
    expect((error as Error).message).toBe("POST /openapi/v1.0/get_token: connection failed (ECONNREFUSED)");
    expect((error as Error).cause).toBeDefined();
  });

  it("refuses bad options with a message that says what is valid", () => {
    expect(() =>
      createYeastarClient({ baseUrl: "https://pbx:8088/openapi/v1.0", clientId: "a", clientSecret: "b" }),
    ).toThrow(/origin without a path/);
    expect(() => createYeastarClient({ baseUrl: "https://pbx:8088", clientId: "a" })).toThrow(/go together/);
    expect(() =>
      createYeastarClient({ baseUrl: "https://pbx:8088", clientId: "a", clientSecret: "b", timeZone: "Mars/Base" }),
    ).toThrow(/unknown time zone/);
    expect(() =>
      createYeastarClient({
        baseUrl: "https://pbx:8088",
        clientId: "a",
        clientSecret: "b",
        displayFormat: { date: "YYYY-MM-DD" as never, clock: 24 },
      }),
    ).toThrow(/displayFormat must be/);
  });
});

describe("secrets never leak", () => {
  it("no error, log line, thrown property or returned object holds the access token, refresh token or client secret", async () => {
    const clientSecret = "S3cr3t-client-secret-0123456789";
    await start({ clientSecret });
    const { pbx, logs, sent } = clientFor(sim, { clientSecret, maxRetries: 1 });
    const produced: unknown[] = [];
    const keep = async (p: Promise<unknown>) => produced.push(await p.catch((e: unknown) => e));
    const report = await pbx.downloadReport(q);
    produced.push(report, JSON.stringify(report), String(report), inspect(report, { depth: 10, showHidden: true }));
    await keep(report.text());
    sim.fault({ kind: "token-expired" }); // the next call's 10004 forces a refresh_token exchange
    await keep(pbx.downloadReport({ type: "nosuch" } as never));
    await keep(pbx.downloadReport({ ...q, start_time: "31/12/2024 00:00:00" }));
    sim.fault({ kind: "http-502", times: 5 });
    await keep(pbx.downloadReport(q));
    sim.fault({ kind: "foreign-download-url" });
    await keep(pbx.downloadReport(q).then((r) => r.text()));
    sim.fault({ kind: "reset-during-body", times: 5, afterBytes: 10 });
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-"));
    await keep(pbx.downloadReport(q).then((r) => r.saveTo(path.join(dir, "x.csv"))));
    await keep(pbx.downloadReport(q, { async: true }).then((r) => r.text()));
    await keep(pbx.pbxInfo());
    const wrong = clientFor(sim, { clientSecret: `wrong-${clientSecret}` }).pbx;
    await keep(wrong.downloadReport(q));
    produced.push(pbx, inspect(pbx, { depth: 10, showHidden: true }));
    await pbx.close();

    const refreshes = received(sim, "refresh_token").length;
    expect(refreshes).toBeGreaterThan(0);
    const accessTokens = [
      ...new Set(sent.map((u) => new URL(u).searchParams.get("access_token")).filter((t): t is string => !!t)),
    ];
    expect(accessTokens.length).toBeGreaterThanOrEqual(2);
    const everything = [
      ...logs,
      ...produced.flatMap((p) =>
        p instanceof Error
          ? [p.message, p.stack, String(p), JSON.stringify(p), inspect(p, { depth: 10, showHidden: true })]
          : [typeof p === "string" ? p : inspect(p, { depth: 10 })],
      ),
    ].join("\n");
    expect(produced.filter((p) => p instanceof YeastarError).length).toBeGreaterThanOrEqual(6);
    for (const secret of [clientSecret, ...accessTokens]) expect(everything).not.toContain(secret);
    // The refresh tokens are never sent in a URL; the bodies of the token calls are the only place they go.
    expect(everything).not.toMatch(/refresh_token=(?!\[redacted\])/);
  });
});

describe("TLS", () => {
  it("trusts a self-signed PBX given its certificate as ca, still checks the host, and explains when no ca is given", async () => {
    const pems = await selfsigned.generate([{ name: "commonName", value: "pbx.test" }], {
      keySize: 2048,
      algorithm: "sha256",
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    await start({ tls: { key: pems.private, cert: pems.cert } });
    expect(sim.baseUrl.startsWith("https://127.0.0.1:")).toBe(true);
    const base = { baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, retryDelay: 1 };
    const trusted = createYeastarClient({ ...base, ca: pems.cert });
    expect(await (await trusted.downloadReport(q)).text()).toContain("Agent");
    expect(await (await trusted.downloadReport(q, { async: true })).text()).toContain("Agent");
    await trusted.close();

    const untrusted = createYeastarClient(base);
    const error = await untrusted.downloadReport(q).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarConnectionError);
    expect((error as Error).message).toMatch(
      /TLS certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\).*pass it \(PEM\) as the `ca` option/,
    );
    // Only the trusted client's get_token arrived: the untrusted one failed in the TLS handshake.
    expect(received(sim, "get_token")).toHaveLength(1);

    const other = await selfsigned.generate([{ name: "commonName", value: "other.test" }], {
      keySize: 2048,
      algorithm: "sha256",
      extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "other.test" }] }],
    });
    const wrongHost = await startSimulator({ tls: { key: other.private, cert: other.cert } });
    try {
      const pinned = createYeastarClient({
        baseUrl: wrongHost.baseUrl,
        clientId: wrongHost.clientId,
        clientSecret: wrongHost.clientSecret,
        ca: other.cert,
        maxRetries: 0,
      });
      await expect(pinned.downloadReport(q)).rejects.toThrow(/ERR_TLS_CERT_ALTNAME_INVALID/);
    } finally {
      await wrongHost.close();
    }
  });
});
