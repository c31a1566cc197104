// The public surface of yeastar-call-reports.
export { reportTypes, errcodes } from "../generated/reports.ts";
export type { CallReportQuery, CallReportDownloadReply, InvalidParam, SystemInformation, TokenReply, paths, components } from "../generated/openapi.ts";
