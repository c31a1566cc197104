// `yeastar-call-reports doctor`: is this PBX ready, and does it still write what the spec knows? The address and
// TLS, the login (one token, revoked at the end), system/information and the API version, the menus, and with
// --reports one small report per type held against the known columns. One line per check, the fix for each ✗.

import type { Command } from "commander";
import {
  type MenuName,
  menuNames,
  type PbxInfo,
  type ReportQuery,
  reportTypes,
  YeastarApiError,
  type YeastarClient,
  YeastarConnectionError,
  YeastarContentError,
  YeastarIpBlockedError,
  YeastarReplyError,
} from "../index.js";
import { apiVersionFor, describeFormat, reportSpecOf } from "../internal.js";
import { type ConnectionFlags, connect, connectedTo, connectionOptions } from "./connection.js";
import { printJson } from "./json.js";
import { describeFailure, visible } from "./output.js";

/** One check: what was looked at, whether it passed, what was seen, and what to do about a failure. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

interface DoctorFlags extends ConnectionFlags {
  reports?: boolean;
  json?: boolean;
}

export function doctorCommand(program: Command): void {
  connectionOptions(
    program
      .command("doctor")
      .description("check that the PBX is ready: address and TLS, login, system information, API version, menus")
      .option("--reports", "also download one small report per type (yesterday) and check its columns")
      .option("--json", "print the checks as JSON: { ok, checks: [{ name, ok, detail, fix }] }")
      .addHelpText(
        "after",
        "\nExamples:\n  $ yeastar-call-reports doctor --base-url https://192.168.5.150:8088 --client-id ID\n" +
          "  $ yeastar-call-reports doctor --profile hq --reports\n\n" +
          "Exit code: 0 when every check passes, 1 otherwise.\n",
      ),
  ).action(doctor);
}

async function doctor(flags: DoctorFlags): Promise<void> {
  const pbx = await connect(flags);
  const checks: Check[] = [];
  try {
    const info = await reach(pbx, checks);
    if (info) {
      checks.push(apiVersionCheck(info));
      const menus = await menuCheck(pbx, checks);
      if (flags.reports) for (const type of Object.keys(reportTypes)) checks.push(await reportCheck(pbx, type, menus));
    }
  } finally {
    await pbx.close().catch(() => undefined);
  }
  print(checks, flags.json === true);
  process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
}

/** What a failure says, in one line, without the "error: " prefix (the CLI's words, secrets never in it). */
const said = (error: unknown) =>
  describeFailure(error, { verbose: true, baseUrl: connectedTo() })
    .replace(/^error: /, "")
    .replace(/\n/g, " ");

/** The address, the login and system/information: the first of them that fails says why, the rest are not run. */
async function reach(pbx: YeastarClient, checks: Check[]): Promise<PbxInfo | undefined> {
  const where = connectedTo() ?? "the PBX";
  try {
    const info = await pbx.pbxInfo();
    const device = info.information ?? {};
    checks.push(
      { name: "address", ok: true, detail: `${where} answers` },
      { name: "login", ok: true, detail: "a token was issued (it is revoked at the end)" },
      {
        name: "system",
        ok: true,
        detail:
          `${device.model_name ?? "model unknown"}, firmware ${device.firmware_version ?? "unknown"}, ` +
          `display ${describeFormat(info.format)}`,
      },
    );
    return info;
  } catch (error) {
    const failed = stepOf(error);
    if (failed !== "address") checks.push({ name: "address", ok: true, detail: `${where} answers` });
    if (failed === "system") checks.push({ name: "login", ok: true, detail: "a token was issued (it is revoked)" });
    const fixes = {
      address: "check --base-url, the port and TLS (--ca for a self-signed certificate)",
      login: loginFix(error),
      system: "the PBX's system/information answered wrong: check its firmware, or that this is a P-Series PBX",
    };
    checks.push({ name: failed, ok: false, detail: said(error), fix: fixes[failed] });
    return undefined;
  }
}

/** Which of the first three checks a failure of pbxInfo() (get_token, then system/information) belongs to. */
function stepOf(error: unknown): "address" | "login" | "system" {
  const login = (text: string) => (text.includes("get_token") ? "login" : "system");
  if (error instanceof YeastarApiError) return login(error.endpoint);
  if (error instanceof YeastarReplyError) return login(error.message);
  if (error instanceof YeastarConnectionError) return "address";
  return "login";
}

function loginFix(error: unknown): string {
  if (error instanceof YeastarIpBlockedError)
    return "allow this machine's IP (PBX: Integrations > API > IP allowlist; Security > IP Blocklist to unblock)";
  return (
    "check the client ID and secret and that the API is enabled (PBX: Integrations > API); " +
    "YEASTAR_CLIENT_ID / YEASTAR_CLIENT_SECRET or --client-secret-file"
  );
}

/**
 * The API version the reports go to, and why; a version set (--api-version, a profile's api_version) that the
 * firmware does not serve its data under fails.
 */
