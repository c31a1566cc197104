// Every failure of the library is a YeastarError: `catch (e) { if (e instanceof YeastarError) … }` catches
// them all. No error carries a token or secret: URLs are reduced to their path, messages are redacted.

import type { InvalidParam } from "../generated/openapi.js";
import { errcodes } from "../generated/reports.js";
import { redact } from "./secrets.js";

export interface ErrcodeEntry {
  errmsg: string;
  meaning: string;
  kind: Exclude<ErrcodeKind, "unknown">;
}

const catalogue: Readonly<Record<string, ErrcodeEntry>> = errcodes;

/** What the errcode catalogue (spec/schemas/Errcode.yaml) says of a code; undefined for codes it does not list. */
export function describeErrcode(errcode: number): ErrcodeEntry | undefined {
  const key = String(errcode);
  return Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
}

/** What every error's constructor takes after its message; each class adds its own fields. */
export interface YeastarErrorOptions {
  /** The error this one wraps (a system error, a TLS failure, …); tokens and secrets are never in it. */
  cause?: unknown;
}

/**
 * The one constructor shape of the library's errors: `new YeastarXError(message, { cause, …fields })`. The message is
 * redacted: no token or secret a client of this process holds, and no `access_token=` value, survives in it.
 */
export class YeastarError extends Error {
  override name: string = "YeastarError";
  constructor(message: string, options?: YeastarErrorOptions) {
    super(redact(message), options);
  }
}

export interface QueryErrorOptions extends YeastarErrorOptions {
  /** The report type the query named, when it named one. */
  type?: string | undefined;
  /** The parameter at fault, when there is one. */
  parameter?: string | undefined;
}

/** The query or an option is wrong: found before anything was sent. */
export class YeastarQueryError extends YeastarError {
  override name = "YeastarQueryError" as const;
  /** The report type the query named, when it named one. */
  readonly type: string | undefined;
  /** The parameter at fault, when there is one. */
  readonly parameter: string | undefined;
  constructor(message: string, options: QueryErrorOptions = {}) {
    super(message, options);
    this.type = options.type;
    this.parameter = options.parameter;
  }
}

/** An option of the client (or a flag of the command line) is wrong: found before anything was sent. */
export class YeastarOptionError extends YeastarError {
  override name = "YeastarOptionError" as const;
}

/**
 * What kind of failure an errcode is, from the errcode catalogue (spec/schemas/Errcode.yaml); "unknown" for a code it
 * does not list.
 */
export type ErrcodeKind = (typeof errcodes)[keyof typeof errcodes]["kind"] | "unknown";

export interface ApiErrorDetails {
  errcode: number;
  errmsg: string;
  /** The path of the call, without query string (so without the token). */
  endpoint: string;
  invalid_param_list?: InvalidParam[];
  /** With 70004: when the IP block ends. */
  block_expire_time?: number;
}

export interface ApiErrorOptions extends ApiErrorDetails, YeastarErrorOptions {}

/** The PBX answered with a non-zero errcode; `apiError()` builds the right subclass and its message. */
export class YeastarApiError extends YeastarError {
  override name: string = "YeastarApiError";
  readonly errcode: number;
  readonly errmsg: string;
  /** What the errcode catalogue says the code means; undefined for a code it does not know. */
  readonly meaning: string | undefined;
  /**
   * The catalogue's kind of failure: parameter, token, cap, ip-block, not-found, … ("unknown" for a code it does not
   * know).
   */
  readonly kind: ErrcodeKind;
  readonly endpoint: string;
  readonly invalid_param_list: InvalidParam[];

  constructor(message: string, options: ApiErrorOptions) {
    super(message, options);
    const known = describeErrcode(options.errcode);
    this.errcode = options.errcode;
    this.errmsg = options.errmsg;
    this.meaning = known?.meaning;
    this.kind = known?.kind ?? "unknown";
    this.endpoint = options.endpoint;
    this.invalid_param_list = options.invalid_param_list ?? [];
  }
}

/** 40001/40002: the PBX rejected a parameter; `invalid_param_list` says which and, in `valid_msg`, what is valid. */
export class YeastarParameterError extends YeastarApiError {
  override name = "YeastarParameterError" as const;
}

/** Credentials refused (-1 on get_token), or a token that cannot be renewed (10004 with a caller-managed token). */
export class YeastarAuthError extends YeastarApiError {
  override name = "YeastarAuthError" as const;
}

