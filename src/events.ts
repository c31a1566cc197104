// Event 30027 over the PBX's WebSocket subscription, for asynchronous reports. The PROCESSING reply
// carries no id, so the client subscribes first, sends its request, and takes the next 30027 as its
// answer; the client lets one async request per PBX be in flight at a time so that this holds.
import type { CallReportDownloadReply, ReportDownloadEventMsg } from "../generated/openapi.js";
import { withToken } from "./auth.js";
import type { Context } from "./context.js";
import { redactUrl, YeastarConnectionError, YeastarDownloadError, YeastarError, YeastarTimeoutError } from "./errors.js";
import type { ReadyReply } from "./prepare.js";
import { abortError, linkedAbort } from "./transport.js";

export interface SubscribeOptions {
  /** ws(s)://host:port/openapi/v1.0/subscribe?access_token=… (never shown: it holds the token). */
  url: string;
  userAgent: string;
  ca?: string | Buffer | undefined;
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

/** Parses one text frame; undefined for heartbeats and other topics. */
export function readEvent(text: string): ReportDownloadEventMsg | undefined {
  if (text === "heartbeat" || text === "heartbeat response") return undefined;
  let envelope: { type?: unknown; msg?: unknown };
  try {
    envelope = JSON.parse(text) as typeof envelope;
  } catch {
    return undefined;
  }
  if (Number(envelope.type) !== 30027) return undefined;
  const msg = typeof envelope.msg === "string" ? (JSON.parse(envelope.msg) as unknown) : envelope.msg;
  if (!msg || typeof msg !== "object") return undefined;
  return msg as ReportDownloadEventMsg;
}

export async function subscribeReportEvents(options: SubscribeOptions): Promise<Subscription> {
  const { default: WebSocket } = await import("ws");
  const ws = new WebSocket(options.url, {
    headers: { "user-agent": options.userAgent },
    ...(options.ca ? { ca: options.ca } : {}),
    handshakeTimeout: options.connectTimeoutMs,
  });
  const queue: ReportDownloadEventMsg[] = [];
  let waiter: ((msg: ReportDownloadEventMsg) => void) | undefined;
  let failure: Error | undefined;
  let fail: ((error: Error) => void) | undefined;
  const broken = (error: Error) => {
    failure ??= error;
    fail?.(failure);
  };
  ws.on("error", (error) => broken(new YeastarConnectionError(`event subscription: ${(error as NodeJS.ErrnoException).code ?? "connection failed"}`, { cause: sanitize(error) })));
  ws.on("close", (code) => broken(new YeastarConnectionError(`event subscription: the PBX closed the connection (${code})`)));

  const subscribed = new Promise<void>((resolve, reject) => {
    fail = reject;
    const timer = setTimeout(() => reject(new YeastarTimeoutError(`event subscription: no answer within ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs);
    ws.once("open", () => ws.send(JSON.stringify({ topic_list: [30027] })));
    ws.on("message", (data, isBinary) => {
      const text = isBinary ? "" : data.toString();
      if (waiter === undefined && queue.length === 0 && /^\s*\{\s*"errcode"/.test(text)) {
        clearTimeout(timer);
        const reply = JSON.parse(text) as { errcode: number; errmsg: string };
        if (reply.errcode === 0) resolve();
        else reject(new YeastarError(`event subscription refused: errcode ${reply.errcode} ${reply.errmsg}`));
        return;
      }
      const msg = readEvent(text);
      if (!msg) return;
      if (waiter) waiter(msg);
      else queue.push(msg);
    });
  });
  const heartbeat = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send("heartbeat"), options.heartbeatMs ?? 30_000);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    fail = undefined;
    ws.removeAllListeners("close");
    ws.on("error", () => undefined);
    ws.terminate();
  };
  const onAbort = () => broken(abortError("event subscription", options.signal!));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await subscribed;
  } catch (error) {
    close();
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }

  return {
    next: (timeoutMs, signal) =>
      new Promise<ReportDownloadEventMsg>((resolve, reject) => {
        if (queue.length > 0) return resolve(queue.shift()!);
        if (failure) return reject(failure);
        const timer = setTimeout(() => finish(() => reject(new YeastarTimeoutError(`no event 30027 within ${timeoutMs} ms (asyncTimeout): the PBX is still preparing the report, or it will never say`))), timeoutMs);
        const onAbort = () => finish(() => reject(abortError("waiting for event 30027", signal!)));
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          waiter = undefined;
          fail = undefined;
          settle();
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        waiter = (msg) => finish(() => resolve(msg));
        fail = (error) => finish(() => reject(error));
      }),
    close,
  };
}

/** ws errors may quote the request URL, which holds the token: keep the code and a redacted message only. */
function sanitize(error: Error): Error {
  const clean = new Error(error.message.replace(/access_token=[^&\s"']*/g, "access_token=[redacted]"));
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
  const { token } = await ctx.tokens.token();
  const url = withToken(`${ctx.origin.replace(/^http/, "ws")}/openapi/v1.0/subscribe`, token);
  ctx.calls.debug?.(`WebSocket ${redactUrl(url)}`);
  const link = linkedAbort([ctx.calls.signal, request.signal]);
  try {
    const subscription = await subscribeReportEvents({ url, userAgent: ctx.userAgent, ca: ctx.ca, signal: link.controller.signal, connectTimeoutMs: ctx.calls.timeout });
    try {
      const reply = await request.send();
      if (reply.errcode !== 2) {
        request.failIfError(reply);
        return reply;
      }
      const msg = await subscription.next(ctx.asyncTimeout, link.controller.signal);
      if (String(msg.result).toLowerCase() !== "success" || !msg.file || !msg.download_resource_url) {
        const why = `event 30027 result ${JSON.stringify(msg.result)}${msg.error ? `: ${msg.error}` : ""}`;
        throw new YeastarDownloadError(`the PBX could not prepare the ${type} report (${why})`);
      }
      return { errcode: 0, errmsg: "SUCCESS", file: msg.file, download_resource_url: msg.download_resource_url };
    } finally {
      subscription.close();
    }
  } finally {
    link.dispose();
  }
}

/** Runs tasks one after another: the PROCESSING reply carries no id, so one async request per PBX at a time. */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  };
}
