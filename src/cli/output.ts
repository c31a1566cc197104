// What the command line prints besides results: lines on stderr, and errors a person can act on.
import {
  YeastarApiError,
  YeastarConnectionError,
  YeastarError,
  YeastarOptionError,
  YeastarQueryError,
} from "../index.js";
import { causeCode, escapeControls, isCertificateFailure, NOT_PINNED, peekCertificate, redact } from "../internal.js";

/**
 * Text for the terminal: redacted (no token or secret of this run), control characters but newline and tab (ESC,
 * CR, C1, bidirectional overrides) shown as `\u001b`, so that nothing a PBX sent (an errmsg, a column name, a file
 * name, a scheduled report's name) can move the cursor, retitle, clear or recolour the terminal.
 */
export const visible = (text: string) => escapeControls(redact(text));

/** A line on stderr, made visible. */
export function say(line: string): void {
  process.stderr.write(`${visible(line)}\n`);
}

/** The exit code of a failure: 2 for usage and invalid queries (nothing sent), 1 for the PBX, the network, files. */
export function exitCodeOf(error: unknown): number {
  return error instanceof YeastarQueryError || error instanceof YeastarOptionError ? 2 : 1;
}

/** What to try for a connection failure, by its cause, naming host:port. */
function connectionHint(error: YeastarConnectionError, base: string | undefined): string {
  if (!base) return "";
  const url = new URL(base);
  const where = url.host;
  const code = causeCode(error.cause) ?? "";
  if (code === "ECONNREFUSED")
    return `\nNothing answers at ${where}: check --base-url (a self-hosted PBX serves HTTPS on 8088).`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return `\nThe host ${url.hostname} is not known here: check --base-url.`;
  if (/WRONG_VERSION_NUMBER|PACKET_LENGTH/.test(code))
    return `\n${where} does not speak HTTPS on this port: check it (--base-url http://${where} if it is plain HTTP)`;
  if (/SSL|EPROTO/.test(code))
    return `\n${where} and this client share no TLS version (TLS 1.2 or later): enable it on the PBX, never plain HTTP`;
  if (url.protocol === "http:" && (error.status === 400 || code === "ECONNRESET" || code === "UND_ERR_SOCKET")) {
    return `\n${where} may speak HTTPS only: try --base-url https://${where}`;
  }
  return `\nThe PBX is ${where} (--base-url).`;
}

/**
 * The library's option names in a message, said as the command line's flags (the library writes
 * `overwrite: true (--overwrite)`, the command line `--overwrite`).
 */
const cliWords: [RegExp, string | ((match: string, name: string) => string)][] = [
  [/overwrite: true \(--overwrite\)/g, "--overwrite"],
  [/leave displayFormat on "auto" \(--date-format auto\)/g, "leave --date-format on auto"],
  [
    /pass displayFormat explicitly, e\.g\. \{[^}]*\} \(--date-format and --clock on the command line\)/g,
    "pass --date-format and --clock",
  ],
  [
    /pass apiVersion \("v2\.0"[^)]*\); --api-version on the command line\)/g,
    "pass --api-version v2.0 (data from firmware x.21.0.117 on) or v1.0 (older data)",
  ],
  [/pass apiVersion "v1\.0" \(--api-version v1\.0\)/g, "pass --api-version v1.0"],
  [
    new RegExp(
      'pass it \\(PEM\\) as the `ca` option, e\\.g\\. ca: readFileSync\\("pbx\\.pem"\\), or --ca FILE on the command ' +
        "line \\(or pin it, pinCertificate, when it is issued for other names\\)",
      "g",
    ),
    "pass it (PEM) with --ca FILE, or --pin-certificate FILE when it is issued for other names (a factory certificate)",
  ],
  [/pass timeZone/g, "pass --time-zone"],
  [/list them with scheduledReports\(\)/g, "list them: yeastar-call-reports scheduled list"],
  [
    /pin this very certificate \(pinCertificate, whatever names it holds\)/g,
    "pin it: --pin-certificate FILE (PEM) or sha256:HEX",
  ],
  [/\((timeout|loginTimeout|fileTimeout|fileDeadline|asyncTimeout)\)/g, (_, name: string) => `(${flagOf(name)})`],
  [/maxFileBytes/g, "--max-file-bytes"],
];
export const inCliWords = (message: string) =>
  cliWords.reduce(
    (text, [pattern, words]) =>
      typeof words === "string" ? text.replace(pattern, words) : text.replace(pattern, words),
    message,
  );

/** An option's flag: fileDeadline → --file-deadline. */
const flagOf = (option: string) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** One or two lines on stderr: what failed and what to try, in the command line's words. */
export function describeFailure(
  error: unknown,
  context: { verbose?: boolean; baseUrl?: string | undefined } = {},
): string {
  return inCliWords(describe(error, context));
}

function describe(error: unknown, context: { verbose?: boolean; baseUrl?: string | undefined }): string {
  const verbose = context.verbose ? "" : "\nRun again with --verbose to see the requests (tokens redacted).";
  if (error instanceof YeastarConnectionError)
    return `error: ${error.message}${connectionHint(error, context.baseUrl)}${verbose}`;
  if (error instanceof YeastarQueryError) {
    const flag =
      error.parameter === undefined
        ? undefined
        : error.parameter === "type"
          ? "--type"
          : `--${error.parameter.replace(/^-+/, "").replaceAll("_", "-")}`;
    const named = flag && !error.message.includes(flag) ? ` (${flag})` : "";
    return `error: ${error.message}${named}\nSee --help for the accepted flags and examples.`;
  }
  if (error instanceof YeastarOptionError)
    return `error: ${error.message}\nSee --help for the accepted flags and examples.`;
  if (error instanceof YeastarApiError) return `error: ${error.message}${verbose}`;
  if (error instanceof YeastarError) return `error: ${error.message}`;
  const e = error as NodeJS.ErrnoException;
  if (e?.code && e.path) return `error: ${e.path}: ${e.code} (${e.message})`;
  return `error: ${e?.message ?? String(error)}`;
}

/**
 * For a certificate the client refused: what the PBX shows (read by a handshake that sends nothing) and the pin
 * that would trust exactly it, to compare with the PBX's own page before using it.
 */
export async function certificateHint(error: unknown, baseUrl: string | undefined): Promise<string | undefined> {
  if (!(error instanceof YeastarConnectionError) || !isCertificateFailure(error.cause) || !baseUrl) return undefined;
  if (!baseUrl.startsWith("https:") || causeCode(error.cause) === NOT_PINNED) return undefined;
  const shown = await peekCertificate(baseUrl);
  if (!shown) return undefined;
  return (
    `The PBX shows a ${shown.selfSigned ? "self-signed " : ""}certificate for ` +
    `${shown.names.join(", ") || "no name"}, ${shown.pin}.\nIf that is your PBX's (compare it with the PBX's web ` +
    `interface, System > Security), trust exactly ` +
    `it with: --pin-certificate ${shown.pin}`
  );
}

/** The first sentence of a spec description, on one line (for --help and `types`). */
export function firstSentence(text: string | undefined): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  const end = flat.search(/[.](\s|$)/);
  return end < 0 ? flat : flat.slice(0, end + 1);
}

/** A table cell: made visible, and on one line (newline and tab escaped too). */
const cell = (text: string) => visible(text).replace(/[\n\t]/g, (c) => (c === "\n" ? "\\u000a" : "\\u0009"));

/** Left-aligned columns, every cell made visible (they hold what the PBX sent: names, reasons, options). */
export function columns(table: string[][]): string {
  const rows = table.map((r) => r.map(cell));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return `${rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n")}\n`;
}
