// createYeastarClient: wiring only. The options, resolved once (options.ts), become the pieces (HTTP clients,
// openapi-fetch on the token-adding fetch, the token manager, the PBX clock), and the pieces become the methods
// of the declared YeastarClient (yeastar-client.ts); each step lives in its own module.
import createClient, { type Client, createQuerySerializer } from "openapi-fetch";
import type { paths, SystemInformation, TokenReply } from "../generated/openapi.js";
import { lateAbort } from "./core/abort.js";
import { apiError } from "./core/api-errors.js";
import { apiFetch, PINNED_TOKEN_HEADER } from "./core/api-fetch.js";
import { callAuthed, callJson, type RequestPolicy } from "./core/calls.js";
import { httpClients } from "./core/http.js";
import { PlainRequest } from "./core/plain-web.js";
import { httpsAgent } from "./core/tls.js";
import { type TokenCalls, TokenManager } from "./core/token.js";
import { downloadChecked, oneAtATime } from "./download/flow.js";
import type { Report } from "./download/report.js";
import { lazyMethods } from "./operations/lazy.js";
import { type ResolvedOptions, resolveOptions, type YeastarClientOptions } from "./options.js";
import { type CheckedQuery, checkQuery, type ReportQuery, type UncheckedQuery, uncheckQuery } from "./query/check.js";
import { type Context, typedApis, type WirePaths } from "./query/context.js";
import { fetchMenuOptions, type MenuName } from "./query/menus.js";
import { PbxClock } from "./query/pbx-clock.js";
import { pbxText } from "./secrets.js";
import type { DownloadOptions, PbxInfo, YeastarClient } from "./yeastar-client.js";

const DEL_TOKEN = "GET /openapi/v1.0/del_token";
/** How long a revocation may take per attempt (two attempts at most). */
const REVOKE_TIMEOUT_MS = 2000;

/**
 * How long a login may go on after the client's signal fired: the PBX may have issued the token already, and a token
 * that arrives is revoked by close() rather than left valid.
 */
const LOGIN_GRACE_MS = 3000;

/** Query parameters as the PBX reads them: objects as form fields, exploded. */
const queryStyle = { object: { style: "form", explode: true } } as const;
/**
 * The same, as the function the library's own calls are serialised by: openapi-fetch builds one on every call when
 * given options. typedApi's client keeps the options, so that a call's own querySerializer options merge with them.
 */
const querySerializer = createQuerySerializer(queryStyle);

/** A login call: `loginTimeout` per attempt, and not cut off by the client's signal but LOGIN_GRACE_MS after it. */
async function login(
  policy: RequestPolicy,
  timeout: number,
  what: string,
  run: (signal: AbortSignal) => ReturnType<Client<paths>["POST"]>,
): Promise<TokenReply> {
  const late = lateAbort(policy.signal, LOGIN_GRACE_MS);
  try {
    return await callJson<TokenReply>(
      { ...policy, signal: late.signal, timeout, timeoutName: "loginTimeout" },
      what,
      undefined,
      run,
    );
  } finally {
    late.dispose();
  }
}

/** get_token, refresh_token and del_token, for the token manager. */
function tokenCallsOf(api: Client<WirePaths>, policy: RequestPolicy, loginTimeout: number): TokenCalls {
  return {
    getToken: (body) =>
      login(policy, loginTimeout, "POST /openapi/v1.0/get_token", (signal) =>
        api.POST("/openapi/v1.0/get_token", { body, signal }),
      ),
    refreshToken: (body) =>
      login(policy, loginTimeout, "POST /openapi/v1.0/refresh_token", (signal) =>
        api.POST("/openapi/v1.0/refresh_token", { body, signal }),
      ),
    deleteToken: async (token, expiresAt) => {
      const headers = { [PINNED_TOKEN_HEADER]: token };
      // Not tied to the client's signal: a token is revoked even after the client was aborted. Bounded: a PBX that
      // does not answer must not hold the end of a run (it took 91 s with the defaults).
      const bounded = { ...policy, signal: undefined, timeout: Math.min(policy.timeout, REVOKE_TIMEOUT_MS) };
      const refused = await callJson(
        { ...bounded, maxRetries: Math.min(policy.maxRetries, 1) },
        DEL_TOKEN,
        undefined,
        (signal) => api.GET("/openapi/v1.0/del_token", { signal, headers }),
      ).then(
        (reply) => (reply.errcode === 0 ? undefined : `errcode ${reply.errcode} ${pbxText(reply.errmsg ?? "")}`.trim()),
        (error: unknown) => (error as Error).message,
      );
      if (refused)
        policy.log.warn?.(
          `${DEL_TOKEN}: the access token was not revoked (${refused}); it stays valid until ` +
            `${new Date(expiresAt).toISOString()}`,
        );
    },
  };
}

