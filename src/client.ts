// createYeastarClient: one openapi-fetch client for every call, with the token, clock, retries and the
// two-step (or async) download wired around it.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths, CallReportDownloadReply, SystemInformation, MenuOption, TokenReply } from "../generated/openapi.js";
import { TokenManager } from "./auth.js";
import { PbxClock, type ApiVersion, type PbxFacts } from "./pbx-clock.js";
import { checkQuery, toWire, uncheckQuery, type CheckedQuery, type ReportQuery, type UncheckedQuery } from "./query.js";
import { Report, type OpenedFile, type ReportInfo } from "./download.js";
import { subscribeReportEvents } from "./events.js";
import { apiError, redactUrl, YeastarApiError, YeastarConnectionError, YeastarDownloadError, YeastarNotFoundError } from "./errors.js";
import { firedOf, linkedAbort, makeFetch, nodeBodyOf, transportError, withRetries } from "./transport.js";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { checkOptions, type YeastarClientOptions } from "./options.js";
import { menuQuery, type MenuName } from "./menus.js";
import { version } from "./version.js";

export interface DownloadOptions {
  /** Let the PBX prepare the report asynchronously (is_async=1) and wait for event 30027. @default false */
  async?: boolean;
  signal?: AbortSignal;
}

/** What the client knows of the PBX: system/information and what it derived from it. */
export interface PbxInfo extends PbxFacts {
  /** The PBX's UTC offset in minutes, when known. */
  utcOffsetMinutes: number | undefined;
}

type Api = Client<paths>;
const DOWNLOAD_LIFETIME_MS = 30 * 60_000;
/** A URL this close to expiry is not trusted: the report is requested again. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * A client for one PBX.
 * @example
 * const pbx = createYeastarClient({ baseUrl: "https://192.168.5.150:8088", clientId, clientSecret });
 * const report = await pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1, start_time: "2022-04-01T00:00:00", end_time: "2022-05-31T23:59:59" });
 * await report.saveTo("reports/");
 * await pbx.close();
 */
