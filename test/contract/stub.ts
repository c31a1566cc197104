// A plain HTTP (and WebSocket) stub that answers exactly the vendor's example replies: not the simulator,
// so nothing of our own PBX model stands between the client and what the vendor documents.

import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { thirdParty, vendor, vendorRequests } from "./vendor-examples.js";

export interface StubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

/** No vendor page shows a report file's bytes: this CSV is ours (columns are an assumption everywhere). */
export const reportBytes = "Queue,Total Surveys,Average Score\r\n6400 - Sales,3,4.0\r\n";

export async function startStub(options: { systemInformation?: unknown } = {}) {
  const requests: StubRequest[] = [];
  const sockets = new Set<WebSocket>();
  const reply = (res: http.ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    requests.push({
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(text ? { body: JSON.parse(text) as unknown } : {}),
    });
    const token = url.searchParams.get("access_token");
    const authed = token === vendor.getToken.body.access_token;
    switch (`${req.method} ${url.pathname}`) {
      case "POST /openapi/v1.0/get_token": {
        const { username, password } = JSON.parse(text) as Record<string, string>;
        const ok = username === vendorRequests.credentials.username && password === vendorRequests.credentials.password;
        return reply(res, ok ? vendor.getToken.body : { errcode: -1, errmsg: "FAILURE" });
      }
      case "GET /openapi/v1.0/system/information":
        return reply(
          res,
          authed
            ? (options.systemInformation ?? vendor.systemInformationAppliance.body)
            : { errcode: 10004, errmsg: "TOKEN EXPIRED" },
        );
      case "GET /openapi/v1.0/system/get_menuoptions":
        return reply(res, vendor.menuOptions.body);
      case "GET /openapi/v1.0/call_schedule_report/list":
        return reply(res, authed ? vendor.scheduledList.body : { errcode: 10004, errmsg: "TOKEN EXPIRED" });
      case "GET /openapi/v1.0/call_schedule_report/download":
        return reply(
          res,
          url.searchParams.get("id") === "5"
            ? vendor.scheduledDownload.body
            : { errcode: 60001, errmsg: "DATA NOT FOUND" },
        );
      case "GET /openapi/v1.0/queue_pause_reason/list":
        return reply(res, authed ? vendor.pauseReasons.body : { errcode: 10004, errmsg: "TOKEN EXPIRED" });
      case "GET /openapi/v1.0/call_report/download":
        if (!authed) return reply(res, { errcode: 10004, errmsg: "TOKEN EXPIRED" });
        if (url.searchParams.get("is_async") !== "1") return reply(res, vendor.callReportDownload.body);
        reply(res, vendor.callReportProcessing.body);
        setTimeout(() => {
          for (const s of sockets) s.send(JSON.stringify(vendor.event30027.body));
        }, 20);
        return;
      case "GET /openapi/v1.0/call_report/list":
        return reply(res, authed ? thirdParty.callReportList.body : { errcode: 10004, errmsg: "TOKEN EXPIRED" });
      case "GET /openapi/v1.0/del_token":
        return reply(res, vendor.delToken.body);
    }
    if (req.method === "GET" && url.pathname.startsWith("/api/download/") && authed) {
      return res
        .writeHead(200, { "content-type": "text/csv", "content-length": Buffer.byteLength(reportBytes) })
        .end(reportBytes);
    }
    reply(res, { errcode: 10001, errmsg: "INTERFACE NOT EXISTED" }, 404);
  });
  const wss = new WebSocketServer({ server, path: "/openapi/v1.0/subscribe" });
  wss.on("connection", (socket, req) => {
    requests.push({
      method: "WS",
      path: "/openapi/v1.0/subscribe",
      query: Object.fromEntries(new URL(req.url ?? "/", "http://stub").searchParams),
    });
    socket.on("message", (data) => {
      if (String(data).includes("topic_list")) {
        sockets.add(socket);
        socket.send(JSON.stringify({ errcode: 0, errmsg: "SUCCESS" }));
      }
    });
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
