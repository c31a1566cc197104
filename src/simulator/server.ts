// The PBX simulator: node:http (or https) plus ws on 127.0.0.1, behaving like the documented P-Series PBX.
import http from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { FaultQueue, type Fault, type FaultKind } from "./faults.ts";
import { TokenStore, randomToken, type TokenSettings } from "./tokens.ts";
import { EventHub } from "./events.ts";
import { checkReportQuery } from "./validate.ts";
import { auditReply, operationOf } from "./reply-check.ts";
import { buildReport, filler } from "./reports.ts";
import { menuOptions } from "./data.ts";
import { apiVersionFor } from "../pbx-clock.ts";
import { formatDateTime, checkZone, wallClockAt, isDateFormat, type DateFormat, type DisplayFormat, type Zone } from "../pbx-time.ts";

export interface SimulatorOptions extends Partial<TokenSettings> {
  /** @default 0 (any free port) */
  port?: number;
  /** The date display format. @default "YYYY/MM/DD" */
  dateFormat?: DateFormat;
  /** 12- or 24-hour clock. @default 24 */
  clock?: 12 | 24;
  /** The PBX's time zone, an IANA name. @default "UTC" (ignored when utcOffsetMinutes is set) */
  timeZone?: string;
  /** A fixed UTC offset instead of a zone, in minutes, e.g. 480 for UTC+8. */
  utcOffsetMinutes?: number;
  /** @default "37.23.0.123" (serves report data under v2.0) */
  firmwareVersion?: string;
  /** @default "Yeastar P570" */
  modelName?: string;
  /** The Appliance edition reports a hardware version; the Software and Cloud editions do not. @default "V1.00 0000-0000" */
  hardwareVersion?: string;
  /** Seconds a download_resource_url stays valid. @default 1800 */
  downloadLifetime?: number;
  /** Every report file is padded with filler rows to exactly this many bytes (when larger than its rows). */
  reportSize?: number;
  /** Serve this file (e.g. a real PBX export) as the body of every report, streamed from disk. */
  reportFile?: string;
  /** Milliseconds between an async request and its event 30027. @default 20 */
  asyncDelayMs?: number;
  /** Send event 30027's `msg` as a JSON string instead of an object. @default false */
  eventMsgAsString?: boolean;
  /** A WebSocket with no message for this long is dropped. @default 60000 */
  idleTimeoutMs?: number;
  /** The simulated clock starts here (epoch ms), then runs with real time. @default Date.now() */
  startTime?: number;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query parameters, `access_token` shown as "[redacted]". */
  query: Record<string, string>;
  headers: Record<string, string>;
  at: number;
}

