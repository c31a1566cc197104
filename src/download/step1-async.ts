// Event 30027 over the PBX's WebSocket subscription, for asynchronous reports. The PROCESSING reply
// carries no id, so the client subscribes first, sends its request, and takes the next 30027 as its
// answer; the client lets one async request per PBX be in flight at a time so that this holds.
import type { Agent } from "node:https";
import type { CallReportDownloadReply, ReportDownloadEventMsg } from "../../generated/openapi.js";
import { abortError, linkedAbort } from "../core/abort.js";
import { withToken } from "../core/api-fetch.js";
import { YeastarConnectionError, YeastarDownloadError, YeastarError, YeastarTimeoutError } from "../errors.js";
import { reportSpecOf, reportTable } from "../model/report-table.js";
import type { Context } from "../query/context.js";
import { pbxText, redact } from "../secrets.js";
import type { ReadyReply } from "./step1-prepare.js";

export interface SubscribeOptions {
  /** ws(s)://host:port/openapi/v1.0/subscribe?access_token=… (never shown: it holds the token). */
  url: string;
  userAgent: string;
  /** The client's https Agent: its trusted certificates (ca, a pin) for a wss:// URL. */
  agent?: Agent | undefined;
  signal?: AbortSignal | undefined;
  /** @default 30000 (the PBX drops a connection idle for 60 s) */
  heartbeatMs?: number;
  /** How long to wait for the connection and the subscription reply. */
  connectTimeoutMs: number;
}

export interface Subscription {
  /** The next event 30027's `msg` (parsed when it came as a JSON string). */
  next(timeoutMs: number, signal?: AbortSignal): Promise<ReportDownloadEventMsg>;
  close(): void;
}

/** JSON text as a value, or undefined when it is not JSON (a PBX may send anything). */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Parses one text frame; undefined for heartbeats, other topics and anything that is not an event 30027. */
export function readEvent(text: string): ReportDownloadEventMsg | undefined {
  if (text === "heartbeat" || text === "heartbeat response") return undefined;
  const envelope = parsed(text);
  if (!envelope || typeof envelope !== "object" || !("type" in envelope) || Number(envelope.type) !== 30027)
    return undefined;
  const raw = "msg" in envelope ? envelope.msg : undefined;
  const msg = typeof raw === "string" ? parsed(raw) : raw;
  if (!msg || typeof msg !== "object" || !("result" in msg)) return undefined;
  return msg as ReportDownloadEventMsg;
}

/** The events received, and the one waiter for the next: what a subscription hands out, in order. */
class EventQueue {
  private readonly queue: ReportDownloadEventMsg[] = [];
  private waiter: { resolve(msg: ReportDownloadEventMsg): void; reject(error: Error): void } | undefined;
  /** Set once the connection broke: later waits fail with it. */
  failure: Error | undefined;
  /** Whether nothing was received or asked for yet (the subscription reply comes first). */
  get idle(): boolean {
    return this.waiter === undefined && this.queue.length === 0;
  }

  push(msg: ReportDownloadEventMsg): void {
    if (this.waiter) this.waiter.resolve(msg);
    else this.queue.push(msg);
  }

  /** Called once, when the connection breaks before the subscription is answered. */
  onBreak: ((error: Error) => void) | undefined;

  fail(error: Error): void {
    this.failure ??= error;
    this.onBreak?.(this.failure);
    this.waiter?.reject(this.failure);
  }

  next(timeoutMs: number, signal: AbortSignal | undefined): Promise<ReportDownloadEventMsg> {
    return new Promise<ReportDownloadEventMsg>((resolve, reject) => {
      const queued = this.queue.shift();
      if (queued) return resolve(queued);
      if (this.failure) return reject(this.failure);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.waiter = undefined;
        settle();
      };
      const late =
        `no event 30027 within ${timeoutMs} ms (asyncTimeout): ` +
        "the PBX is still preparing the report, or it will never say";
      const timer = setTimeout(() => finish(() => reject(new YeastarTimeoutError(late))), timeoutMs);
      const onAbort = () => finish(() => reject(abortError("waiting for event 30027", signal!)));
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiter = { resolve: (msg) => finish(() => resolve(msg)), reject: (error) => finish(() => reject(error)) };
    });
  }
}

/**
 * Waits for the PBX's answer to the subscription; events after it go to `events`. Frames it cannot read are skipped.
 */
