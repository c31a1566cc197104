// The PBX simulator: node:http (or https) plus ws on 127.0.0.1, behaving like the documented P-Series PBX.
// This file is the wiring: the request log, the faults every request can meet, and the routing to the
// endpoint groups (tokens here; system.ts; call-reports.ts; events.ts for the WebSocket).

import { once } from "node:events";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { checkZone, type DisplayFormat, isDateFormat, type Zone } from "../model/pbx-time.js";
import { CallReports, servesV2 } from "./call-reports.js";
import { EventHub } from "./events.js";
import { type Fault, type FaultKind, FaultQueue } from "./faults.js";
import { badTarget, json, type Pbx, readJson, TOKEN_EXPIRED, tooLarge, urlOf } from "./http.js";
import { type SimulatorOptions, type SimulatorSettings, settingsOf } from "./settings.js";
import { getMenuOptions, listPauseReasons, systemInformation } from "./system.js";
import { randomToken, TokenStore } from "./tokens.js";

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
  settings: SimulatorSettings;
  /** The simulated clock: token and download expiry, system_time. */
  clock: Pbx["clock"];
  /** The requests received, in order (WebSocket upgrades included): the latest `settings.requestLog`. */
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

function pbxOf(options: SimulatorOptions): Pbx {
  const settings = settingsOf(options, randomToken());
  let offset = (options.startTime ?? Date.now()) - Date.now();
  const clock = {
    now: () => Date.now() + offset,
    advance: (ms: number) => {
      offset += ms;
    },
    set: (t: number) => {
      offset = t - Date.now();
    },
  };
  const tokens = new TokenStore(() => settings, clock.now);
  return {
    settings,
    clock,
    started: clock.now(),
    sn: "3631A2SIM0001",
    tokens,
    faults: new FaultQueue(),
    events: new EventHub({ tokens, idleTimeoutMs: () => settings.idleTimeoutMs }),
    format: (): DisplayFormat => ({ date: settings.dateFormat, clock: settings.clock }),
    zone: (): Zone =>
      settings.utcOffsetMinutes !== undefined
        ? { offsetMinutes: settings.utcOffsetMinutes }
        : { iana: settings.timeZone },
  };
}

/** The broken answers any request can meet instead of its endpoint's; true when one was sent. */
function brokenAnswer(pbx: Pbx, res: http.ServerResponse, path: string): boolean {
  const broken = pbx.faults.take(path, ["http-502", "malformed-json"]);
  if (broken?.kind === "http-502") {
    res.writeHead(502, { "content-type": "text/html" });
    res.end(
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad " +
        "Gateway</h1></center><hr><center>nginx</center></body></html>\n",
    );
    return true;
  }
  if (broken?.kind === "malformed-json") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"errcode":0,"errmsg":"SUCC');
    return true;
  }
  return false;
}

/** Answers one HTTP request: the faults first, then the file download, the token calls and the API. */
async function route(
  pbx: Pbx,
  reports: CallReports,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<void> {
  const { tokens, faults } = pbx;
  const path = url.pathname;
  if (pbx.settings.latencyMs > 0) await sleep(pbx.settings.latencyMs);
  const delay = faults.take(path, ["delay"]);
  if (delay) await sleep(delay.ms ?? 1000);
  if (!req.headers["user-agent"]) {
    res.writeHead(403, { "content-type": "text/plain" });
    return void res.end("Forbidden: the PBX answers only requests with a User-Agent header\n");
  }
  if (brokenAnswer(pbx, res, path)) return;

  const token = url.searchParams.get("access_token") ?? undefined;
  if (token && faults.take(path, ["token-expired"])) tokens.expire(token);
  const download = /^\/api\/download\/([^/]+)$/.exec(path);
  if (download) {
    if (!tokens.isValid(token)) return json(res, TOKEN_EXPIRED);
    return reports.serveFile(res, decodeURIComponent(download[1]!), path);
  }
  const api = /^\/openapi\/([^/]+)\/(.+)$/.exec(path);
  if (!api) return json(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" }, 404);
  const version = api[1]!;
  const endpoint = api[2]!;
  if (version !== "v1.0" && version !== "v2.0") return json(res, { errcode: 10003, errmsg: "API VERSION UNSUPPORTED" });
  const reportCall = endpoint.startsWith("call_report/") || endpoint.startsWith("call_schedule_report/");
  if (version === "v2.0" && !reportCall) return json(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" });

  const call = `${req.method} ${endpoint}`;
  if (call === "POST get_token" || call === "POST refresh_token") {
    const body = await readJson(req);
    if (body === "too-large") return tooLarge(res);
    if (!body) return json(res, { errcode: 40001, errmsg: "PARAMETER SYNTAX ERROR" });
    return json(res, endpoint === "get_token" ? tokens.getToken(body) : tokens.refreshToken(body));
  }
  if (!tokens.isValid(token)) return json(res, TOKEN_EXPIRED);
  const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== "access_token"));
  switch (call) {
    case "GET del_token":
      tokens.delToken(token!);
      return json(res, { errcode: 0, errmsg: "SUCCESS" });
    case "GET system/information":
      return systemInformation(pbx, res);
    case "GET system/get_menuoptions":
      return getMenuOptions(res, query);
    case "GET queue_pause_reason/list":
      return listPauseReasons(res, query);
    case "GET call_report/download":
      return reports.download(res, query, version, path);
    case "GET call_report/list":
      return reports.statistics(res, query, version);
    case "GET call_schedule_report/list":
      return reports.scheduledList(res, query);
    case "GET call_schedule_report/download":
      return reports.scheduledDownload(res, query, version, path);
  }
  return json(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" });
}

/** A request as the log holds it: the access token redacted, repeated headers joined. */
function loggedOf(req: http.IncomingMessage, url: URL, at: number): LoggedRequest {
  const query = Object.fromEntries([...url.searchParams].map(([k, v]) => [k, k === "access_token" ? "[redacted]" : v]));
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
  );
  return { method: req.method ?? "GET", path: url.pathname, query, headers, at };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  if (options.dateFormat !== undefined && !isDateFormat(options.dateFormat))
    throw new RangeError(`dateFormat must be one of YYYY/MM/DD, MM/DD/YYYY, DD/MM/YYYY`);
  if (options.timeZone) checkZone(options.timeZone);
  const pbx = pbxOf(options);
  const { settings, tokens, faults, events } = pbx;
  const reports = new CallReports(pbx);
  const requests: LoggedRequest[] = [];

  /** Logs a request; only the latest settings.requestLog are kept. */
  function log(req: http.IncomingMessage, url: URL) {
    const keep = Math.max(0, Math.floor(settings.requestLog)) || 0;
    if (keep > 0) requests.push(loggedOf(req, url, pbx.clock.now()));
    if (requests.length > keep) requests.splice(0, requests.length - keep);
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = urlOf(req);
    if (!url) return badTarget(res);
    log(req, url);
    route(pbx, reports, req, res, url).catch((error: unknown) => {
      if (!res.headersSent) json(res, { errcode: -2, errmsg: "INTERNAL SERVER ERROR", detail: String(error) }, 500);
      else res.destroy();
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener);
  server.on("upgrade", (req, socket, head) => {
    const url = urlOf(req);
    if (!url) return void socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
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

  return {
    baseUrl: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    settings,
    clock: pbx.clock,
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

export type { Fault, FaultKind, SimulatorOptions, SimulatorSettings };
export { servesV2 };