export interface Simulator {
  /** The PBX origin, e.g. http://127.0.0.1:40123. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The settings in force; assign to change behaviour between requests (e.g. `settings.dateFormat`). */
  settings: Required<Omit<SimulatorOptions, "port" | "tls" | "utcOffsetMinutes" | "reportSize" | "reportFile" | "startTime">> &
    Pick<SimulatorOptions, "utcOffsetMinutes" | "reportSize" | "reportFile">;
  /** The simulated clock: token and download expiry, system_time. */
  clock: { now(): number; advance(ms: number): void; set(epochMs: number): void };
  /** Every request received, in order (WebSocket upgrades included). */
  requests: LoggedRequest[];
  /** Queue a fault for the next matching request(s). */
  fault(fault: Fault): void;
  clearFaults(): void;
  /** Access tokens currently valid. */
  validTokens(): number;
  /** Expire every access token now. */
  expireTokens(): void;
  /** Open WebSocket connections. */
  connections(): number;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/** Sends a JSON reply, first checked against the spec's reply schema for the request's operation. */
const json = (res: http.ServerResponse, body: Json, status = 200) => {
  auditReply(operationOf(res.req.method ?? "GET", new URL(res.req.url ?? "/", "http://simulator").pathname), String(status), body);
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
};

const PARAMETER_ERROR = { errcode: 40002, errmsg: "PARAMETER ERROR" };
const TOKEN_EXPIRED = { errcode: 10004, errmsg: "TOKEN EXPIRED" };

/** x.21.0.117 or later: report data lives under v2.0 (the same rule the client's "auto" follows). */
export function servesV2(firmware: string): boolean {
  return apiVersionFor(firmware) === "v2.0";
}

interface StoredFile {
  body: Buffer;
  /** Serve this file from disk instead of body (the reportFile option). */
  path?: string | undefined;
  columns: number;
  size: number;
  expiresAt: number;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  if (options.dateFormat !== undefined && !isDateFormat(options.dateFormat)) throw new RangeError(`dateFormat must be one of YYYY/MM/DD, MM/DD/YYYY, DD/MM/YYYY`);
  if (options.timeZone) checkZone(options.timeZone);
  const settings: Simulator["settings"] = {
    clientId: options.clientId ?? "simulator-client",
    clientSecret: options.clientSecret ?? randomToken(),
    accessTokenLifetime: options.accessTokenLifetime ?? 1800,
    refreshTokenLifetime: options.refreshTokenLifetime ?? 86400,
    maxTokens: options.maxTokens ?? 8,
    maxFailedLogins: options.maxFailedLogins ?? 5,
    blockSeconds: options.blockSeconds ?? 1800,
    refreshRevokesAccessToken: options.refreshRevokesAccessToken ?? true,
    dateFormat: options.dateFormat ?? "YYYY/MM/DD",
    clock: options.clock ?? 24,
    timeZone: options.timeZone ?? "UTC",
    utcOffsetMinutes: options.utcOffsetMinutes,
    firmwareVersion: options.firmwareVersion ?? "37.23.0.123",
    modelName: options.modelName ?? "Yeastar P570",
    hardwareVersion: options.hardwareVersion ?? "V1.00 0000-0000",
    downloadLifetime: options.downloadLifetime ?? 1800,
    reportSize: options.reportSize,
    reportFile: options.reportFile,
    asyncDelayMs: options.asyncDelayMs ?? 20,
    eventMsgAsString: options.eventMsgAsString ?? false,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
  };
  let offset = (options.startTime ?? Date.now()) - Date.now();
  const clock = { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms), set: (t: number) => void (offset = t - Date.now()) };
  const started = clock.now();
  const tokens = new TokenStore(() => settings, clock.now);
  const faults = new FaultQueue();
  const files = new Map<string, StoredFile>();
  const requests: LoggedRequest[] = [];
  const sn = "3631A2SIM0001";
  const zone = (): Zone => (settings.utcOffsetMinutes !== undefined ? { offsetMinutes: settings.utcOffsetMinutes } : { iana: settings.timeZone });
  const format = (): DisplayFormat => ({ date: settings.dateFormat, clock: settings.clock });
  const events = new EventHub({ tokens, idleTimeoutMs: () => settings.idleTimeoutMs });

  function log(req: http.IncomingMessage, url: URL) {
    const query = Object.fromEntries([...url.searchParams].map(([k, v]) => [k, k === "access_token" ? "[redacted]" : v]));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    requests.push({ method: req.method ?? "GET", path: url.pathname, query, headers, at: clock.now() });
  }

