// What every endpoint of the simulator shares: JSON replies (checked against the spec first), reading a
// JSON body, and the state of the simulated PBX.
import type http from "node:http";
import type { DisplayFormat, Zone } from "../model/pbx-time.js";
import type { EventHub } from "./events.js";
import type { FaultQueue } from "./faults.js";
import { auditReply, operationOf } from "./reply-check.js";
import type { SimulatorSettings } from "./settings.js";
import type { TokenStore } from "./tokens.js";

export type Json = Record<string, unknown>;

/** 413, as a web server answers a body too large; the connection is closed, the rest of the body never read. */
export function tooLarge(res: http.ServerResponse): void {
  res.writeHead(413, { "content-type": "text/html", connection: "close" });
  const title = "413 Request Entity Too Large";
  res.end(`<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`);
  res.req.destroy();
}

/** A request's target as a URL; undefined for one that is none (`GET http://[::1`): a client may send anything. */
export function urlOf(req: http.IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? "/", "http://simulator");
  } catch {
    return undefined;
  }
}

/** What a web server answers to a request target that is no URL. */
export function badTarget(res: http.ServerResponse): void {
  res.writeHead(400, { "content-type": "text/html", connection: "close" });
  res.end("<html><head><title>400 Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>\n");
}

/** Sends a JSON reply, first checked against the spec's reply schema for the request's operation. */
export function json(res: http.ServerResponse, body: Json, status = 200): void {
  auditReply(operationOf(res.req.method ?? "GET", urlOf(res.req)?.pathname ?? "/"), String(status), body);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The largest request body the simulator reads (a token request is under 200 bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

/** The request body as a JSON object, undefined when it is not one, "too-large" past MAX_BODY_BYTES (unread). */
export async function readJson(req: http.IncomingMessage): Promise<Json | undefined | "too-large"> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return "too-large";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return "too-large";
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return parsed && typeof parsed === "object" ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

export const PARAMETER_ERROR = { errcode: 40002, errmsg: "PARAMETER ERROR" };
export const TOKEN_EXPIRED = { errcode: 10004, errmsg: "TOKEN EXPIRED" };

/** The simulated PBX: its settings, clock, tokens, faults and event subscribers, shared by the endpoints. */
export interface Pbx {
  settings: SimulatorSettings;
  clock: { now(): number; advance(ms: number): void; set(epochMs: number): void };
  /** When the simulator started (simulated epoch ms), for up_time. */
  started: number;
  sn: string;
  tokens: TokenStore;
  faults: FaultQueue;
  events: EventHub;
  format(): DisplayFormat;
  zone(): Zone;
}
