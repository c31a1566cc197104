// The public surface of yeastar-call-reports.
export { createYeastarClient, type YeastarClient, type DownloadOptions, type PbxInfo } from "./client.ts";
export type { YeastarClientOptions, Logger } from "./options.ts";
export { Report, type SaveOptions, type ReportInfo } from "./download.ts";
export type { ReportQuery, ReportType, IdList, TimeInput, UncheckedQuery } from "./query.ts";
export { reportTypeNames } from "./query.ts";
export type { ApiVersion } from "./pbx-clock.ts";
export type { MenuName } from "./menus.ts";
export type { DisplayFormat, DateFormat } from "./pbx-time.ts";
export {
  YeastarError,
  YeastarApiError,
  YeastarParameterError,
  YeastarAuthError,
  YeastarCapError,
  YeastarIpBlockedError,
  YeastarNotFoundError,
  YeastarQueryError,
  YeastarConnectionError,
  YeastarTimeoutError,
  YeastarAbortError,
  YeastarDownloadError,
  describeErrcode,
} from "./errors.ts";
export { reportTypes, errcodes, menuNames } from "../generated/reports.ts";
export type { CallReportQuery, CallReportDownloadReply, InvalidParam, SystemInformation, DeviceInfo, MenuOption, SubOrg, paths, components, webhooks } from "../generated/openapi.ts";