export function createYeastarClient(options: YeastarClientOptions) {
  const base = checkOptions(options);
  const origin = base.origin;
  const userAgent = options.userAgent ?? `yeastar-call-reports/${version}`;
  const timeout = options.timeout ?? 30_000;
  const fileTimeout = options.fileTimeout ?? 60_000;
  const asyncTimeout = options.asyncTimeout ?? 600_000;
  const maxRetries = options.maxRetries ?? 2;
  const retryDelay = options.retryDelay ?? 500;
  const log = options.logger;
  const fetch = makeFetch({ ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.ca ? { ca: options.ca } : {}) });

  const api: Api = createClient<paths>({
    baseUrl: origin,
    fetch,
    headers: { "user-agent": userAgent },
    querySerializer: { object: { style: "form", explode: true } },
  });

  // Every attempt links the client's signal and the call's, and unlinks when it ends.
  const signalsOf = (signal?: AbortSignal) => [options.signal, signal];

  /** One JSON call with timeout per attempt and retries; non-2xx HTTP is a connection error. */
  async function call<T>(what: string, userSignal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    const signals = signalsOf(userSignal);
    return withRetries(
      async () => {
        const attempt = linkedAbort(signals);
        let timedOut = false;
        const t = setTimeout(() => ((timedOut = true), attempt.controller.abort()), timeout);
        const signal = attempt.controller.signal;
        try {
          const { data, response } = await run(signal);
          if (!response.ok) {
            const html = /html/i.test(response.headers.get("content-type") ?? "");
            throw new YeastarConnectionError(`${what}: HTTP ${response.status}${html ? " with an HTML page (a proxy or the PBX's web server answered, not its API)" : ""}`, undefined, response.status);
          }
          if (data === undefined) throw new YeastarConnectionError(`${what}: empty answer`);
          return data;
        } catch (error) {
          throw transportError(error, what, { userSignal: firedOf(signals), timedOut, timeoutMs: timeout, timeoutName: "timeout" });
        } finally {
          clearTimeout(t);
          attempt.dispose();
        }
      },
      { maxRetries, retryDelay, signals, what, log: (m) => log?.warn?.(m) },
    );
  }

  const tokenCalls = {
    getToken: (body: { username: string; password: string }) =>
      call<TokenReply>("POST /openapi/v1.0/get_token", undefined, (signal) => api.POST("/openapi/v1.0/get_token", { body, signal })),
    refreshToken: (body: { refresh_token: string }) =>
      call<TokenReply>("POST /openapi/v1.0/refresh_token", undefined, (signal) => api.POST("/openapi/v1.0/refresh_token", { body, signal })),
    deleteToken: async (token: string) => {
      await call("GET /openapi/v1.0/del_token", undefined, (signal) =>
        api.GET("/openapi/v1.0/del_token", { signal, headers: { "x-yeastar-token": token } }),
      );
    },
  };
  const tokens = new TokenManager(
    tokenCalls,
    options.accessToken !== undefined ? { accessToken: options.accessToken } : { clientId: options.clientId!, clientSecret: options.clientSecret! },
  );

  // Every call but get_token/refresh_token carries access_token in its query string. Appended to the URL
  // string: re-serialising with URLSearchParams would turn %20 into + in the whole query.
  const tokenMiddleware: Middleware = {
    async onRequest({ request, schemaPath }) {
      if (schemaPath.endsWith("/get_token") || schemaPath.endsWith("/refresh_token")) {
        log?.debug?.(`${request.method} ${redactUrl(request.url)}`);
        return request;
      }
      // del_token names the token to revoke, which may no longer be the current one.
      const pinned = request.headers.get("x-yeastar-token");
      const token = pinned ?? (await tokens.token()).token;
      const url = `${request.url}${request.url.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(token)}`;
      log?.debug?.(`${request.method} ${redactUrl(url)}`);
      const headers = new Headers(request.headers);
      headers.delete("x-yeastar-token");
      const next = new Request(url, { method: request.method, headers, signal: request.signal, ...(request.body ? { body: request.body, duplex: "half" } : {}) } as RequestInit);
      // A Request follows its signal's source only weakly: keep the first Request (whose signal the new one
      // follows) alive as long as the new one, or an abort may be lost when the first is collected.
      signalSources.set(next, request);
      return next;
    },
  };
  const signalSources = new WeakMap<Request, Request>();
  api.use(tokenMiddleware);

  /** A call that carries the token: on 10004 the token is renewed once and the call repeated once. */
  async function authed<T extends { errcode: number }>(what: string, userSignal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    const { generation } = await tokens.token();
    const reply = await call(what, userSignal, run);
    if (reply.errcode !== 10004) return reply;
    log?.debug?.(`${what}: errcode 10004 TOKEN EXPIRED; renewing the token and trying once more`);
    tokens.expire(generation);
    return call(what, userSignal, run);
  }

  const clock = new PbxClock(
    { displayFormat: options.displayFormat ?? "auto", timeZone: options.timeZone ?? "auto", apiVersion: options.apiVersion ?? "auto" },
    async () => {
      const info = await authed<SystemInformation>("GET /openapi/v1.0/system/information", undefined, (signal) => api.GET("/openapi/v1.0/system/information", { signal }));
      if (info.errcode !== 0) throw apiError({ errcode: info.errcode, errmsg: info.errmsg, endpoint: "/openapi/v1.0/system/information" });
      return info;
    },
  );

  /** Step 1: ask the PBX to prepare the report. */
  async function prepare(wire: Record<string, string>, apiVersion: ApiVersion, signal: AbortSignal | undefined): Promise<CallReportDownloadReply> {
    const endpoint = `/openapi/${apiVersion}/call_report/download`;
    return authed<CallReportDownloadReply>(`GET ${endpoint}`, signal, (s) =>
      api.GET("/openapi/{api_version}/call_report/download", {
        params: { path: { api_version: apiVersion }, query: { query: wire as never } },
        signal: s,
      }),
    );
  }

  function failIfError(reply: CallReportDownloadReply, apiVersion: ApiVersion, type: string): asserts reply is CallReportDownloadReply & { file: string; download_resource_url: string } {
    if (reply.errcode === 0 && reply.file && reply.download_resource_url) return;
    if (reply.errcode === 0) throw new YeastarConnectionError(`GET /openapi/${apiVersion}/call_report/download: errcode 0 but no file or download_resource_url in the answer`);
    const timeRejected = reply.invalid_param_list?.some((p) => /time/.test(p.field) && /format/i.test(p.valid_msg ?? ""));
    const byDataAge =
      apiVersion === "v2.0"
        ? "Data recorded before the PBX's upgrade to firmware x.21.0.117 lives under v1.0: for such a period pass apiVersion \"v1.0\" (--api-version v1.0)"
        : undefined;
    const hint =
      reply.errcode === -2
        ? `The PBX failed on report type ${type}; a firmware without that type answers so`
        : timeRejected
          ? "The PBX reads times in another display format than the one used: leave displayFormat on \"auto\" (--date-format auto) or match the PBX's System > Date and Time > Display Format"
          : reply.errcode === 40002
            ? byDataAge
            : undefined;
    throw apiError({ errcode: reply.errcode, errmsg: reply.errmsg, endpoint: `/openapi/${apiVersion}/call_report/download`, ...(reply.invalid_param_list ? { invalid_param_list: reply.invalid_param_list } : {}) }, hint);
  }

  /** The report's file, fetched with the token: re-prepared when its URL has expired, refused on another origin. */
  function reportFor(type: string, wire: Record<string, string>, apiVersion: ApiVersion, first: { file: string; download_resource_url: string }): Report {
    let info: ReportInfo = { type, file: first.file, download_resource_url: first.download_resource_url, expiresAt: new Date(Date.now() + DOWNLOAD_LIFETIME_MS) };
    const renew = async (signal: AbortSignal | undefined) => {
      const { is_async: _, ...syncWire } = wire;
      const reply = await prepare(syncWire, apiVersion, signal);
      failIfError(reply, apiVersion, type);
      info = { type, file: reply.file, download_resource_url: reply.download_resource_url, expiresAt: new Date(Date.now() + DOWNLOAD_LIFETIME_MS) };
    };

    const openOnce = async (signal: AbortSignal | undefined): Promise<OpenedFile> => {
      if (Date.now() >= info.expiresAt.getTime() - EXPIRY_MARGIN_MS) {
        log?.debug?.(`the download URL of ${info.file} has expired; requesting the ${type} report again`);
        await renew(signal);
      }
      const url = new URL(info.download_resource_url, `${origin}/`);
      if (url.origin !== origin) {
        throw new YeastarDownloadError(`refused: the PBX's download_resource_url points to another origin (${url.origin}); the access token is sent only to ${origin}`);
      }
      const file = /^\/api\/download\/([^/]+)$/.exec(url.pathname)?.[1];
      if (!file) throw new YeastarDownloadError(`refused: the download_resource_url path ${JSON.stringify(url.pathname)} is not under /api/download/`);
      const what = `GET /api/download/${file}`;
      const idle = linkedAbort(signalsOf(signal));
      let timedOut = false;
      let body: Readable | undefined;
      // An inactivity timeout: re-armed (refresh) by every chunk; ended by done() without aborting anything.
      const timer = setTimeout(() => ((timedOut = true), idle.controller.abort()), fileTimeout);
      const arm = () => void timer.refresh();
      const done = () => (clearTimeout(timer), idle.dispose());
      // Once the body streams, a timeout or an abort ends it here, with the typed error, directly.
      idle.controller.signal.addEventListener("abort", () => body?.destroy(transportError(new Error("aborted"), what, { userSignal: firedOf(signalsOf(signal)), timedOut, timeoutMs: fileTimeout, timeoutName: "fileTimeout" })), { once: true });
      const combined = idle.controller.signal;
      try {
        const { generation } = await tokens.token();
        // Path params are encoded again by openapi-fetch: decode the segment first or %20 is sent as %2520.
        const result = await api.GET("/api/download/{file}", { params: { path: { file: decodeURIComponent(file) } }, parseAs: "stream", signal: combined });
        const { response } = result;
        const raw = nodeBodyOf(response);
        if (/json/i.test(response.headers.get("content-type") ?? "")) {
          // openapi-fetch has read the body of a non-2xx answer into `error` already.
          const reply = (response.ok ? JSON.parse(raw ? await text(raw) : await response.text()) : result.error) as { errcode?: number; errmsg?: string };
          if (reply.errcode === 10004) tokens.expire(generation);
          const gone = response.status === 404 || reply.errcode === 60001;
          throw apiError(
            { errcode: reply.errcode ?? -1, errmsg: reply.errmsg ?? "FAILURE", endpoint: "/api/download/{file}" },
            gone ? "The report file is gone (its 30 minutes may be over)" : undefined,
          );
        }
        body = raw ?? (response.body ? Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>) : undefined);
        if (!response.ok || !body) {
          raw?.destroy();
          throw new YeastarConnectionError(`${what}: HTTP ${response.status}`, undefined, response.status);
        }
        const length = response.headers.get("content-length");
        return { body, contentLength: length === null ? undefined : Number(length), activity: arm, done };
      } catch (error) {
        done();
        throw transportError(error, what, { userSignal: firedOf(signalsOf(signal)), timedOut, timeoutMs: fileTimeout, timeoutName: "fileTimeout" });
      }
    };

    const source = {
      open: (signal: AbortSignal | undefined) =>
        withRetries(
          async (n) => {
            try {
              return await openOnce(signal);
            } catch (error) {
              if (n > 0 || !(error instanceof YeastarApiError)) throw error;
              // An expired token (already marked for renewal) is renewed and the file asked for once more;
              // a file the PBX no longer has is prepared again, once.
              if (error.errcode === 10004) return openOnce(signal);
              if (error instanceof YeastarNotFoundError) {
                await renew(signal);
                return openOnce(signal);
              }
              throw error;
            }
          },
          { maxRetries, retryDelay, signals: signalsOf(signal), what: `downloading ${type} report`, log: (m) => log?.warn?.(m) },
        ),
      retry: <T>(what: string, attempt: () => Promise<T>, signal: AbortSignal | undefined) =>
        withRetries(attempt, { maxRetries, retryDelay, signals: signalsOf(signal), what, log: (m) => log?.warn?.(m) }),
      bodyError: (error: unknown, signal?: AbortSignal) =>
        transportError(error, `downloading ${type} report`, { userSignal: firedOf(signalsOf(signal)), timedOut: false, timeoutMs: fileTimeout, timeoutName: "fileTimeout" }),
    };
    return new Report(() => info, source);
  }

  // One async request per PBX at a time: the PROCESSING reply has no id, so the next 30027 is ours.
  let asyncQueue: Promise<unknown> = Promise.resolve();

  async function downloadAsync(type: string, wire: Record<string, string>, apiVersion: ApiVersion, signal: AbortSignal | undefined): Promise<Report> {
    const run = async () => {
      const { token } = await tokens.token();
      const wsUrl = `${origin.replace(/^http/, "ws")}/openapi/v1.0/subscribe?access_token=${encodeURIComponent(token)}`;
      log?.debug?.(`WebSocket ${redactUrl(wsUrl)}`);
      const link = linkedAbort(signalsOf(signal));
      const subscription = await subscribeReportEvents({ url: wsUrl, userAgent, ca: options.ca, signal: link.controller.signal, connectTimeoutMs: timeout }).catch((error: unknown) => {
        link.dispose();
        throw error;
      });
      try {
        const reply = await prepare({ ...wire, is_async: "1" }, apiVersion, signal);
        if (reply.errcode === 0) {
          failIfError(reply, apiVersion, type);
          return reportFor(type, wire, apiVersion, reply);
        }
        if (reply.errcode !== 2) failIfError(reply, apiVersion, type);
        const msg = await subscription.next(asyncTimeout, link.controller.signal);
        if (String(msg.result).toLowerCase() !== "success" || !msg.file || !msg.download_resource_url) {
          throw new YeastarDownloadError(`the PBX could not prepare the ${type} report (event 30027 result ${JSON.stringify(msg.result)}${msg.error ? `: ${msg.error}` : ""})`);
        }
        return reportFor(type, wire, apiVersion, { file: msg.file, download_resource_url: msg.download_resource_url });
      } finally {
        subscription.close();
        link.dispose();
      }
    };
    const result = asyncQueue.then(run, run);
    asyncQueue = result.catch(() => undefined);
    return result;
  }

  /**
   * Prepares a call report (step 1) and returns it, ready to fetch (step 2) with saveTo(), rows(),
   * text() or stream(). The query is checked against the spec before anything is sent.
   * @example const report = await pbx.downloadReport({ type: "extcallactivity", ext_id_list: [1, 2], time: "2024-05-03" });
   */
  function downloadReport(query: ReportQuery, downloadOptions?: DownloadOptions & { unchecked?: false }): Promise<Report>;
  /**
   * A report type or parameter the spec of this version does not know yet (a newer firmware's), sent past
   * the local check: times are still written in the PBX's format and the token added; a warning is logged.
   * @example await pbx.downloadReport({ type: "aireceptionistcallactivity", start_time: "2025-01-01" }, { unchecked: true });
   */
  function downloadReport(query: UncheckedQuery, downloadOptions: DownloadOptions & { unchecked: true }): Promise<Report>;
  async function downloadReport(query: ReportQuery | UncheckedQuery, downloadOptions: DownloadOptions & { unchecked?: boolean } = {}): Promise<Report> {
    let checked: CheckedQuery;
    if (downloadOptions.unchecked === true) {
      const result = uncheckQuery(query);
      if (result.unknown) log?.warn?.(`unchecked: ${result.unknown}; sent as given (times in the PBX's format, token added)`);
      checked = result.checked;
    } else {
      checked = checkQuery(query);
    }
    const signal = downloadOptions.signal;
    const facts = await clock.facts({ format: checked.needsFormat, zone: checked.needsZone, apiVersion: true });
    const { is_async: asyncParam, ...values } = checked.values;
    const wire = toWire({ ...checked, values }, facts.format, facts.zone);
    if (downloadOptions.async || String(asyncParam) === "1") return downloadAsync(checked.type, wire, facts.apiVersion, signal);
    const reply = await prepare(wire, facts.apiVersion, signal);
    failIfError(reply, facts.apiVersion, checked.type);
    return reportFor(checked.type, wire, facts.apiVersion, reply);
  }

  return {
    /** The typed openapi-fetch client (tokens injected), for every other call of the spec. */
    api,

    downloadReport,

    /** system/information and what the client derives from it (display format, UTC offset, API version). */
    async pbxInfo(): Promise<PbxInfo> {
      const facts = await clock.facts({ format: true, zone: true, apiVersion: true });
      const info = facts.information ?? (await clock.information());
      const utcOffsetMinutes = facts.zone && "offsetMinutes" in facts.zone ? facts.zone.offsetMinutes : undefined;
      return { ...facts, information: info, utcOffsetMinutes };
    },

    /**
     * Get Menu Options: the internal IDs that `*_id` / `*_id_list` parameters take. `queue_agent` needs
     * the queue's ID as `id`. Checked before anything is sent.
     * @example const queues = await pbx.menuOptions("queue");
     */
    async menuOptions(menu: MenuName, id?: string | number): Promise<MenuOption[]> {
      const query = menuQuery(menu, id);
      const endpoint = "/openapi/v1.0/system/get_menuoptions";
      const reply = await authed(`GET ${endpoint}`, undefined, (signal) => api.GET(endpoint, { params: { query }, signal }));
      if (reply.errcode !== 0) {
        throw apiError({ errcode: reply.errcode, errmsg: reply.errmsg, endpoint, ...(reply.invalid_param_list ? { invalid_param_list: reply.invalid_param_list } : {}) });
      }
      return reply.data ?? [];
    },

    /** Revokes the token this client obtained (del_token). The client cannot be used afterwards. */
    async close(): Promise<void> {
      await tokens.close();
    },
  };
}

export type YeastarClient = ReturnType<typeof createYeastarClient>;
