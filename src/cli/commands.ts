// `types`, `info`, `options` and `simulate`.
import { type Command, Option } from "commander";
import { menuNames, YeastarError, YeastarOptionError } from "../index.js";
import { checkDisplayFormat, describeFormat, menuQuery, reportSpecOf, reportTable as table } from "../internal.js";
import { type ConnectionFlags, connect, connectionOptions } from "./connection.js";
import { flagOf } from "./download/flags.js";
import { printJson } from "./json.js";
import { columns } from "./output.js";
import { typeHelp, unknownType } from "./type-help.js";

const offset = (minutes: number) =>
  `${minutes < 0 ? "-" : "+"}${pad2(Math.floor(Math.abs(minutes) / 60))}:${pad2(Math.abs(minutes) % 60)}`;
const pad2 = (n: number) => String(n).padStart(2, "0");

export function typesCommand(program: Command): void {
  program
    .command("types [type]")
    .description("list the report types, or one type's parameters (required, values, time kind)")
    .option("--json", "print the spec's table (all types, or the one) as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ yeastar-call-reports types\n  $ yeastar-call-reports types queueperformance",
    )
    .action((type: string | undefined, flags: { json?: boolean }) => {
      if (flags.json) {
        if (type !== undefined && !reportSpecOf(type)) throw unknownType(type);
        return printJson(type === undefined ? table : { [type]: table[type] }, true);
      }
      if (type === undefined) {
        const rows = [["TYPE", "REPORT", "TIME", "REQUIRED"]];
        for (const [name, spec] of Object.entries(table)) {
          const required = Object.entries(spec.parameters)
            .filter(([p, v]) => v.required && p !== "type")
            .map(([p]) => flagOf(p));
          rows.push([
            name,
            spec.title,
            spec.timeKind === "range" ? "range (--start-time/--end-time)" : "bucket (--time)",
            required.join(" "),
          ]);
        }
        process.stdout.write(columns(rows));
        return;
      }
      const spec = reportSpecOf(type);
      if (!spec) throw unknownType(type);
      process.stdout.write(typeHelp(type));
    });
}

export function infoCommand(program: Command): void {
  connectionOptions(
    program
      .command("info")
      .description("show the PBX: model, firmware, date/time display format, derived UTC offset, API version chosen")
      .addHelpText(
        "after",
        "\nExample:\n  $ YEASTAR_BASE_URL=https://192.168.5.150:8088 YEASTAR_CLIENT_ID=… YEASTAR_CLIENT_SECRET=… " +
          "yeastar-call-reports info",
      ),
  )
    .option("--json", "print what the PBX said and what was derived from it as JSON")
    .action(async (flags: ConnectionFlags & { json?: boolean }) => {
      const pbx = await connect(flags);
      try {
        const info = await pbx.pbxInfo();
        if (flags.json) return printJson(info, true);
        const i = info.information;
        process.stdout.write(
          columns([
            ["model", `${i?.model_name ?? "?"}${i?.device_name ? ` (${i.device_name})` : ""}`],
            ["serial number", i?.sn ?? "?"],
            ["firmware", i?.firmware_version ?? "?"],
            ...(i?.hardware_version ? [["hardware", i.hardware_version]] : []),
            ...(i?.up_time !== undefined ? [["up time", `${i.up_time} s`]] : []),
            ["system time", i?.system_time ?? "?"],
            ["display format", `${describeFormat(info.format)} (${info.format.clock}-hour)`],
            [
              "UTC offset",
              info.utcOffsetMinutes === undefined
                ? info.zone && "iana" in info.zone
                  ? info.zone.iana
                  : "unknown"
                : `${offset(info.utcOffsetMinutes)} (system_time − timestamp)`,
            ],
            ["API version", `${info.apiVersion} for reports; v1.0 for tokens and system calls`],
          ]),
        );
      } finally {
        await pbx.close().catch(() => undefined);
      }
    });
}

/** `options pause-reasons`: the values of --reason (queue_pause_reason/list). */
async function pauseReasonsOut(flags: ConnectionFlags & { json?: boolean }): Promise<void> {
  const pbx = await connect(flags);
  try {
    const reasons = await pbx.pauseReasons();
    if (flags.json) return printJson(reasons, true);
    process.stdout.write(columns([["CODE", "REASON"], ...reasons.map((r) => [r.code ?? "", r.reason ?? ""])]));
  } finally {
    await pbx.close().catch(() => undefined);
  }
}