  async function readJson(req: http.IncomingMessage): Promise<Json | undefined> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      return parsed && typeof parsed === "object" ? (parsed as Json) : undefined;
    } catch {
      return undefined;
    }
  }

  /** As the vendor documents it ("Query PBX Information"): the facts under `data`, up_time in seconds. */
  function systemInformation(): Json {
    const f = format();
    const now = clock.now();
    const systemTime = formatDateTime(wallClockAt(now, zone()), f);
    const data = {
      device_name: "PBX",
      model_name: settings.modelName,
      sn,
      ...(settings.hardwareVersion ? { hardware_version: settings.hardwareVersion } : {}),
      firmware_version: settings.firmwareVersion,
      system_time: systemTime,
      up_time: Math.floor((now - started) / 1000),
      system_date_format: settings.dateFormat,
      // As the live PBX shows it: "hh:mm:ss" for 24-hour, and the current meridiem for 12-hour.
      system_time_format: f.clock === 24 ? "hh:mm:ss" : `hh:mm:ss ${systemTime.slice(-2)}`,
      timestamp: Math.floor(now / 1000),
    };
    return { errcode: 0, errmsg: "SUCCESS", data };
  }

  /** Builds and registers a report; returns the reply fields (or the check's failure). */
  async function prepareReport(query: Record<string, string>, version: string, path: string): Promise<Json> {
    const check = checkReportQuery(query, format());
    if (!check.ok) {
      if (check.unknownType) return { errcode: -2, errmsg: "INTERNAL SERVER ERROR" };
      return { ...PARAMETER_ERROR, invalid_param_list: check.invalid };
    }
    const empty = version === "v1.0" && servesV2(settings.firmwareVersion);
    const now = wallClockAt(clock.now(), zone());
    const window = check.bucket ? undefined : { from: check.times.start_time ?? { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, to: check.times.end_time ?? now };
    const report = buildReport({ type: check.type, query: check.query, format: format(), now, empty }, window, check.bucket);
    const body = Buffer.from(report.body);
    const stamp = formatDateTime(now, { date: "YYYY/MM/DD", clock: 24 }).replace(/\D/g, "");
    const file = `${report.prefix}-${settings.firmwareVersion}-download-${stamp}-${randomToken(16)}.csv`;
    const expiresAt = clock.now() + settings.downloadLifetime * 1000;
    if (settings.reportFile) {
      const { size } = await stat(settings.reportFile);
      files.set(file, { body: Buffer.alloc(0), path: settings.reportFile, columns: 0, size, expiresAt });
    } else {
      files.set(file, { body, columns: report.header.length, size: Math.max(body.length, settings.reportSize ?? 0), expiresAt });
    }
    const foreign = faults.take(path, ["foreign-download-url"]);
    const url = `/api/download/${encodeURIComponent(file)}`;
    return { errcode: 0, errmsg: "SUCCESS", file, download_resource_url: foreign ? `${foreign.origin ?? "http://foreign.invalid"}${url}` : url };
  }

  async function serveFile(res: http.ServerResponse, name: string, path: string) {
    const stored = files.get(name);
    if (!stored || stored.expiresAt <= clock.now()) {
      if (stored) files.delete(name);
      return json(res, { errcode: 60001, errmsg: "DATA NOT FOUND" }, 404);
    }
    const fault = faults.take(path, ["reset-during-body", "short-body", "stall-during-body"]);
    const slow = faults.take(path, ["slow-body"]);
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-length": stored.size,
      "content-disposition": `attachment; filename="${name}"`,
    });
    const limit = fault ? (fault.afterBytes ?? Math.floor(stored.size / 2)) : Infinity;
    let sent = 0;
    const chunks: AsyncIterable<Buffer> | Iterable<Buffer> = stored.path
      ? createReadStream(stored.path, { highWaterMark: 256 * 1024 })
      : (function* () {
          yield stored.body;
          yield* filler(stored.columns, stored.size - stored.body.length);
        })();
    for await (const chunk of chunks) {
      const part = sent + chunk.length > limit ? chunk.subarray(0, limit - sent) : chunk;
      sent += part.length;
      if (slow) {
        // A slow link: the body trickles in slices of 16 KiB, `ms` apart.
        for (let at = 0; at < part.length; at += 16 * 1024) {
          res.write(part.subarray(at, at + 16 * 1024));
          await sleep(slow.ms ?? 50);
          if (res.destroyed) return;
        }
        continue;
      }
      if (!res.write(part)) await once(res, "drain");
      if (res.destroyed) return;
      if (sent >= limit) break;
    }
    if (fault?.kind === "reset-during-body") return void res.socket?.resetAndDestroy();
    // Nothing more is sent; the connection stays open until the client (or close()) ends it.
    if (fault?.kind === "stall-during-body") return;
    // The socket ends (FIN) once what was written is flushed: the body stops short of its Content-Length.
    if (fault?.kind === "short-body") return void res.socket?.end();
    res.end();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://simulator");
    log(req, url);
    const path = url.pathname;
    const delay = faults.take(path, ["delay"]);
    if (delay) await sleep(delay.ms ?? 1000);
    if (!req.headers["user-agent"]) {
      res.writeHead(403, { "content-type": "text/plain" });
      return res.end("Forbidden: the PBX answers only requests with a User-Agent header\n");
    }
    const broken = faults.take(path, ["http-502", "malformed-json"]);
    if (broken?.kind === "http-502") {
      res.writeHead(502, { "content-type": "text/html" });
      return res.end("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n");
    }
    if (broken?.kind === "malformed-json") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"errcode":0,"errmsg":"SUCC');
    }

    const token = url.searchParams.get("access_token") ?? undefined;
    if (token && faults.take(path, ["token-expired"])) tokens.expire(token);
    const download = /^\/api\/download\/([^/]+)$/.exec(path);
    if (download) {
      if (!tokens.isValid(token)) return json(res, TOKEN_EXPIRED);
      return serveFile(res, decodeURIComponent(download[1]!), path);
    }
    const api = /^\/openapi\/([^/]+)\/(.+)$/.exec(path);
    if (!api) return json(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" }, 404);
    const [, version, endpoint] = api as unknown as [string, string, string];
    if (version !== "v1.0" && version !== "v2.0") return json(res, { errcode: 10003, errmsg: "API VERSION UNSUPPORTED" });
    const isReport = endpoint === "call_report/download";
    if (version === "v2.0" && !isReport) return json(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" });

    const route = `${req.method} ${endpoint}`;
    if (route === "POST get_token" || route === "POST refresh_token") {
      const body = await readJson(req);
      if (!body) return json(res, { errcode: 40001, errmsg: "PARAMETER SYNTAX ERROR" });
      return json(res, endpoint === "get_token" ? tokens.getToken(body) : tokens.refreshToken(body));
    }
    if (!tokens.isValid(token)) return json(res, TOKEN_EXPIRED);
    const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== "access_token"));
    switch (route) {
      case "GET del_token":
        tokens.delToken(token!);
        return json(res, { errcode: 0, errmsg: "SUCCESS" });
      case "GET system/information":
        return json(res, systemInformation());
      case "GET system/get_menuoptions": {
        const options = menuOptions(query.menu ?? "", query.id);
        if (!options) {
          return json(res, { ...PARAMETER_ERROR, invalid_param_list: [{ field: query.menu === "queue_agent" ? "id" : "menu", value: query.menu === "queue_agent" ? (query.id ?? "") : (query.menu ?? "") }] });
        }
        return json(res, { errcode: 0, errmsg: "SUCCESS", data: options.map((o) => ({ text: o.label, value: o.id })) });
      }
      case "GET call_report/download": {
        if (version === "v2.0" && !servesV2(settings.firmwareVersion)) return json(res, { errcode: 10003, errmsg: "API VERSION UNSUPPORTED" });
        if (query.is_async !== "1") return json(res, await prepareReport(query, version, path));
        const { is_async: _, ...syncQuery } = query;
        const check = checkReportQuery(query, format());
        if (!check.ok) return json(res, await prepareReport(query, version, path));
        const outcome = faults.take(path, ["never-ready", "async-failure"]);
        json(res, { errcode: 2, errmsg: "PROCESSING" });
        if (outcome?.kind === "never-ready") return;
        await sleep(settings.asyncDelayMs);
        const reply = await prepareReport(syncQuery, version, path);
        const failed = outcome?.kind === "async-failure" || reply.errcode !== 0;
        events.publish(30027, sn, {
          key: "report_download",
          result: failed ? "failure" : "success",
          file: failed ? "" : reply.file,
          download_resource_url: failed ? "" : reply.download_resource_url,
          error: failed ? (outcome?.error ?? "report generation failed") : "",
          download_id: events.nextId(),
        }, settings.eventMsgAsString);
        return;
      }
    }
    return json(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" });
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, { errcode: -2, errmsg: "INTERNAL SERVER ERROR", detail: String(error) }, 500);
      else res.destroy();
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://simulator");
    log(req, url);
    if (url.pathname !== "/openapi/v1.0/subscribe" || !req.headers["user-agent"]) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      return;
    }
    events.upgrade(req, socket, head, url.searchParams.get("access_token") ?? undefined);
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;

  return {
    baseUrl: origin,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    settings,
    clock,
    requests,
    fault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    validTokens: () => tokens.validCount(),
    expireTokens: () => tokens.expireAll(),
    connections: () => events.size(),
    close: async () => {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type { Fault, FaultKind };