function apiVersionCheck(info: PbxInfo): Check {
  const firmware = info.information?.firmware_version ?? "unknown";
  const serves = apiVersionFor(info.information?.firmware_version);
  const why = serves === "v2.0" ? "x.21.0.117 or later: data under v2.0" : "older than x.21.0.117: data under v1.0";
  const asked = info.apiVersion;
  if (asked === serves)
    return { name: "api version", ok: true, detail: `${info.apiVersion} (firmware ${firmware} is ${why})` };
  const fix =
    serves === "v1.0"
      ? "this firmware has no v2.0 report data: leave --api-version on auto (or pass v1.0)"
      : "v1.0 holds only the calls recorded before the upgrade to x.21.0.117, and answers empty reports for the " +
        "rest: leave --api-version on auto (v2.0), and pass v1.0 only for that older data";
  return { name: "api version", ok: false, detail: `${asked} was set, but firmware ${firmware} is ${why}`, fix };
}

/** The menus whose IDs report parameters take (x-menu; queue_agent needs a queue, so it is left out). */
const reportMenus = (): MenuName[] => {
  const named = Object.keys(reportTypes).flatMap((t) =>
    Object.values(reportSpecOf(t)?.parameters ?? {}).flatMap((p) => p.menus ?? []),
  );
  return menuNames.filter((m) => m !== "queue_agent" && named.includes(m));
};

/** The menus of the report parameters, how many options each holds; the IDs the reports check takes. */
async function menuCheck(pbx: YeastarClient, checks: Check[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const failed: string[] = [];
  const menus = reportMenus();
  let first: unknown;
  for (const menu of menus) {
    try {
      found.set(
        menu,
        (await pbx.menuOptions(menu)).map((o) => String(o.value)),
      );
    } catch (error) {
      failed.push(menu);
      first ??= error;
    }
  }
  const counts = [...found].map(([menu, ids]) => `${menu} ${ids.length}`).join(", ");
  checks.push(
    failed.length === 0
      ? { name: "menus", ok: true, detail: counts }
      : {
          name: "menus",
          ok: false,
          detail: `${failed.length} of ${menus.length} menus failed (${failed.join(", ")}): ${said(first)}`,
          fix: "the API application needs read access to these menus (PBX: Integrations > API > permissions)",
        },
  );
  return found;
}

/** One report of yesterday, with the first ID of each menu it needs, its header held against the known columns. */
async function reportCheck(pbx: YeastarClient, type: string, menus: Map<string, string[]>): Promise<Check> {
  const name = `report ${type}`;
  const query: Record<string, unknown> = { type, ...(await pbx.period("yesterday", type)) };
  for (const [param, spec] of Object.entries(reportSpecOf(type)?.parameters ?? {})) {
    if (!spec.menus || !spec.required) continue;
    const id = spec.menus.map((m) => menus.get(m)?.[0]).find((v) => v !== undefined);
    if (id === undefined) return { name, ok: true, detail: `not tried: the PBX has no ${spec.menus.join("/")}` };
    query[param] = id;
  }
  try {
    const report = await pbx.downloadReport(query as ReportQuery);
    for await (const _row of report.rows()) void _row;
    const columns = report.columns;
    if (!columns) return { name, ok: true, detail: "empty file (no header): nothing to hold against the spec" };
    const count = `${columns.summary.length} columns${report.empty ? ", no data row yesterday" : ""}`;
    if (columns.evidence === undefined) return { name, ok: true, detail: `${count}; the spec knows none of them yet` };
    if (columns.unknown.length === 0 && columns.missing.length === 0)
      return { name, ok: true, detail: `${count}, as the spec knows them` };
    const differ = [
      columns.unknown.length ? `not known: ${columns.unknown.map((c) => JSON.stringify(c)).join(", ")}` : "",
      columns.missing.length ? `missing: ${columns.missing.map((c) => JSON.stringify(c)).join(", ")}` : "",
    ].filter(Boolean);
    return {
      name,
      ok: false,
      detail: `${count}; ${differ.join("; ")}`,
      fix: `add them to x-columns in spec/schemas/reports/${type}.yaml and run npm run generate`,
    };
  } catch (error) {
    const fix =
      error instanceof YeastarApiError && error.errcode === 10003
        ? "the firmware serves no report data under this API version: leave --api-version on auto"
        : error instanceof YeastarContentError
          ? "set the report's download format to CSV on the PBX"
          : "run the download with --verbose to see the requests";
    return { name, ok: false, detail: said(error), fix };
  }
}

function print(checks: Check[], json: boolean): void {
  if (json) {
    printJson({ ok: checks.every((c) => c.ok), checks }, true);
    return;
  }
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const check of checks) {
    const line = `${check.ok ? "✓" : "✗"} ${check.name.padEnd(width)}  ${check.detail}`;
    process.stdout.write(`${visible(line)}\n${check.fix ? `  ${" ".repeat(width)}  → ${visible(check.fix)}\n` : ""}`);
  }
}
