// From an errcode reply to the typed error: the message (the PBX's words, the catalogue's meaning, the rejected
// parameters in readable tokens, a hint) and the YeastarApiError subclass for the code's kind.
import type { InvalidParam } from "../../generated/openapi.js";
import {
  type ApiErrorDetails,
  describeErrcode,
  YeastarApiError,
  YeastarAuthError,
  YeastarCapError,
  YeastarIpBlockedError,
  YeastarNotFoundError,
  YeastarParameterError,
} from "../errors.js";
import { pbxText } from "../secrets.js";

const goTokens: Record<string, string> = {
  "2006": "YYYY",
  "01": "MM",
  "02": "DD",
  "15": "HH",
  "03": "hh",
  "04": "mm",
  "05": "ss",
  PM: "AM",
};

/**
 * The Go time layout of a PBX valid_msg (`02/01/2006 03:04:05 PM`) in the tokens a person reads:
 * ` = DD/MM/YYYY hh:mm:ss AM`; "" when it holds no layout.
 */
export function readable(validMsg: string): string {
  const layout = /valid format: ([0-9/: PM]+)$/.exec(validMsg)?.[1]?.trim();
  if (!layout || !/2006/.test(layout)) return "";
  return ` = ${layout.replace(/2006|15|0[1-5]|PM/g, (token) => goTokens[token] ?? token)}`;
}

/**
 * The message of an errcode failure: the endpoint, the PBX's errcode and errmsg, what the catalogue says it means,
 * the rejected parameters with their valid format, and a hint.
 */
export function apiErrorMessage(details: ApiErrorDetails, hint?: string): string {
  const known = describeErrcode(details.errcode);
  const params = (details.invalid_param_list ?? [])
    .map(
      (p) =>
        `${p.field}${p.value !== undefined ? `=${JSON.stringify(p.value)}` : ""}` +
        `${p.valid_msg ? ` (${p.valid_msg})${readable(p.valid_msg)}` : ""}`,
    )
    .join("; ");
  return (
    `${details.endpoint}: errcode ${details.errcode} ${details.errmsg}` +
    (known?.meaning
      ? ` — ${known.meaning.replace(/\.$/, "")}`
      : known
        ? ""
        : " — an errcode this version does not know") +
    (params ? `. Rejected: ${params}` : "") +
    (hint ? `. ${hint}` : "")
  );
}

const hints: Record<number, string> = {
  [-1]:
    "Check the client ID and client secret (PBX: Integrations > API); " +
    "a wrong pair is not retried, and 5 failures in a row block this IP",
  60002:
    "The application already holds 8 valid access tokens (each lives 30 minutes): close other clients with " +
    "close(), which revokes their token, or wait for tokens to expire",
  70004:
    "The PBX blocked this IP after 5 failed logins; an administrator can unblock it (PBX: Security > IP " +
    "Blocklist), or wait until the block ends",
  70087: "This IP is not in the API's allowed list (PBX: Integrations > API > IP allowlist)",
};

/** How many rejected parameters an error keeps: a reply names a few; a hostile one may name millions. */
const MAX_INVALID_PARAMS = 20;

/** One rejected parameter as the PBX described it, its strings fit to show (see pbxText). */
function cleanParam(p: unknown): InvalidParam {
  const { field, value, validation_type, valid_msg } = (typeof p === "object" && p !== null ? p : {}) as Record<
    string,
    unknown
  >;
  const optional = (key: string, v: unknown) => (v === undefined ? {} : { [key]: pbxText(v) });
  return {
    field: pbxText(field ?? ""),
    ...optional("value", value),
    ...optional("validation_type", validation_type),
    ...optional("valid_msg", valid_msg),
  };
}

/**
 * What the PBX said, fit to show and to keep on the error: errmsg and the rejected parameters redacted, control
 * characters escaped, bounded; a block end that is no date left out.
 */
function cleanDetails(details: ApiErrorDetails): ApiErrorDetails {
  const list = Array.isArray(details.invalid_param_list) ? details.invalid_param_list : [];
  const end = details.block_expire_time;
  const dated = typeof end === "number" && end > 0 && Number.isFinite(new Date(end * 1000).getTime());
  return {
    errcode: details.errcode,
    errmsg: pbxText(details.errmsg ?? ""),
    endpoint: details.endpoint,
    ...(list.length ? { invalid_param_list: list.slice(0, MAX_INVALID_PARAMS).map(cleanParam) } : {}),
    ...(dated ? { block_expire_time: end } : {}),
  };
}

/**
 * The typed error for a non-zero errcode. `endpoint` must be a path without query string. What the PBX said is
 * cleaned first (cleanDetails): the message and the error's properties show no secret and no control character.
 */
export function apiError(reply: ApiErrorDetails, hint?: string): YeastarApiError {
  const details = cleanDetails(reply);
  const known = details.errcode === -1 && !details.endpoint.endsWith("/get_token") ? undefined : hints[details.errcode];
  const fullHint = [known, hint].filter(Boolean).join(". ") || undefined;
  if (details.errcode === 70004 && details.block_expire_time) {
    const until = new Date(details.block_expire_time * 1000).toISOString();
    return new YeastarIpBlockedError(apiErrorMessage(details, `${fullHint} (the block ends ${until})`), details);
  }
  const message = apiErrorMessage(details, fullHint);
  switch (describeErrcode(details.errcode)?.kind) {
    case "parameter":
      return new YeastarParameterError(message, details);
    case "cap":
      return new YeastarCapError(message, details);
    case "ip-block":
      return new YeastarIpBlockedError(message, details);
    case "not-found":
      return new YeastarNotFoundError(message, details);
  }
  if (details.errcode === -1 && details.endpoint.endsWith("/get_token")) return new YeastarAuthError(message, details);
  return new YeastarApiError(apiErrorMessage(details, hint), details);
}
