// The public surface of yeastar-call-reports.
export { createYeastarClient } from "./client.js";
export type { DownloadOptions, PbxInfo, QueryOptions, ResolveOptions, YeastarClient } from "./yeastar-client.js";
export { periods, type Period, type PeriodQuery } from "./model/period.js";
export type { Finding } from "./operations/diagnosis.js";
export type { ScheduledDownloadOptions, ScheduledListOptions } from "./operations/scheduled.js";
export { statisticsEntries, type StatisticsOptions } from "./operations/statistics.js";
export { statisticsLists, type ReportStatistics } from "./model/statistics-lists.js";
export type { YeastarClientOptions, Logger } from "./options.js";
export { Report, type SaveOptions, type ReportInfo } from "./download/report.js";
export type { ReportQuery, ReportType, IdList, TimeInput, UncheckedQuery } from "./query/check.js";
export { reportTypeNames } from "./query/check.js";
export type { ApiVersion } from "./model/api-version.js";
export type { MenuName } from "./query/menus.js";
export type { DisplayFormat, DateFormat } from "./model/pbx-time.js";
export {
  YeastarError,
  YeastarApiError,
  YeastarParameterError,
  YeastarAuthError,
  YeastarCapError,
  YeastarIpBlockedError,
  YeastarNotFoundError,
  YeastarQueryError,
  YeastarOptionError,
  YeastarConnectionError,
  YeastarTimeoutError,
  YeastarAbortError,
  YeastarDownloadError,
  YeastarFileError,
  describeErrcode,
  type ErrcodeKind,
} from "./errors.js";
export { reportTypes, errcodes, menuNames } from "../generated/reports.js";
export type {
  CallReportQuery,
  CallReportDownloadReply,
  InvalidParam,
  SystemInformation,
  DeviceInfo,
  MenuOption,
  SubOrg,
  PauseReason,
  ScheduledReport,
  CallReportStatistics,
  paths,
  components,
  webhooks,
} from "../generated/openapi.js";
