// The options of createYeastarClient, documented for the editor hover, and their check (programmer
// misuse throws a YeastarOptionError with an instructive message before anything is sent).
import type { Logger, RequestPolicy } from "./core/calls.js";
import type { FetchLike } from "./core/http.js";
import { pinOf, type TlsTrust } from "./core/tls.js";
import type { Credentials } from "./core/token.js";
import { YeastarOptionError } from "./errors.js";
import type { ApiVersion } from "./model/api-version.js";
import { checkZone, type DisplayFormat, dateFormats, isDateFormat } from "./model/pbx-time.js";
import type { ClockOptions } from "./query/pbx-clock.js";
import { version } from "./version.js";

export interface YeastarClientOptions {
  /** The PBX origin, e.g. `https://192.168.5.150:8088` (no path). */
  baseUrl: string;
  /** The API client ID (PBX: Integrations > API). With clientSecret, the client gets and renews tokens itself. */
  clientId?: string;
  clientSecret?: string;
  /** A token the caller manages instead of clientId/clientSecret: never renewed, never revoked. */
  accessToken?: string;
  /**
   * The API version of report calls: "auto" picks v2.0 for firmware x.21.0.117 or later, else v1.0.
   * The version goes by the age of the data, not only the firmware: a PBX upgraded to x.21.0.117 serves
   * what it recorded since under v2.0 and what it recorded before under v1.0 (until its CDR cleanup
   * removes it), so pass "v1.0" for reports of periods before the upgrade. Token and system calls always
   * use v1.0. @default "auto"
   * @example "v1.0" // data recorded before the upgrade to x.21.0.117
   */
  apiVersion?: "auto" | ApiVersion;
  /**
   * How the PBX writes times: "auto" reads it from system/information once per client.
   * @default "auto"
   * @example { date: "MM/DD/YYYY", clock: 24 }
   */
  displayFormat?: "auto" | DisplayFormat;
  /**
   * The PBX's time zone, for times given as instants (a Date, or an ISO string with Z/offset). "auto"
   * uses the PBX's current UTC offset (system_time − timestamp), which is wrong across a DST change:
   * name the zone for historical ranges. @default "auto"
   * @example "Europe/Berlin"
   */
  timeZone?: "auto" | string;
  /** @default "yeastar-call-reports/<version>" (the PBX may not answer a request without one) */
  userAgent?: string;
  /** The PBX's certificate or its CA (PEM), to trust a self-signed PBX; the host name is still checked. */
  ca?: string | Buffer;
  /**
   * Trust exactly this certificate, whatever names it holds, and no other: a PBX's factory certificate (self-signed,
   * for names that are not the address used). The certificate (PEM) or its SHA-256 fingerprint as `sha256:HEX`
   * (`openssl x509 -noout -fingerprint -sha256`). Checked before any byte is sent; not with `ca`.
   * @example "sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"
   */
  pinCertificate?: string | Buffer;
  /** Milliseconds per attempt of a JSON call. @default 30000 */
  timeout?: number;
  /**
   * Milliseconds per attempt of a login (get_token, refresh_token): a PBX answers one at once, so a dead PBX is known
   * sooner than by `timeout`, which allows for reports the PBX takes long to prepare. @default 10000
   */
  loginTimeout?: number;
  /**
   * Milliseconds without a byte while a file arrives (an inactivity timeout, so large files are not cut off). @default
   * 60000
   */
  fileTimeout?: number;
  /**
   * Milliseconds a report file may take from its request to its last byte, however steadily it arrives
   * (a PBX dripping a byte at a time never trips the inactivity timeout). @default none
   */
  fileDeadline?: number;
  /**
   * The largest report file accepted, in bytes: a larger one is refused (by its Content-Length, or as it
   * arrives). @default none
   */
  maxFileBytes?: number;
  /** Milliseconds to wait for event 30027 of an async report. @default 600000 */
  asyncTimeout?: number;
  /** Retries of transport failures, HTTP 5xx and timeouts (never of parameter or credential errors). @default 2 */
  maxRetries?: number;
  /** The first retry's delay in ms; each retry doubles it, with jitter. @default 500 */
  retryDelay?: number;
  /**
   * The fetch to use for every request, the report files included (read through its web stream).
   * @default Node's own http/https for every request, on keep-alive Agents of the client's (one connection per
   * PBX, `ca` and `pinCertificate` on its https Agent): JSON replies read whole, report files as a Node stream
   */
  fetch?: FetchLike;
  /** Receives one line per request and retry; URLs with tokens redacted. @default none */
  logger?: Logger;
  /** Aborts every call of this client. */
  signal?: AbortSignal;
}

/**
 * The defaults of the options above, the values their `@default` tags name (a unit test holds the two
 * together); applied in one place, resolveOptions().
 */
export const defaults = {
  apiVersion: "auto",
  displayFormat: "auto",
  timeZone: "auto",
  userAgent: `yeastar-call-reports/${version}`,
  timeout: 30_000,
  loginTimeout: 10_000,
  fileTimeout: 60_000,
  asyncTimeout: 600_000,
  maxRetries: 2,
  retryDelay: 500,
} as const;

const apiVersions = ["auto", "v1.0", "v2.0"] as const;

/** The longest delay a Node timer takes. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** An API version option ("auto", "v1.0", "v2.0"), or an error that names `name` (the option or the flag). */
export function checkApiVersion(value: string, name = "apiVersion"): "auto" | ApiVersion {
  const found = apiVersions.find((v) => v === value);
  if (!found) throw new YeastarOptionError(`${name} must be auto, v1.0 or v2.0; not ${JSON.stringify(value)}`);
  return found;
}

/**
 * A display format from a date order and a clock (the command line's flags), or an error that names the flag at fault.
 */
