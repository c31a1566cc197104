// The library's internal entry, for its own command line only: what the CLI needs beyond the public surface
// (index.ts) to build flags and help from the spec's table and to write files as the library does. Not part of
// the package's exports and not covered by semver; a user of the library needs none of it.
export { reportDocs } from "../generated/report-docs.js";
export type { ParameterSpec, ParamKind, ReportSpec } from "../generated/reports.js";
export { causeCode } from "./core/causes.js";
export { NOT_PINNED, peekCertificate } from "./core/tls.js";
export { isLoginFailure } from "./core/token.js";
export { isCertificateFailure } from "./core/transport-errors.js";
export { checkEncoding } from "./download/encoding.js";
export { fileNamePart, pathPart } from "./download/names.js";
export { existsAlready, privateDirectory, targetOf, writeAtomically } from "./download/save.js";
export { apiVersionFor } from "./model/api-version.js";
export { pick } from "./model/lookup.js";
export { dateFormats, describeFormat } from "./model/pbx-time.js";
export { isPeriod } from "./model/period.js";
export { reportSpecOf, reportTable } from "./model/report-table.js";
export { didYouMean } from "./model/suggest.js";
export { checkApiVersion, checkDisplayFormat, defaults, MAX_TIMER_MS } from "./options.js";
export { checkQuery, uncheckQuery } from "./query/check.js";
export { menuQuery } from "./query/menus.js";
export { escapeControls, redact } from "./secrets.js";
export { version } from "./version.js";
