/**
 * The typed openapi-fetch client of a {@link YeastarClient}, for the calls of the spec that the client does not wrap:
 * `typedApi(pbx).GET("/openapi/v1.0/extension/list", { params: { query: { page: 1 } } })`, the token injected and
 * renewed, the client's timeouts not applied. Its own entry point, so that a project importing only the main entry
 * does not type-check openapi-fetch's declarations (they cost it most of a second).
 *
 * The raw `response.url` of what it returns holds the access token: do not log it.
 * @module yeastar-call-reports/api
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi.js";
import { YeastarOptionError } from "../errors.js";
import { typedApis } from "../query/context.js";
import type { YeastarClient } from "../yeastar-client.js";

export type { paths } from "../../generated/openapi.js";

/**
 * The typed openapi-fetch client of `pbx` (made by createYeastarClient), its token injected.
 * @example
 * import { typedApi } from "yeastar-call-reports/api";
 * const { data } = await typedApi(pbx).GET("/openapi/v1.0/system/information");
 */
export function typedApi(pbx: YeastarClient): Client<paths> {
  const api = typedApis.get(pbx);
  if (!api) throw new YeastarOptionError("typedApi() takes a client made by createYeastarClient()");
  return api();
}