/** The pieces of a client, built from its resolved options. */
function wire(o: ResolvedOptions) {
  const agent = httpsAgent(o.tls ?? {});
  const http = httpClients({ fetch: o.fetch, httpsAgent: agent });
  // The token manager's calls go through `api`, whose fetch asks the token manager (made below, before any call).
  const fetch = apiFetch(http, { token: (signals) => tokens.token(signals) }, o.policy.log.debug);
  const clientOptions = {
    baseUrl: o.origin,
    fetch,
    // Never followed: a redirect would carry the credentials, or the token in the URL, to another host.
    redirect: "manual",
    headers: { "user-agent": o.userAgent },
    querySerializer: queryStyle,
  } as const;
  // The same client twice: typed as the spec for users (made when typedApi first asks), and as the wire for the
  // library's own calls. The library's own calls build PlainRequests (plain-web.ts); typedApi's, standard Requests.
  let typed: Client<paths> | undefined;
  const api = () => {
    typed ??= createClient<paths>(clientOptions);
    return typed;
  };
  const wireApi: Client<WirePaths> = createClient<WirePaths>({
    ...clientOptions,
    querySerializer,
    Request: PlainRequest,
  });
  const tokens = new TokenManager(tokenCallsOf(wireApi, o.policy, o.loginTimeout), o.credentials);
  const ctx: Context = {
    origin: o.origin,
    userAgent: o.userAgent,
    httpsAgent: agent,
    api: wireApi,
    tokens,
    http,
    policy: o.policy,
    fileTimeout: o.file.timeout,
    fileDeadline: o.file.deadline,
    maxFileBytes: o.file.maxBytes,
    asyncTimeout: o.asyncTimeout,
  };
  const clock = new PbxClock(o.clock, async () => {
    const endpoint = "/openapi/v1.0/system/information";
    const info = await callAuthed<SystemInformation>(o.policy, tokens, `GET ${endpoint}`, undefined, (signal) =>
      wireApi.GET(endpoint, { signal }),
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
export function createYeastarClient(options: YeastarClientOptions): YeastarClient {
  const resolved = resolveOptions(options);
  const { api, ctx, clock } = wire(resolved);
  const asyncTurn = oneAtATime();
  const menuOptions = (menu: MenuName, id?: string | number) => fetchMenuOptions(ctx, menu, id);

  const downloadReport = async (
    query: ReportQuery | UncheckedQuery,
    downloadOptions: DownloadOptions & { unchecked?: boolean } = {},
  ): Promise<Report> => {
    let checked: CheckedQuery;
    if (downloadOptions.unchecked === true) {
      const result = uncheckQuery(query);
      if (result.unknown)
        ctx.policy.log.warn?.(`unchecked: ${result.unknown}; sent as given (times in the PBX's format, token added)`);
      checked = result.checked;
    } else {
      checked = checkQuery(query);
    }
    return downloadChecked(ctx, clock, asyncTurn, checked, downloadOptions);
  };

  const pbxInfo = async (): Promise<PbxInfo> => {
    const facts = await clock.facts({ format: true, zone: true, apiVersion: true });
    const information = facts.information ?? (await clock.information());
    const utcOffsetMinutes = facts.zone && "offsetMinutes" in facts.zone ? facts.zone.offsetMinutes : undefined;
    return { ...facts, information, utcOffsetMinutes };
  };

  const pbx: YeastarClient = {
    // Typed by the interface: the report is of the query's type.
    downloadReport: downloadReport as YeastarClient["downloadReport"],
    pbxInfo,
    menuOptions,
    ...lazyMethods(ctx, clock, asyncTurn, {
      clock,
      menuOptions,
      formatFromPbx: resolved.clock.displayFormat === "auto",
    }),
    close: () => ctx.tokens.close(),
  };
  typedApis.set(pbx, api);
  return pbx;
}
