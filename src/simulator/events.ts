// The simulated PBX's event subscription: /openapi/v1.0/subscribe?access_token=… over WebSocket.
// After open the client sends {"topic_list":[…]}; the PBX answers {"errcode":0,"errmsg":"SUCCESS"}.
// "heartbeat" is answered with "heartbeat response"; a connection silent for idleTimeoutMs is dropped.

import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { auditReply } from "./reply-check.js";
import type { TokenStore } from "./tokens.js";

interface Subscriber {
  socket: WebSocket;
  topics: Set<number>;
  idle?: NodeJS.Timeout;
}

export class EventHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly subscribers = new Set<Subscriber>();
  private downloadId = 0;

  constructor(private readonly deps: { tokens: TokenStore; idleTimeoutMs: () => number }) {}

  size(): number {
    return this.subscribers.size;
  }

  nextId(): number {
    return ++this.downloadId;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, token: string | undefined): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (!this.deps.tokens.isValid(token)) {
        // A connection with an expired or revoked token is told so, then closed (policy violation).
        ws.send(JSON.stringify({ errcode: 10004, errmsg: "TOKEN EXPIRED" }));
        ws.close(1008, "TOKEN EXPIRED");
        return;
      }
      const sub: Subscriber = { socket: ws, topics: new Set() };
      this.subscribers.add(sub);
      const arm = () => {
        clearTimeout(sub.idle);
        sub.idle = setTimeout(() => ws.terminate(), this.deps.idleTimeoutMs());
      };
      arm();
      ws.on("message", (data, isBinary) => {
        arm();
        const text = isBinary ? "" : data.toString();
        if (text === "heartbeat") return ws.send("heartbeat response");
        let topics: unknown;
        try {
          topics = (JSON.parse(text) as { topic_list?: unknown }).topic_list;
        } catch {
          topics = undefined;
        }
        if (!Array.isArray(topics) || !topics.every((t) => Number.isInteger(t))) {
          return ws.send(JSON.stringify({ errcode: 40001, errmsg: "PARAMETER SYNTAX ERROR" }));
        }
        sub.topics = new Set(topics as number[]);
        ws.send(JSON.stringify({ errcode: 0, errmsg: "SUCCESS" }));
      });
      ws.on("close", () => {
        clearTimeout(sub.idle);
        this.subscribers.delete(sub);
      });
    });
  }

  /** Sends an event to every subscriber of its topic, in the PBX's envelope `{ type, sn, msg }`. */
  publish(type: number, sn: string, msg: Record<string, unknown>, msgAsString: boolean): number {
    const envelope = { type, sn, msg: msgAsString ? JSON.stringify(msg) : msg };
    if (type === 30027) auditReply("event reportDownload", "payload", envelope);
    const text = JSON.stringify(envelope);
    let sent = 0;
    for (const sub of this.subscribers) {
      if (sub.topics.has(type)) {
        sub.socket.send(text);
        sent += 1;
      }
    }
    return sent;
  }

  close(): void {
    for (const sub of this.subscribers) {
      clearTimeout(sub.idle);
      sub.socket.terminate();
    }
    this.subscribers.clear();
    this.wss.close();
  }
}
