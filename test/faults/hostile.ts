// A PBX, or something posing as one, that answers whatever a test tells it to: a plain HTTP and WebSocket
// server on 127.0.0.1 with the vendor's example replies by default, every route overridable, every request
// logged. Not the simulator: hostile answers are the point here.

import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { vendor } from "../contract/vendor-examples.js";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => unknown;

export interface Hostile {
  baseUrl: string;
  /** Every request: "METHOD /path" (WebSocket upgrades as "WS /path"). */
  log: string[];
  /** Sends a text (or binary) frame to every subscribed WebSocket. */
  send(frame: string | Buffer): void;
  close(): Promise<void>;
}

export const json = (res: http.ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

export const csv = "Queue,Total Surveys\r\n6400 - Sales,3\r\n";

const defaults: Record<string, Handler> = {
  "POST /openapi/v1.0/get_token": (_req, res) => json(res, vendor.getToken.body),
  "GET /openapi/v1.0/system/information": (_req, res) => json(res, vendor.systemInformationAppliance.body),
  "GET /openapi/v1.0/del_token": (_req, res) => json(res, vendor.delToken.body),
  "GET /openapi/v1.0/call_report/download": (_req, res) => json(res, vendor.callReportDownload.body),
  "GET /api/download/": (_req, res) => res.writeHead(200, { "content-type": "text/csv" }).end(csv),
};

/** `routes` by "METHOD /path" or a path prefix ending in "/"; `onSubscribe` runs when a WebSocket subscribes. */
export async function hostilePbx(
  routes: Record<string, Handler> = {},
  onSubscribe?: (socket: WebSocket) => void,
): Promise<Hostile> {
  const log: string[] = [];
  const handlers = { ...defaults, ...routes };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://hostile");
    const key = `${req.method} ${url.pathname}`;
    log.push(key);
    const handler = handlers[key] ?? Object.entries(handlers).find(([k]) => k.endsWith("/") && key.startsWith(k))?.[1];
    if (!handler) return json(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" }, 404);
    await handler(req, res, url);
  });
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ server, path: "/openapi/v1.0/subscribe" });
  wss.on("connection", (socket) => {
    log.push("WS /openapi/v1.0/subscribe");
    socket.on("message", (data) => {
      if (!String(data).includes("topic_list")) return;
      sockets.add(socket);
      socket.send(JSON.stringify({ errcode: 0, errmsg: "SUCCESS" }));
      onSubscribe?.(socket);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    send: (frame) => {
      for (const s of sockets) s.send(frame);
    },
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The vendor's example credentials, which the default get_token accepts. */
export const credentials = {
  clientId: "UEnH9Dmv6uBJEXsYcag1trNfQThYXXXX",
  clientSecret: "ZLcXl63S9EtMnYoHUnjbVo6sA8CbXXXX",
};