/** 60002: a cap was reached; from get_token, the application holds 8 valid access tokens already. */
export class YeastarCapError extends YeastarApiError {
  override name = "YeastarCapError" as const;
}

/** 70004 (IP blocked after failed logins) or 70087 (IP not in the API allow-list). */
export class YeastarIpBlockedError extends YeastarApiError {
  override name = "YeastarIpBlockedError" as const;
  /** With 70004: when the block ends, where the PBX says. */
  readonly blockExpiresAt: Date | undefined;
  constructor(message: string, options: ApiErrorOptions) {
    super(message, options);
    this.blockExpiresAt = options.block_expire_time ? new Date(options.block_expire_time * 1000) : undefined;
  }
}

/** 60001 and the like, or a report file that is gone (its 30 minutes are over). */
export class YeastarNotFoundError extends YeastarApiError {
  override name = "YeastarNotFoundError" as const;
}

export interface ConnectionErrorOptions extends YeastarErrorOptions {
  /** HTTP status, when the PBX (or a proxy before it) answered with one. */
  status?: number | undefined;
  /** With 429 or 503: how long the PBX (or a proxy) asked to wait (Retry-After), in ms. */
  retryAfterMs?: number | undefined;
}

/** The PBX could not be reached, the connection broke, or it answered with an HTTP failure. */
export class YeastarConnectionError extends YeastarError {
  override name: string = "YeastarConnectionError";
  /** HTTP status, when the PBX (or a proxy before it) answered with one. */
  readonly status: number | undefined;
  /** With 429 or 503: how long the PBX (or a proxy) asked to wait (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: ConnectionErrorOptions = {}) {
    super(message, options);
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The PBX answered, but not what the API promises: not JSON, an empty or oversized reply, errcode 0 without the
 * field it must carry. A kind of connection failure (retried like one, caught by `instanceof YeastarConnectionError`),
 * told apart because it points at the PBX's firmware or at something posing as a PBX, not at the network.
 */
export class YeastarReplyError extends YeastarConnectionError {
  override name = "YeastarReplyError" as const;
}

export interface FileErrorOptions extends YeastarErrorOptions {
  /** The path that could not be written. */
  path: string;
  /** The system's error code: EEXIST, ENOSPC, EROFS, EACCES, ENOENT, ENAMETOOLONG, … */
  code?: string | undefined;
}

/**
 * A local file could not be written (it exists already, no space, read-only, no permission, a missing directory, a
 * name too long).
 */
export class YeastarFileError extends YeastarError {
  override name = "YeastarFileError" as const;
  /** The path that could not be written. */
  readonly path: string;
  /** The system's error code: EEXIST, ENOSPC, EROFS, EACCES, ENOENT, ENAMETOOLONG, … */
  readonly code: string | undefined;
  constructor(message: string, options: FileErrorOptions) {
    super(message, options);
    this.path = options.path;
    this.code = options.code;
  }
}

/**
 * No answer in time: `timeout` per JSON call, `fileTimeout` of inactivity while a file arrives, `asyncTimeout` for
 * event 30027.
 */
export class YeastarTimeoutError extends YeastarError {
  override name = "YeastarTimeoutError" as const;
}

/** The caller's AbortSignal fired. */
export class YeastarAbortError extends YeastarError {
  override name = "YeastarAbortError" as const;
}

/** What a report file turned out to be, when rows() cannot read it. */
export type ContentProblem = "not-csv" | "encoding" | "record-too-long";

export interface ContentErrorOptions extends YeastarErrorOptions {
  problem: ContentProblem;
  /** With "not-csv": the format found (xls, xlsx, pdf, html); with "encoding": the likely encoding. */
  format?: string | undefined;
}

/**
 * A report file whose content rows() cannot read: not CSV (XLS, XLSX, PDF or HTML: the report's download format
 * on the PBX), bytes that are not in the expected encoding, or a record past the reader's cap. Nothing was parsed;
 * saveTo() still saves such a file as it came.
 */
export class YeastarContentError extends YeastarError {
  override name = "YeastarContentError" as const;
  readonly problem: ContentProblem;
  readonly format: string | undefined;
  constructor(message: string, options: ContentErrorOptions) {
    super(message, options);
    this.problem = options.problem;
    this.format = options.format;
  }
}

/** The report file could not be fetched as a whole (refused URL, too large, async failure). */
export class YeastarDownloadError extends YeastarError {
  override name = "YeastarDownloadError" as const;
}
