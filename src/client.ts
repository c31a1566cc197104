// createYeastarClient: wiring only. Options become the pieces (HTTP clients, openapi-fetch with the token
// middleware, the token manager, the PBX clock), and the pieces become the methods; each step lives in its
// own module (prepare.ts, file-step.ts, events.ts).
import createClient, { type Client } from "openapi-fetch";
import type { paths, SystemInformation, TokenReply } from "../generated/openapi.js";
import { PINNED_TOKEN_HEADER, TokenManager, tokenMiddleware } from "./core/token.js";
import { callAuthed, callJson, type CallSettings } from "./core/calls.js";
import type { Context, WirePaths } from "./query/context.js";
import type { Report } from "./download/report.js";
import { apiError } from "./errors.js";
import { downloadChecked } from "./download/flow.js";
import { oneAtATime } from "./download/step1-async.js";
import { fetchMenuOptions, type MenuName } from "./query/menus.js";
import { checkOptions, clockOptions, type YeastarClientOptions } from "./options.js";
import { PbxClock, type PbxFacts } from "./query/pbx-clock.js";
import { operatorMethods } from "./operations/operator.js";
import { familyMethods } from "./operations/scheduled.js";
import { checkQuery, uncheckQuery, type CheckedQuery, type ReportQuery, type UncheckedQuery } from "./query/check.js";
import { httpClients } from "./core/http.js";
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

/** The pieces of a client, built from its options. */
function wire(options: YeastarClientOptions) {
  const origin = checkOptions(options).origin;
  const calls: CallSettings = {
    timeout: options.timeout ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    retryDelay: options.retryDelay ?? 500,
    signal: options.signal,
    warn: options.logger?.warn?.bind(options.logger),
    debug: options.logger?.debug?.bind(options.logger),
  };
  const userAgent = options.userAgent ?? `yeastar-call-reports/${version}`;
  const http = httpClients({ fetch: options.fetch, ca: options.ca });
  const clientOptions = {
    baseUrl: origin,
    fetch: http.fetch,
    // Never followed: a redirect would carry the credentials, or the token in the URL, to another host.
    redirect: "manual",
    headers: { "user-agent": userAgent },
    querySerializer: { object: { style: "form", explode: true } },
  } as const;
  // The same client twice: typed as the spec for users, and as the wire for the library's own calls.
  const api: Client<paths> = createClient<paths>(clientOptions);
  const wireApi: Client<WirePaths> = createClient<WirePaths>(clientOptions);
  const tokenCalls = {
    getToken: (body: { username: string; password: string }) =>
      callJson<TokenReply>(calls, "POST /openapi/v1.0/get_token", undefined, (signal) =>
        api.POST("/openapi/v1.0/get_token", { body, signal }),
      ),
    refreshToken: (body: { refresh_token: string }) =>
      callJson<TokenReply>(calls, "POST /openapi/v1.0/refresh_token", undefined, (signal) =>
        api.POST("/openapi/v1.0/refresh_token", { body, signal }),
      ),
    deleteToken: async (token: string) => {
      const headers = { [PINNED_TOKEN_HEADER]: token };
      // Not tied to the client's signal: a token is revoked even after the client was aborted.
      await callJson({ ...calls, signal: undefined }, "GET /openapi/v1.0/del_token", undefined, (signal) =>
        api.GET("/openapi/v1.0/del_token", { signal, headers }),
      );
    },
  };
  const credentials =
    options.accessToken !== undefined
      ? { accessToken: options.accessToken }
      : { clientId: options.clientId ?? "", clientSecret: options.clientSecret ?? "" };
  const tokens = new TokenManager(tokenCalls, credentials);
  const middleware = tokenMiddleware(tokens, calls.debug);
  api.use(middleware);
  wireApi.use(middleware);
  const ctx: Context = {
    origin,
    userAgent,
    ca: options.ca,
    api: wireApi,
    tokens,
    http,
    calls,
    fileTimeout: options.fileTimeout ?? 60_000,
    fileDeadline: options.fileDeadline,
    maxFileBytes: options.maxFileBytes,
    asyncTimeout: options.asyncTimeout ?? 600_000,
  };
  const clock = new PbxClock(clockOptions(options), async () => {
    const endpoint = "/openapi/v1.0/system/information";
    const info = await callAuthed<SystemInformation>(calls, tokens, `GET ${endpoint}`, undefined, (signal) =>
      api.GET(endpoint, { signal }),
    );
    if (info.errcode !== 0) throw apiError({ errcode: info.errcode, errmsg: info.errmsg, endpoint });
    return info;
  });
  return { api, ctx, clock };
}

