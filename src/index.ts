/**
 * The public surface of yeastar-call-reports: `createYeastarClient`, the report types, `Report`, the errors.
 * @module yeastar-call-reports
 */

export type {
  CallReportDownloadReply,
  CallReportQuery,
  CallReportStatistics,
  components,
  DeviceInfo,
  InvalidParam,
  MenuOption,
  PauseReason,
  paths,
  ScheduledReport,
  SubOrg,
  SystemInformation,
  webhooks,
} from "../generated/openapi.js";
export { errcodes, menuNames, reportTypes } from "../generated/reports.js";
export { createYeastarClient } from "./client.js";
export type { Logger } from "./core/calls.js";
export type { FetchLike } from "./core/http.js";
export type { FileKind } from "./download/file-kind.js";
export { type ReadReportOptions, type ReportInput, readReport } from "./download/read-report.js";
export { Report, type ReportInfo, type RowsOptions, type SaveOptions } from "./download/report.js";
export {
  type ApiErrorDetails,
  type ApiErrorOptions,
  type ConnectionErrorOptions,
  type ContentErrorOptions,
  type ContentProblem,
  describeErrcode,
  type ErrcodeEntry,
  type ErrcodeKind,
  type FileErrorOptions,
  type QueryErrorOptions,
  YeastarAbortError,
  YeastarApiError,
  YeastarAuthError,
  YeastarCapError,
  YeastarConnectionError,
  YeastarContentError,
  YeastarDownloadError,
  YeastarError,
  type YeastarErrorOptions,
  YeastarFileError,
  YeastarIpBlockedError,
  YeastarNotFoundError,
  YeastarOptionError,
  YeastarParameterError,
  YeastarQueryError,
  YeastarReplyError,
  YeastarTimeoutError,
} from "./errors.js";
export type { ApiVersion } from "./model/api-version.js";
export type { ColumnFindings, KnownColumn, ReportRow, Section } from "./model/columns.js";
export { type DateFormat, type DisplayFormat, dateFormats, type Zone } from "./model/pbx-time.js";
export { type Period, type PeriodQuery, periods } from "./model/period.js";
export { type ReportStatistics, type StatisticsListKeys, statisticsLists } from "./model/statistics-lists.js";
export type { Finding } from "./operations/diagnosis.js";
export type { ScheduledDownloadOptions, ScheduledListOptions } from "./operations/scheduled.js";
export { type StatisticsOptions, statisticsEntries } from "./operations/statistics.js";
export type { YeastarClientOptions } from "./options.js";
export type { IdList, ReportQuery, ReportType, TimeInput, UncheckedQuery } from "./query/check.js";
export { reportTypeNames } from "./query/check.js";
export type { MenuName } from "./query/menus.js";
export type { DownloadOptions, PbxInfo, QueryOptions, ResolveOptions, YeastarClient } from "./yeastar-client.js";
