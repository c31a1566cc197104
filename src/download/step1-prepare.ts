// Step 1: ask the PBX to prepare a report; its failures as typed errors with what to try.
import type { CallReportDownloadReply } from "../../generated/openapi.js";
import { apiError } from "../core/api-errors.js";
import { callAuthed } from "../core/calls.js";
import { YeastarReplyError } from "../errors.js";
import type { ApiVersion } from "../model/api-version.js";
import type { Context, WireQuery } from "../query/context.js";

export type ReadyReply = CallReportDownloadReply & { file: string; download_resource_url: string };

export function prepare(
  ctx: Context,
  wire: WireQuery,
  apiVersion: ApiVersion,
  signal: AbortSignal | undefined,
): Promise<CallReportDownloadReply> {
  const endpoint = `/openapi/${apiVersion}/call_report/download`;
  return callAuthed(ctx.policy, ctx.tokens, `GET ${endpoint}`, signal, (s) =>
    ctx.api.GET("/openapi/{api_version}/call_report/download", {
      params: { path: { api_version: apiVersion }, query: { query: wire } },
      signal: s,
    }),
  );
}

/** What to try when the PBX refused a report request, where the reply says enough to tell. */
function hintFor(
  reply: Pick<CallReportDownloadReply, "errcode" | "invalid_param_list">,
  apiVersion: ApiVersion,
  type: string,
): string | undefined {
  if (reply.errcode === -2) return `The PBX failed on report type ${type}; a firmware without that type answers so`;
  const timeRejected = reply.invalid_param_list?.some((p) => /time/.test(p.field) && /format/i.test(p.valid_msg ?? ""));
  if (timeRejected) {
    return (
      "The PBX reads times in another display format than the one used: leave displayFormat on " +
      '"auto" (--date-format auto) or match the PBX\'s System > Date and Time > Display Format'
    );
  }
  if (reply.errcode === 40002 && apiVersion === "v2.0") {
    return (
      "Data recorded before the PBX's upgrade to firmware x.21.0.117 lives under v1.0: " +
      'for such a period pass apiVersion "v1.0" (--api-version v1.0)'
    );
  }
  return undefined;
}

/** Throws unless the reply names a prepared file. */
export function failIfError(
  reply: CallReportDownloadReply,
  apiVersion: ApiVersion,
  type: string,
  step: { endpoint?: string; hint?: string } = {},
): asserts reply is ReadyReply {
  const endpoint = step.endpoint ?? `/openapi/${apiVersion}/call_report/download`;
  if (reply.errcode === 0) {
    const { file, download_resource_url: url } = reply;
    if (typeof file === "string" && file !== "" && typeof url === "string" && url !== "") return;
    const wrong = typeof file !== "string" || file === "" ? "file" : "download_resource_url";
    throw new YeastarReplyError(
      `malformed reply from GET ${endpoint}: errcode 0 but ${wrong} is not a non-empty string`,
    );
  }
  throw refusal(reply, apiVersion, type, { ...step, endpoint });
}

/** The typed error of a report request the PBX refused, with what to try where the reply says enough. */
export function refusal(
  reply: Pick<CallReportDownloadReply, "errcode" | "errmsg" | "invalid_param_list">,
  apiVersion: ApiVersion,
  type: string,
  step: { endpoint: string; hint?: string },
) {
  const details = {
    errcode: reply.errcode,
    errmsg: reply.errmsg,
    endpoint: step.endpoint,
    ...(reply.invalid_param_list ? { invalid_param_list: reply.invalid_param_list } : {}),
  };
  return apiError(details, step.hint ?? hintFor(reply, apiVersion, type));
}
