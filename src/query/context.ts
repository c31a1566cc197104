// What the steps of a download share: the typed API clients, the token, the HTTP clients and the settings.
import type { Agent } from "node:https";
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi.js";
import type { RequestPolicy } from "../core/calls.js";
import type { HttpClients } from "../core/http.js";
import type { TokenManager } from "../core/token.js";

/** A report query as it goes on the wire: every value a string, by the PBX's parameter names. */
export type WireQuery = Record<string, string>;

/** The paths whose `query` is the report query union: the download and the statistics. */
type ReportPath = "/openapi/{api_version}/call_report/download" | "/openapi/{api_version}/call_report/list";

/** An operation of a report path with its query as wire strings. */
type Wired<P extends ReportPath> = Omit<paths[P], "get"> & {
  get: Omit<paths[P]["get"], "parameters"> & {
    parameters: Omit<paths[P]["get"]["parameters"], "query"> & { query: { query: WireQuery } };
  };
};

/**
 * The spec's paths as the library sends them: the report query as wire strings, checked before against the
 * spec's table (or, with `unchecked: true`, deliberately not). Users get the spec's own `paths` types.
 */
export type WirePaths = Omit<paths, ReportPath> & { [P in ReportPath]: Wired<P> };

/**
 * The typed openapi-fetch client of each YeastarClient, for typedApi() (yeastar-call-reports/api), made on first ask.
 * @internal
 */
export const typedApis = new WeakMap<object, () => Client<paths>>();

/** What the steps of a download share. */
export interface Context {
  /** The PBX origin, e.g. https://192.168.5.150:8088. */
  origin: string;
  userAgent: string;
  /** The https Agent of the client (its trusted certificates), for the event WebSocket. */
  httpsAgent: Agent;
  /**
   * The typed openapi-fetch client the library calls through (tokens injected).
   * @internal
   */
  api: Client<WirePaths>;
  tokens: TokenManager;
  http: HttpClients;
  /** How every request is made: timeout, retries, the client's signal, the log. */
  policy: RequestPolicy;
  /** Milliseconds without a byte while a file arrives. */
  fileTimeout: number;
  /** Milliseconds from a file's request to its last byte, when limited. */
  fileDeadline: number | undefined;
  /** The largest file accepted, when limited. */
  maxFileBytes: number | undefined;
  /** Milliseconds to wait for event 30027. */
  asyncTimeout: number;
}