export function checkDisplayFormat(
  date: unknown,
  clock: unknown,
  names: { date: string; clock: string },
): DisplayFormat {
  if (!isDateFormat(date))
    throw new YeastarOptionError(`${names.date} must be one of ${dateFormats.join(", ")}; not ${JSON.stringify(date)}`);
  const hours = Number(clock);
  if (hours !== 12 && hours !== 24)
    throw new YeastarOptionError(`${names.clock} must be 12 or 24; not ${JSON.stringify(clock)}`);
  return { date, clock: hours };
}

/** Checks the options before anything is sent; returns the PBX origin. */
export function checkOptions(o: YeastarClientOptions): URL {
  let base: URL;
  try {
    base = new URL(o.baseUrl);
  } catch {
    throw new YeastarOptionError(
      `baseUrl ${JSON.stringify(o.baseUrl)} is not a URL; pass the PBX origin, e.g. "https://192.168.5.150:8088"`,
    );
  }
  if (base.protocol !== "https:" && base.protocol !== "http:")
    throw new YeastarOptionError(`baseUrl must be http(s)://host:port, not ${base.protocol}`);
  if (base.pathname !== "/" || base.search) {
    throw new YeastarOptionError(
      `baseUrl must be the PBX origin without a path (e.g. "${base.origin}"); the client adds /openapi/{version}/ ` +
        `itself`,
    );
  }
  const hasPair = o.clientId !== undefined || o.clientSecret !== undefined;
  if (hasPair && o.accessToken !== undefined)
    throw new YeastarOptionError("pass either clientId and clientSecret, or accessToken, not both");
  if (hasPair && !(o.clientId && o.clientSecret))
    throw new YeastarOptionError("clientId and clientSecret go together: pass both (PBX: Integrations > API)");
  if (!hasPair && !o.accessToken)
    throw new YeastarOptionError("pass clientId and clientSecret (PBX: Integrations > API), or an accessToken");
  if (o.apiVersion !== undefined) checkApiVersion(o.apiVersion);
  if (o.ca && o.pinCertificate) throw new YeastarOptionError("pass ca or pinCertificate, not both");
  if (o.pinCertificate !== undefined) pinOf(o.pinCertificate);
  const f = o.displayFormat;
  if (f !== undefined && f !== "auto" && !(isDateFormat(f.date) && (f.clock === 12 || f.clock === 24))) {
    throw new YeastarOptionError(
      `displayFormat must be "auto" or { date: ${dateFormats.map((d) => `"${d}"`).join(" | ")}, clock: 12 | 24 }`,
    );
  }
  if (o.timeZone !== undefined && o.timeZone !== "auto") {
    try {
      checkZone(o.timeZone);
    } catch (error) {
      throw new YeastarOptionError((error as Error).message);
    }
  }
  const timers = ["timeout", "loginTimeout", "fileTimeout", "fileDeadline", "asyncTimeout", "retryDelay"] as const;
  for (const key of [...timers, "maxRetries", "maxFileBytes"] as const) {
    const v = o[key];
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) {
      throw new YeastarOptionError(`${key} must be a number ≥ 0, not ${JSON.stringify(v)}`);
    }
  }
  for (const key of timers) {
    // Node's timers take at most 2^31 − 1 ms; a larger value would fire at once.
    const v = o[key];
    if (v !== undefined && v > MAX_TIMER_MS)
      throw new YeastarOptionError(`${key} must be at most ${MAX_TIMER_MS} ms (about 24.8 days)`);
  }
  return base;
}

/** The options checked, with every default applied: what the client is built from. */
export interface ResolvedOptions {
  origin: string;
  credentials: Credentials;
  userAgent: string;
  /** The certificates trusted beyond the system's: `ca`, or the pinned certificate's fingerprint. */
  tls: TlsTrust | undefined;
  fetch: FetchLike | undefined;
  policy: RequestPolicy;
  /** Milliseconds per attempt of get_token and refresh_token. */
  loginTimeout: number;
  file: { timeout: number; deadline: number | undefined; maxBytes: number | undefined };
  asyncTimeout: number;
  clock: ClockOptions;
}

/** Checks the options (nothing is sent before) and applies the defaults: the one place they are applied. */
export function resolveOptions(o: YeastarClientOptions): ResolvedOptions {
  const origin = checkOptions(o).origin;
  const logger = o.logger;
  return {
    origin,
    credentials:
      o.accessToken !== undefined
        ? { accessToken: o.accessToken }
        : { clientId: o.clientId ?? "", clientSecret: o.clientSecret ?? "" },
    userAgent: o.userAgent ?? defaults.userAgent,
    tls: o.ca || o.pinCertificate ? { ca: o.ca, pin: o.pinCertificate && pinOf(o.pinCertificate) } : undefined,
    fetch: o.fetch,
    policy: {
      timeout: o.timeout ?? defaults.timeout,
      maxRetries: o.maxRetries ?? defaults.maxRetries,
      retryDelay: o.retryDelay ?? defaults.retryDelay,
      signal: o.signal,
      log: { warn: logger?.warn?.bind(logger), debug: logger?.debug?.bind(logger) },
    },
    loginTimeout: o.loginTimeout ?? defaults.loginTimeout,
    file: { timeout: o.fileTimeout ?? defaults.fileTimeout, deadline: o.fileDeadline, maxBytes: o.maxFileBytes },
    asyncTimeout: o.asyncTimeout ?? defaults.asyncTimeout,
    clock: {
      displayFormat: o.displayFormat ?? defaults.displayFormat,
      timeZone: o.timeZone ?? defaults.timeZone,
      apiVersion: o.apiVersion ?? defaults.apiVersion,
    },
  };
}
