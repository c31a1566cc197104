// Step 2, in one place: where a report file may be fetched from (the PBX origin, /api/download/), fetching it
// with the token through the stream client, what counts as an error answer, the inactivity timeout on the
// connection, and what is retried (an expired token renewed; a file that is gone or a URL past its 30 minutes
// prepared again).
import type { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { apiError } from "../core/api-errors.js";
import { withToken } from "../core/api-fetch.js";
import { startAttempt } from "../core/attempt.js";
import { discard, peek } from "../core/body.js";
import { redirectError } from "../core/calls.js";
import type { StreamedResponse } from "../core/http.js";
import { retryAfterOf, withRetries } from "../core/retry.js";
import { transportError } from "../core/transport-errors.js";
import { YeastarApiError, YeastarConnectionError, YeastarDownloadError, YeastarNotFoundError } from "../errors.js";
import type { Context } from "../query/context.js";
import { pbxText, redact } from "../secrets.js";
import type { FileSource, OpenedFile } from "./file-body.js";
import { kindOfBytes, kindOfName } from "./file-kind.js";
import { Report, type ReportInfo } from "./report.js";
import type { ReadyReply } from "./step1-prepare.js";

const DOWNLOAD_LIFETIME_MS = 30 * 60_000;
/** A URL this close to expiry is not trusted: the report is requested again. */
const EXPIRY_MARGIN_MS = 60_000;

/** Where to fetch `download_resource_url` from: the PBX origin and one segment under /api/download/, or a refusal. */
export function fileUrl(origin: string, downloadResourceUrl: string): { url: string; name: string } {
  const url = new URL(downloadResourceUrl, `${origin}/`);
  if (url.origin !== origin) {
    throw new YeastarDownloadError(
      `refused: the PBX's download_resource_url points to another origin (${url.origin}); the access token is sent ` +
        `only to ${origin}`,
    );
  }
  const name = /^\/api\/download\/([^/]+)$/.exec(url.pathname)?.[1];
  if (!name)
    throw new YeastarDownloadError(
      `refused: the download_resource_url path ${JSON.stringify(url.pathname)} is not under /api/download/`,
    );
  // Origin and path only: nothing else the PBX put in the URL travels with the token.
  return { url: `${origin}${url.pathname}`, name };
}

/** A JSON answer instead of the file: the PBX's error, typed (an expired token marked for renewal first). */
async function errorAnswer(ctx: Context, body: Readable, status: number, generation: number): Promise<YeastarApiError> {
  let reply: { errcode?: unknown; errmsg?: unknown } = {};
  try {
    reply = JSON.parse(await text(body)) as typeof reply;
  } catch {
    // An unreadable error answer is still an error answer: the status says the rest.
  }
  const errcode = typeof reply.errcode === "number" ? reply.errcode : -1;
  if (errcode === 10004) ctx.tokens.expire(generation);
  const gone = status === 404 || errcode === 60001;
  const details = {
    errcode,
    errmsg: typeof reply.errmsg === "string" ? reply.errmsg : "FAILURE",
    endpoint: "/api/download/{file}",
  };
  return apiError(details, gone ? "The report file is gone (its 30 minutes may be over)" : undefined);
}

/** An HTML page (a login page, a proxy's error page) where a report file was expected: said, never saved. */
function notAReport(what: string, status: number, first: Buffer | undefined): YeastarConnectionError {
  const title = /<title[^>]*>([^<]{0,120})/i
    .exec(first?.toString("utf8") ?? "")?.[1]
    ?.replace(/\s+/g, " ")
    .trim();
  const page = title ? `an HTML page titled "${pbxText(title)}"` : "an HTML page";
  return new YeastarConnectionError(`${what}: HTTP ${status} with ${page}, not a report file; nothing was saved`, {
    status,
  });
}

/**
 * Checks the answer is a report file: a 2xx that is neither JSON (an error answer) nor an HTML page (unless the
 * report is named `.html`: its download format on the PBX). Returns the first bytes, left in the body.
 */
async function checkAnswer(
  ctx: Context,
  answer: StreamedResponse,
  file: { what: string; name: string; generation: number },
): Promise<Buffer | undefined> {
  const { what, generation } = file;
  const type = answer.headers.get("content-type") ?? "";
  if (/json/i.test(type)) throw await errorAnswer(ctx, answer.body, answer.status, generation);
  if (answer.status >= 300 && answer.status < 400) {
    discard(answer.body);
    throw redirectError(what, answer);
  }
  if (answer.status < 200 || answer.status >= 300) {
    discard(answer.body);
    const retryAfterMs = retryAfterOf(answer.headers.get("retry-after"));
    throw new YeastarConnectionError(`${what}: HTTP ${answer.status}`, { retryAfterMs, status: answer.status });
  }
  const length = Number(answer.headers.get("content-length") ?? 0);
  if (ctx.maxFileBytes !== undefined && length > ctx.maxFileBytes) {
    discard(answer.body);
    throw new YeastarDownloadError(
      `${what}: the file is ${length} bytes, more than maxFileBytes (${ctx.maxFileBytes}); refused`,
    );
  }
  const htmlReport = kindOfName(file.name) === "html";
  if (/html/i.test(type) && !htmlReport)
    throw notAReport(what, answer.status, await peek(answer.body).finally(() => discard(answer.body)));
  const first = await peek(answer.body);
  if (kindOfBytes(first) === "html" && !htmlReport) {
    discard(answer.body);
    throw notAReport(what, answer.status, first);
  }
  return first;
}

/**
 * One attempt at the file: its body, an inactivity timer that every chunk re-arms (and that waits while data
 * that arrived sits unread: the reader is slow, not the PBX), and the optional overall fileDeadline.
 */
async function openOnce(ctx: Context, info: ReportInfo, signal: AbortSignal | undefined): Promise<OpenedFile> {
  const { url, name } = fileUrl(ctx.origin, info.download_resource_url);
  const what = `GET /api/download/${name}`;
  let body: Readable | undefined;
  const attempt = startAttempt([ctx.policy.signal, signal], ctx.fileTimeout, what, "fileTimeout", {
    deadline: ctx.fileDeadline === undefined ? undefined : { ms: ctx.fileDeadline, name: "fileDeadline" },
    busy: () => body !== undefined && (body.readableLength > 0 || body.readableEnded),
  });
  // Once the body streams, a timeout or an abort ends it here, with the typed error.
  attempt.signal.addEventListener("abort", () => body?.destroy(attempt.error(new Error("aborted"))), { once: true });
  try {
    const { token, generation } = await ctx.tokens.token([attempt.signal]);
    const tokened = withToken(url, token);
    ctx.policy.log.debug?.(`GET ${redact(tokened)}`);
    const answer = await ctx.http.stream(tokened, { headers: { "user-agent": ctx.userAgent }, signal: attempt.signal });
    const head = await checkAnswer(ctx, answer, { what, name, generation });
    body = answer.body;
    const length = answer.headers.get("content-length");
    return {
      body,
      head,
      contentLength: length === null ? undefined : Number(length),
      maxBytes: ctx.maxFileBytes,
      activity: attempt.refresh,
      done: attempt.dispose,
    };
  } catch (error) {
    attempt.dispose();
    throw attempt.error(error);
  }
}

/**
 * The Report of a prepared file. `again` prepares the same report once more (synchronously): for a URL past
 * its 30 minutes, or a file the PBX no longer has.
 */
export function reportOf(
  ctx: Context,
  type: string,
  first: ReadyReply,
  again: (signal: AbortSignal | undefined) => Promise<ReadyReply>,
): Report {
  const infoOf = (reply: ReadyReply): ReportInfo => ({
    type,
    file: reply.file,
    download_resource_url: reply.download_resource_url,
    expiresAt: new Date(Date.now() + DOWNLOAD_LIFETIME_MS),
  });
  let info = infoOf(first);
  const renew = async (signal: AbortSignal | undefined) => {
    info = infoOf(await again(signal));
  };
  const retry = { maxRetries: ctx.policy.maxRetries, retryDelay: ctx.policy.retryDelay, log: ctx.policy.log.warn };
  const signalsOf = (signal: AbortSignal | undefined) => [ctx.policy.signal, signal];

  const open = async (signal: AbortSignal | undefined): Promise<OpenedFile> => {
    if (Date.now() >= info.expiresAt.getTime() - EXPIRY_MARGIN_MS) {
      ctx.policy.log.debug?.(`the download URL of ${info.file} has expired; requesting the ${type} report again`);
      await renew(signal);
    }
    try {
      return await openOnce(ctx, info, signal);
    } catch (error) {
      if (!(error instanceof YeastarApiError)) throw error;
      // An expired token (already marked for renewal) is renewed and the file asked for once more; a file
      // the PBX no longer has is prepared again, once.
      if (error.errcode === 10004) return openOnce(ctx, info, signal);
      if (!(error instanceof YeastarNotFoundError)) throw error;
      await renew(signal);
      return openOnce(ctx, info, signal);
    }
  };
  // One retry budget per Report operation (saveTo, text, rows, stream): open() is one attempt at the file,
  // the operation's retry() repeats it; so a failing file costs at most maxRetries + 1 requests.
  const source: FileSource = {
    open,
    warn: ctx.policy.log.warn,
    retry: (what, attempt, signal) => withRetries(attempt, { ...retry, signals: signalsOf(signal), what }),
    bodyError: (error, signal) =>
      transportError(error, `downloading ${type} report`, {
        userSignal: signalsOf(signal).find((s) => s?.aborted),
        timedOut: false,
        timeoutMs: ctx.fileTimeout,
        timeoutName: "fileTimeout",
      }),
  };
  return new Report(() => info, source);
}