export function optionsCommand(program: Command): void {
  connectionOptions(
    program
      .command("options <menu>")
      .description(
        "Get Menu Options: the IDs to pass for extension, ext_group, trunk, ivr, ring_group, queue, queue_agent " +
          "(with --id QUEUE), …",
      )
      .option("--id <id>", "with queue_agent: the queue whose agents to list")
      .option("--json", "print the options as the PBX sent them, as JSON")
      .addHelpText(
        "after",
        `\nMenus (any letter case): ${menuNames.join(", ")}; and pause-reasons (the values of --reason)\n\n` +
          `Examples:\n  $ yeastar-call-reports options queue\n ` +
          ` $ yeastar-call-reports options queue_agent --id 1`,
      ),
  ).action(async (name: string, flags: ConnectionFlags & { id?: string; json?: boolean }) => {
    if (name.toLowerCase() === "pause-reasons") return pauseReasonsOut(flags);
    // Checked before connecting: a wrong menu or a missing --id sends nothing.
    const { menu, id } = menuQuery(name.toLowerCase(), flags.id);
    const pbx = await connect(flags);
    try {
      const options = await pbx.menuOptions(menu, id);
      if (flags.json) return printJson(options, true);
      process.stdout.write(columns([["ID", "NAME"], ...options.map((o) => [String(o.value), o.text])]));
    } finally {
      await pbx.close().catch(() => undefined);
    }
  });
}

interface SimulateFlags {
  port?: string;
  dateFormat: string;
  clock: string;
  timeZone: string;
  firmware: string;
  reportSize?: string;
  reportFile?: string;
  detailLayout: string;
  json?: boolean;
}

export function simulateCommand(program: Command): void {
  program
    .command("simulate")
    .description("run the PBX simulator on 127.0.0.1 until Ctrl-C; print its base URL and credentials")
    .option("--port <port>", "the port (default: any free one)")
    .option("--date-format <format>", "YYYY/MM/DD, MM/DD/YYYY or DD/MM/YYYY", "YYYY/MM/DD")
    .option("--clock <hours>", "12 or 24", "24")
    .option("--time-zone <zone>", "the simulated PBX's IANA time zone", "UTC")
    .option("--firmware <version>", "firmware_version (x.21.0.117 or later serves reports under v2.0)", "37.23.0.123")
    .option("--report-size <bytes>", "pad every report file to this many bytes")
    .option("--report-file <file>", "serve this file (e.g. a real PBX export) as every report's body")
    .addOption(
      new Option(
        "--detail-layout <layout>",
        "where need_detail=1 puts the call details: inline (as a real export) or sections",
      )
        .choices(["inline", "sections"])
        .default("inline"),
    )
    .option("--json", "print one JSON line: baseUrl, clientId, clientSecret, pid (for scripts and benchmarks)")
    .addHelpText("after", "\nExample:\n  $ yeastar-call-reports simulate --date-format MM/DD/YYYY --clock 12")
    .action(async (flags: SimulateFlags) => {
      const { startSimulator } = await import("../simulator/index.js");
      const format = checkDisplayFormat(flags.dateFormat, flags.clock, { date: "--date-format", clock: "--clock" });
      const sim = await startSimulator({
        port: flags.port === undefined ? 0 : Number(flags.port),
        dateFormat: format.date,
        clock: format.clock,
        timeZone: flags.timeZone,
        firmwareVersion: flags.firmware,
        ...(flags.reportSize ? { reportSize: Number(flags.reportSize) } : {}),
        ...(flags.reportFile ? { reportFile: flags.reportFile } : {}),
        detailLayout: flags.detailLayout as "inline" | "sections",
      }).catch((error: NodeJS.ErrnoException) => {
        // A busy port is the machine's state, not a wrong flag: exit 1.
        if (error.code === "EADDRINUSE")
          throw new YeastarError(`port ${flags.port} is in use; pick another with --port, or 0 for any free one`);
        throw new YeastarOptionError(error.message);
      });
      const facts = { baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, pid: process.pid };
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(facts)}\n`
          : `PBX simulator on ${sim.baseUrl}\n` +
              `export YEASTAR_BASE_URL=${sim.baseUrl} YEASTAR_CLIENT_ID=${sim.clientId} ` +
              `YEASTAR_CLIENT_SECRET=${sim.clientSecret}\n` +
              `(the simulator's own credentials; Ctrl-C stops it)\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await sim.close();
    });
}
