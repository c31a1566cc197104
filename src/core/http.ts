// The HTTP clients under openapi-fetch and the file step: Node's fetch for JSON calls, Node's http/https for
// report files (and for everything when a CA or a certificate is pinned), or the caller's fetch for both.
// Redirects are never followed. Nothing here knows an API path.
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { capped, readCapped } from "./json-cap.js";

export type FetchLike = (input: Request) => Promise<Response>;

/** One request through Node's http/https: the answer with its body as a Node stream. */
type NodeSend = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Buffer | null; signal: AbortSignal },
) => Promise<StreamedResponse>;

/**
 * Requests through Node's own http and https modules, with keep-alive agents of the client's own (the https one
 * holds the client's trusted certificates: tls.ts). Redirects are never followed.
 */
function nodeSend(httpsAgent: https.Agent): NodeSend {
  const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": httpsAgent };
  return (url, init) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    const options = { method: init.method, headers: init.headers, signal: init.signal };
    return new Promise((resolve, reject) => {
      const answer = (res: http.IncomingMessage) =>
        resolve({ status: res.statusCode ?? 0, headers: headersOf(res.headers), body: res });
      const request = secure
        ? https.request(target, { ...options, agent: agents["https:"] }, answer)
        : http.request(target, { ...options, agent: agents["http:"] }, answer);
      // After the answer, a failure reaches the body (its reader sees it); this listener only keeps it from
      // being an unhandled 'error'.
      request.on("error", reject);
      request.end(init.body ?? undefined);
    });
  };
}

/** Keeps a value reachable up to this point of the caller (see the file step's Request above). */
function held(_value: unknown): void {}

/** Node's header object as web Headers. */
function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of [value ?? []].flat()) headers.append(name, v);
  }
  return headers;
}

/** A streamed answer: status, headers and the body as a Node stream (for files, read without web-stream overhead). */
export interface StreamedResponse {
  status: number;
  headers: Headers;
  body: Readable;
}

export interface HttpClients {
  /** What openapi-fetch calls for the JSON calls. */
  fetch: FetchLike;
  /** A GET whose body is read as a Node stream: the report file. */
  stream(url: string, init: { headers: Record<string, string>; signal: AbortSignal }): Promise<StreamedResponse>;
}

/** What the HTTP clients are built from: the caller's fetch, or the client's https Agent and whether it trusts more. */
export interface HttpOptions {
  fetch?: FetchLike | undefined;
  httpsAgent: https.Agent;
  /** Whether the Agent trusts certificates beyond the system's (ca, a pin): then JSON calls go through it too. */
  trusts: boolean;
}

function uncapped(options: HttpOptions): HttpClients {
  const given = options.fetch;
  if (given) {
    return {
      fetch: given,
      async stream(url, init) {
        // Redirects are never followed: a 3xx is answered as it is, and the file step refuses it.
        const request = new Request(url, { ...init, redirect: "manual" });
        const response = await given(request);
        // Node's fetch copies a Request and follows its signal only while the Request lives (undici links them
        // weakly): held until the answer, or a timeout that fires after a garbage collection is lost (seen on
        // Node 20, 22 and 24: the call waits for the PBX however long it takes).
        held(request);
        const body = response.body
          ? Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
          : Readable.from([]);
        return { status: response.status, headers: response.headers, body };
      },
    };
  }
  const send = nodeSend(options.httpsAgent);
  return {
    async fetch(request) {
      if (!options.trusts) return globalThis.fetch(request);
      // With a CA or a pin, through https with the Agent trusting it (Node's fetch takes neither). JSON replies are
      // small: read whole into a standard Response for openapi-fetch.
      const body =
        request.method === "GET" || request.method === "HEAD" ? null : Buffer.from(await request.arrayBuffer());
      const answer = await send(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body,
        signal: request.signal,
      });
      const bytes = await readCapped(answer.body);
      const empty = answer.status === 204 || answer.status === 304;
      return new Response(empty ? null : bytes, { status: answer.status, headers: answer.headers });
    },
    stream: (url, init) => send(url, { method: "GET", ...init }),
  };
}

/**
 * The HTTP clients under the library. JSON calls: Node's fetch, or Node's https with the Agent of `ca` or a pin.
 * Streams (report files): Node's http/https, whose Node stream goes to a file without a web-stream hop and
 * without a second HTTP stack in memory (`npm run bench`). A `fetch` given by the caller is used for both.
 */
export function httpClients(options: HttpOptions): HttpClients {
  const clients = uncapped(options);
  return { fetch: async (request) => capped(await clients.fetch(request), request.url), stream: clients.stream };
}
