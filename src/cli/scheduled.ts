// `yeastar-call-reports scheduled list | download`: the PBX's scheduled call reports (Reports > Scheduled), the
// same files without re-entering every parameter.
import { stat } from "node:fs/promises";
import { type Command, Option } from "commander";
import { YeastarOptionError, YeastarQueryError } from "../index.js";
import { type ConnectionFlags, connect, connectionOptions } from "./connection.js";
import type { DownloadFlags } from "./download/flags.js";
import { checkSkipExisting, exists, plannedTarget } from "./download/targets.js";
import { write } from "./download/write.js";
import { printJson } from "./json.js";
import { columns, say } from "./output.js";

interface ScheduledFlags extends ConnectionFlags {
  json?: boolean;
  id?: string;
  name?: string;
  out: string;
  format: "csv" | "json" | "ndjson";
  async?: boolean;
  overwrite?: boolean;
  skipExisting?: boolean;
  needDetail?: boolean;
}

async function list(flags: ScheduledFlags): Promise<void> {
  const pbx = await connect(flags);
  try {
    const all = [];
    for await (const report of pbx.scheduledReports({ sortBy: "id" })) all.push(report);
    if (flags.json) return printJson(all, true);
    const rows = all.map((r) => [String(r.id ?? ""), r.name ?? "", r.format ?? "", r.date ?? ""]);
    process.stdout.write(columns([["ID", "NAME", "FORMAT", "SCHEDULED"], ...rows]));
  } finally {
    await pbx.close().catch(() => undefined);
  }
}

async function download(flags: ScheduledFlags): Promise<void> {
  if ((flags.id === undefined) === (flags.name === undefined))
    throw new YeastarOptionError("give --id N or --name NAME (one of them)");
  if (flags.json && flags.out === "-")
    throw new YeastarOptionError("--json prints a summary on stdout, where --out - writes the report: drop one");
  // The file is looked for before the PBX is asked: its name cannot be the PBX's, nor hold the type it reports.
  if (flags.skipExisting) await checkSkipExisting(flags.out, undefined, ["{file}", "{type}"]);
  const pbx = await connect(flags);
  try {
    if (flags.id !== undefined && !/^\d+$/.test(flags.id))
      throw new YeastarOptionError(`--id: a scheduled report's ID is a whole number, not ${JSON.stringify(flags.id)}`);
    let id = flags.id === undefined ? undefined : Number(flags.id);
    if (flags.name !== undefined) {
      const named = [];
      for await (const report of pbx.scheduledReports())
        if (report.name?.toLowerCase() === flags.name.toLowerCase()) named.push(report);
      if (named.length !== 1) {
        const what = named.length === 0 ? "no scheduled report is named" : "more than one scheduled report is named";
        throw new YeastarQueryError(
          `--name: ${what} ${JSON.stringify(flags.name)}; list them with: yeastar-call-reports scheduled list`,
          { parameter: "name" },
        );
      }
      id = named[0]!.id;
    }
    const where = { profile: flags.profile, query: { type: "" }, fleet: false };
    const planned = flags.skipExisting ? await plannedTarget(flags.out, where, "") : undefined;
    if (planned && (await exists(planned))) {
      if (flags.json)
        printJson({ id, file: null, status: "skipped", path: planned, bytes: null, empty: null, error: null });
      else say(`skipped (saved already): ${planned}`);
      return;
    }
    const report = await pbx.downloadScheduledReport(id ?? Number.NaN, {
      async: flags.async === true,
      needDetail: flags.needDetail === true,
    });
    const downloadFlags: DownloadFlags = { ...flags, param: [] };
    const saved = await write(report, downloadFlags, {
      profile: flags.profile,
      query: { type: report.type },
      fleet: false,
    });
    const bytes = saved ? (await stat(saved)).size : null;
    const line = { id, file: report.file, status: "saved", path: saved ?? null, bytes, empty: report.empty ?? null };
    if (flags.json) printJson({ ...line, error: null });
    else if (saved) process.stdout.write(`${saved}\n`);
  } finally {
    await pbx.close().catch(() => undefined);
  }
}

export function scheduledCommand(program: Command): void {
  const scheduled = program
    .command("scheduled")
    .description("the PBX's scheduled call reports: list them, download one")
    .addHelpText(
      "after",
      "\nExamples:\n  $ yeastar-call-reports scheduled list\n" +
        "  $ yeastar-call-reports scheduled download --name Support --out reports/\n" +
        "  $ yeastar-call-reports scheduled download --id 3 --out 'reports/{file}' --skip-existing",
    );
  connectionOptions(
    scheduled
      .command("list")
      .description("list the scheduled call reports (every page)")
      .option("--json", "print them as JSON (an array)")
      .addHelpText(
        "after",
        "\nExamples:\n  $ yeastar-call-reports scheduled list\n" +
          "  $ yeastar-call-reports scheduled list --profile hq --json",
      ),
  ).action(list);
  connectionOptions(
    scheduled
      .command("download")
      .description("download a scheduled call report by --id or --name and print where it was saved")
      .option("--id <id>", "the scheduled report's ID (see: scheduled list)")
      .option("--name <name>", "the scheduled report's name, in any letter case")
      .option("--out <dir|file|->", "where to save: a directory, a file, a template, or - for stdout", ".")
      .addOption(
        new Option("--format <format>", "csv: the PBX's bytes; json/ndjson: rows")
          .choices(["csv", "json", "ndjson"])
          .default("csv"),
      )
      .option("--need-detail", "include the call details (IVR, queue and agent performance reports)")
      .option("--async", "let the PBX prepare it asynchronously and wait for event 30027")
      .option("--overwrite", "replace an existing file")
      .option("--skip-existing", "ask the PBX only when the file is not saved yet (--out a file, not a directory)")
      .option("--json", "print one JSON object: id, file, status (saved, skipped), path, bytes, empty, error")
      .addHelpText(
        "after",
        "\nExamples:\n  $ yeastar-call-reports scheduled list\n" +
          "  $ yeastar-call-reports scheduled download --name Support --out reports/",
      ),
  ).action(download);
}
