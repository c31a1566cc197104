// What every endpoint of the simulator shares: JSON replies (checked against the spec first), reading a
// JSON body, and the state of the simulated PBX.
import type http from "node:http";
import type { DisplayFormat, Zone } from "../pbx-time.js";
import type { EventHub } from "./events.js";
import type { FaultQueue } from "./faults.js";
import { auditReply, operationOf } from "./reply-check.js";
import type { SimulatorSettings } from "./settings.js";
import type { TokenStore } from "./tokens.js";

export type Json = Record<string, unknown>;

/** Sends a JSON reply, first checked against the spec's reply schema for the request's operation. */
export function json(res: http.ServerResponse, body: Json, status = 200): void {
  auditReply(
    operationOf(res.req.method ?? "GET", new URL(res.req.url ?? "/", "http://simulator").pathname),
    String(status),
    body,
  );
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The request body as a JSON object, or undefined when it is not one. */
export async function readJson(req: http.IncomingMessage): Promise<Json | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
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