/**
 * A client for one PBX.
 * @example
 * const pbx = createYeastarClient({ baseUrl: "https://192.168.5.150:8088", clientId, clientSecret });
 * const report = await pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1, start_time: "2022-04-01T00:00:00",
 * end_time: "2022-05-31T23:59:59" });
 * await report.saveTo("reports/");
 * await pbx.close();
 */
export function createYeastarClient(options: YeastarClientOptions) {
  const { api, ctx, clock } = wire(options);
  const asyncTurn = oneAtATime();

  const menuOptions = (menu: MenuName, id?: string | number) => fetchMenuOptions(ctx, menu, id);

  /**
   * Prepares a call report (step 1) and returns it, ready to fetch (step 2) with saveTo(), rows(),
   * text() or stream(). The query is checked against the spec before anything is sent.
   * @example
   * const report = await pbx.downloadReport({ type: "extcallactivity", ext_id_list: [1, 2], time: "2024-05-03" });
   */
  function downloadReport(
    query: ReportQuery,
    downloadOptions?: DownloadOptions & { unchecked?: false },
  ): Promise<Report>;
  /**
   * A report type or parameter the spec of this version does not know yet (a newer firmware's), sent past
   * the local check: times are still written in the PBX's format and the token added; a warning is logged.
   * @example
   * await pbx.downloadReport({ type: "aireceptionistcallactivity", start_time: "2025-01-01" }, { unchecked: true });
   */
  function downloadReport(
    query: UncheckedQuery,
    downloadOptions: DownloadOptions & { unchecked: true },
  ): Promise<Report>;
  async function downloadReport(
    query: ReportQuery | UncheckedQuery,
    downloadOptions: DownloadOptions & { unchecked?: boolean } = {},
  ): Promise<Report> {
    let checked: CheckedQuery;
    if (downloadOptions.unchecked === true) {
      const result = uncheckQuery(query);
      if (result.unknown)
        ctx.calls.warn?.(`unchecked: ${result.unknown}; sent as given (times in the PBX's format, token added)`);
      checked = result.checked;
    } else {
      checked = checkQuery(query);
    }
    return downloadChecked(ctx, clock, asyncTurn, checked, downloadOptions);
  }

  return {
    /** The typed openapi-fetch client (tokens injected); its raw `response.url` holds the access token. */
    api,

    downloadReport,

    /** system/information and what the client derives from it (display format, UTC offset, API version). */
    async pbxInfo(): Promise<PbxInfo> {
      const facts = await clock.facts({ format: true, zone: true, apiVersion: true });
      const information = facts.information ?? (await clock.information());
      const utcOffsetMinutes = facts.zone && "offsetMinutes" in facts.zone ? facts.zone.offsetMinutes : undefined;
      return { ...facts, information, utcOffsetMinutes };
    },

    /**
     * Get Menu Options: the internal IDs that `*_id` / `*_id_list` parameters take. `queue_agent` needs
     * the queue's ID as `id`. Checked before anything is sent.
     * @example const queues = await pbx.menuOptions("queue");
     */
    menuOptions,

    ...familyMethods(ctx, clock, asyncTurn),

    ...operatorMethods({ clock, menuOptions, formatFromPbx: (options.displayFormat ?? "auto") === "auto" }),

    /** Revokes the token this client obtained (del_token). The client cannot be used afterwards. */
    async close(): Promise<void> {
      await ctx.tokens.close();
    },
  };
}

export type YeastarClient = ReturnType<typeof createYeastarClient>;