function subscription(ws: import("ws").WebSocket, events: EventQueue, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      events.onBreak = undefined;
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => settle(new YeastarTimeoutError(`event subscription: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    ws.once("open", () => ws.send(JSON.stringify({ topic_list: [30027] })));
    ws.on("message", (data, isBinary) => {
      const text = isBinary ? "" : data.toString();
      const reply = events.idle && /^\s*\{\s*"errcode"/.test(text) ? parsed(text) : undefined;
      if (reply && typeof reply === "object" && "errcode" in reply) {
        const { errcode, errmsg } = reply as { errcode: unknown; errmsg?: unknown };
        settle(
          errcode === 0
            ? undefined
            : new YeastarError(`event subscription refused: errcode ${pbxText(errcode)} ${pbxText(errmsg ?? "")}`),
        );
        return;
      }
      const msg = readEvent(text);
      if (msg) events.push(msg);
    });
    events.onBreak = settle;
  });
}

/** The largest WebSocket message taken from a PBX: events are a few hundred bytes; ws would take 100 MiB. */
export const MAX_EVENT_BYTES = 1 << 20;

export async function subscribeReportEvents(options: SubscribeOptions): Promise<Subscription> {
  const { default: WebSocket } = await import("ws");
  const ws = new WebSocket(options.url, {
    headers: { "user-agent": options.userAgent },
    ...(options.agent && options.url.startsWith("wss:") ? { agent: options.agent } : {}),
    handshakeTimeout: options.connectTimeoutMs,
    maxPayload: MAX_EVENT_BYTES,
  });
  const events = new EventQueue();
  ws.on("error", (error) => {
    const code = (error as NodeJS.ErrnoException).code ?? "connection failed";
    const tooBig = `the PBX sent a message over ${MAX_EVENT_BYTES / 1024} KiB (an event is a few hundred bytes)`;
    const said = code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" ? `${tooBig}; closed (${code})` : code;
    events.fail(new YeastarConnectionError(`event subscription: ${said}`, { cause: sanitize(error) }));
  });
  ws.on("close", (code) =>
    events.fail(new YeastarConnectionError(`event subscription: the PBX closed the connection (${code})`)),
  );
  const subscribed = subscription(ws, events, options.connectTimeoutMs);
  const heartbeat = setInterval(
    () => ws.readyState === WebSocket.OPEN && ws.send("heartbeat"),
    options.heartbeatMs ?? 30_000,
  );
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    ws.removeAllListeners("close");
    ws.on("error", () => undefined);
    ws.terminate();
  };
  const onAbort = () => events.fail(abortError("event subscription", options.signal!));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await subscribed;
  } catch (error) {
    close();
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  return { next: (timeoutMs, signal) => events.next(timeoutMs, signal), close };
}

/** ws errors may quote the request URL, which holds the token: keep the code and a redacted message only. */
function sanitize(error: Error): Error {
  const clean = new Error(redact(error.message));
  (clean as NodeJS.ErrnoException).code = (error as NodeJS.ErrnoException).code;
  return clean;
}

export interface AsyncRequest {
  ctx: Context;
  type: string;
  signal: AbortSignal | undefined;
  /** Sends the report request with is_async=1. */
  send(): Promise<CallReportDownloadReply>;
  /** Throws the typed error of a refused request. */
  failIfError(reply: CallReportDownloadReply): asserts reply is ReadyReply;
}

/**
 * An asynchronous report: subscribe to event 30027 first, send the request, and take the next 30027 as its
 * answer (a PBX that answers errcode 0 at once names the file itself).
 */
export async function prepareAsync(request: AsyncRequest): Promise<ReadyReply> {
  const { ctx, type } = request;
  const { token } = await ctx.tokens.token([ctx.policy.signal, request.signal]);
  const url = withToken(`${ctx.origin.replace(/^http/, "ws")}/openapi/v1.0/subscribe`, token);
  ctx.policy.log.debug?.(`WebSocket ${redact(url)}`);
  const link = linkedAbort([ctx.policy.signal, request.signal]);
  try {
    const subscription = await subscribeReportEvents({
      url,
      userAgent: ctx.userAgent,
      agent: ctx.httpsAgent,
      signal: link.controller.signal,
      connectTimeoutMs: ctx.policy.timeout,
    });
    try {
      const reply = await request.send();
      if (reply.errcode !== 2) {
        request.failIfError(reply);
        return reply;
      }
      const msg = await nextOf(subscription, ctx, type, link.controller.signal);
      const { file, download_resource_url: url } = msg;
      const named = typeof file === "string" && file !== "" && typeof url === "string" && url !== "";
      if (String(msg.result).toLowerCase() !== "success" || !named) {
        const error = msg.error ? `: ${pbxText(msg.error)}` : "";
        const why = `event 30027 result ${pbxText(JSON.stringify(msg.result) ?? "none")}${error}`;
        throw new YeastarDownloadError(`the PBX could not prepare the ${type} report (${why})`);
      }
      return { errcode: 0, errmsg: "SUCCESS", file, download_resource_url: url };
    } finally {
      subscription.close();
    }
  } finally {
    link.dispose();
  }
}

const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Whether a report file's name shows another report type than `type`: the longest report title (of the
 * spec's table) found in the name is not `type`'s. A name that shows no title at all proves nothing.
 */
export function showsOtherType(file: unknown, type: string): boolean {
  if (typeof file !== "string" || file === "") return false;
  const name = letters(file);
  let best: { type: string; length: number } | undefined;
  for (const [candidate, spec] of Object.entries(reportTable)) {
    const title = letters(spec.title);
    if (name.includes(title) && title.length > (best?.length ?? 0)) best = { type: candidate, length: title.length };
  }
  return best !== undefined && best.type !== type && reportSpecOf(type) !== undefined;
}

/**
 * The next event 30027 that can be this request's, within asyncTimeout in all: one whose file shows another
 * report type answers another client's request on the same PBX, and is skipped.
 */
async function nextOf(subscription: Subscription, ctx: Context, type: string, signal: AbortSignal) {
  const deadline = Date.now() + ctx.asyncTimeout;
  for (;;) {
    const msg = await subscription.next(Math.max(deadline - Date.now(), 0), signal);
    if (!showsOtherType(msg.file, type)) return msg;
    ctx.policy.log.debug?.(
      `event 30027 for ${pbxText(msg.file)} is not a ${type} report (another client's?); waiting on`,
    );
  }
}
