// The HTTP client under openapi-fetch and the file step: Node's http/https with the client's keep-alive agents for
// both (one connection per PBX, one HTTP stack in memory), or the caller's fetch for both. Redirects are never
// followed. Nothing here knows an API path.
import http from "node:http";
import https from "node:https";
import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import zlib from "node:zlib";
import { capped, readNodeReply } from "./json-cap.js";
import { BufferedResponse, headerEntries, PlainHeaders } from "./plain-web.js";

export type FetchLike = (input: Request) => Promise<Response>;

/** One request as the library sends it: the URL with its token, and what goes with it. */
export interface Outgoing {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer | null;
  signal: AbortSignal;
  /** Whether the answer may be a BufferedResponse (the library's own calls) rather than a standard Response. */
  plain: boolean;
}

/** A streamed answer: status, headers and the body as a Node stream (for files, read without web-stream overhead). */
export interface StreamedResponse {
  status: number;
  headers: AnswerHeaders;
  /** Node's own header object, when Node's http answered. */
  raw?: http.IncomingHttpHeaders;
  body: Readable;
}

export interface HttpClients {
  /** A JSON call: the answer with its body read whole (at most MAX_REPLY_BYTES), as a standard Response. */
  json(request: Outgoing): Promise<Response>;
  /** A GET whose body is read as a Node stream: the report file. */
  stream(url: string, init: { headers: Record<string, string>; signal: AbortSignal }): Promise<StreamedResponse>;
}

/** What the HTTP clients are built from: the caller's fetch, or the client's https Agent (its trusted certificates). */
export interface HttpOptions {
  fetch?: FetchLike | undefined;
  httpsAgent: https.Agent;
}

/** Keeps a value reachable up to this point of the caller (see fetchClients). */
export function held(_value: unknown): void {}

/** What the library reads of an answer's headers: one by name (case-insensitive), as web Headers has it. */
export interface AnswerHeaders {
  get(name: string): string | null;
}

/** A decoder for a Content-Encoding, or undefined for none (or one we do not know: the body is read as it is). */
function decoderOf(coding: string | null): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (coding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * A JSON answer's body decoded as its Content-Encoding says: nothing asks for compression, but a PBX or a proxy may
 * compress anyway. Its decoded bytes are what the reply cap counts (a gzip bomb is refused at the cap).
 */
function decoded(answer: StreamedResponse): StreamedResponse {
  const decoder = decoderOf(answer.headers.get("content-encoding"));
  if (!decoder) return answer;
  const { "content-encoding": _, "content-length": __, ...raw } = answer.raw ?? {};
  return { ...answer, headers: new PlainHeaders(raw), raw, body: pipeline(answer.body, decoder, () => undefined) };
}

/** What an aborted request fails with: an AbortError whose cause is the signal's reason, as Node's own. */
function abortedBy(signal: AbortSignal): Error {
  return Object.assign(new Error("The operation was aborted"), {
    name: "AbortError",
    code: "ABORT_ERR",
    cause: signal.reason,
  });
}

/**
 * http.request's options for a URL, built here: a URL object handed to http.request costs a fifth of a small
 * request more (measured on this machine). IPv6 hosts without their brackets, as Node's own conversion does.
 */
function requestOptions(request: Outgoing, httpAgent: http.Agent, httpsAgent: https.Agent): https.RequestOptions {
  const target = new URL(request.url);
  const secure = target.protocol === "https:";
  const host = target.hostname;
  return {
    protocol: target.protocol,
    hostname: host.startsWith("[") ? host.slice(1, -1) : host,
    port: target.port || (secure ? 443 : 80),
    path: `${target.pathname}${target.search}`,
    method: request.method,
    headers: request.headers,
    agent: secure ? httpsAgent : httpAgent,
  };
}

/** Requests through Node's own http and https modules, with keep-alive agents of the client's own. */
function nodeClients(httpsAgent: https.Agent): HttpClients {
  const httpAgent = new http.Agent({ keepAlive: true });
  const send = (request: Outgoing): Promise<StreamedResponse> => {
    const { signal } = request;
    if (signal.aborted) return Promise.reject(abortedBy(signal));
    return new Promise((resolve, reject) => {
      const answer = (res: http.IncomingMessage) =>
        resolve({ status: res.statusCode ?? 0, headers: new PlainHeaders(res.headers), raw: res.headers, body: res });
      const options = requestOptions(request, httpAgent, httpsAgent);
      const sent = options.agent === httpsAgent ? https.request(options, answer) : http.request(options, answer);
      // After the answer, a failure reaches the body (its reader sees it); this listener only keeps it from
      // being an unhandled 'error'.
      sent.on("error", reject);
      // The signal followed by hand: Node's `signal` option costs a quarter of a small request (its end-of-stream
      // watch). Once the answer streams, its reader ends it (the file step destroys the body on abort).
      const abort = () => sent.destroy(abortedBy(signal));
      signal.addEventListener("abort", abort, { once: true });
      sent.once("close", () => signal.removeEventListener("abort", abort));
      sent.end(request.body ?? undefined);
    });
  };
  return {
    async json(request) {
      const answer = decoded(await send(request));
      const bytes = await readNodeReply(answer, request.url);
      const content = answer.status === 204 || answer.status === 304 ? null : bytes;
      const raw = answer.raw ?? {};
      return request.plain
        ? new BufferedResponse(content, answer.status, new PlainHeaders(raw))
        : new Response(content, { status: answer.status, headers: headerEntries(raw) });
    },
    stream: (url, init) => send({ url, method: "GET", body: null, plain: true, ...init }),
  };
}

/** Requests through the caller's fetch: a Request each, the answer read whole for JSON, streamed for files. */
function fetchClients(given: FetchLike): HttpClients {
  // Node's fetch copies a Request and follows its signal only while the Request lives (undici links them weakly):
  // each is held until its answer, or a timeout that fires after a garbage collection is lost (seen on Node 20, 22
  // and 24: the call waits for the PBX however long it takes). Redirects are answered as they are, never followed.
  const requestOf = (o: Outgoing) => {
    const body = o.body ? { body: o.body } : {};
    return new Request(o.url, { method: o.method, headers: o.headers, signal: o.signal, redirect: "manual", ...body });
  };
  return {
    async json(outgoing) {
      const request = requestOf(outgoing);
      const response = await capped(await given(request), outgoing.url);
      held(request);
      return response;
    },
    async stream(url, init) {
      const request = requestOf({ url, method: "GET", body: null, plain: false, ...init });
      const response = await given(request);
      held(request);
      const body = response.body
        ? Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
        : Readable.from([]);
      return { status: response.status, headers: response.headers, body };
    },
  };
}

/**
 * The HTTP clients under the library: Node's http/https for JSON calls and report files alike (a file's Node
 * stream goes to disk without a web-stream hop; `npm run bench`), or the caller's `fetch` for both.
 */
export function httpClients(options: HttpOptions): HttpClients {
  return options.fetch ? fetchClients(options.fetch) : nodeClients(options.httpsAgent);
}
