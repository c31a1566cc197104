#!/usr/bin/env node
// The yeastar-call-reports command: a consumer of the library like any other.
import { Command, CommanderError } from "commander";
import { version } from "../internal.js";
import { infoCommand, optionsCommand, simulateCommand, typesCommand } from "./commands.js";
import { printCompletion } from "./complete.js";
import { completionCommand } from "./completion.js";
import { connectedTo } from "./connection.js";
import { convertCommand } from "./convert.js";
import { doctorCommand } from "./doctor.js";
import { downloadCommand } from "./download/command.js";
import { failureAsJson, jsonAsked } from "./json.js";
import { exitCodes, interruptsHandled, stoppedBy } from "./lifecycle.js";
import { certificateHint, describeFailure, exitCodeOf, say } from "./output.js";
import { scheduledCommand } from "./scheduled.js";
import { typeHelp } from "./type-help.js";

const topLevelHelp = `
Examples:
  $ yeastar-call-reports simulate                                   a PBX on 127.0.0.1 to try it on
  $ yeastar-call-reports doctor --base-url https://192.168.5.150:8088 --client-id ID
  $ yeastar-call-reports download --type queueperformance --queue-id-list 1 --period yesterday --out reports/
  $ yeastar-call-reports download --all-profiles --type queueperformance --queue-id-list @Sales \\
      --period yesterday --out 'reports/{profile}/{type}-{start}.csv' --skip-existing   nightly, safe to rerun
  $ yeastar-call-reports types queueperformance                     one report type's flags

Environment variables:
  YEASTAR_BASE_URL, YEASTAR_CLIENT_ID     the PBX and the API client (--base-url, --client-id)
  YEASTAR_CLIENT_SECRET                   the client secret (rather than --client-secret, which ps shows)
  YEASTAR_ACCESS_TOKEN                    an access token obtained elsewhere, instead of the client's
  YEASTAR_PROFILE                         a PBX of the config file (--profile)
  XDG_CONFIG_HOME                         the config file is $XDG_CONFIG_HOME/yeastar-call-reports/config.yaml
                                          (~/.config/… without it; --config FILE)

Exit codes:
  0    done
  1    the PBX, the network or a file failed (doctor: a check failed)
  2    a usage error or an invalid query: nothing was sent
  3    a report held no data row, with --fail-on-empty
  130  interrupted (Ctrl-C), 143 terminated: the token revoked, no partial file left

Each command's flags and examples: yeastar-call-reports COMMAND --help`;

const program = new Command("yeastar-call-reports")
  .description("Download call reports from a Yeastar P-Series PBX.")
  .version(version)
  .showHelpAfterError("(add --help for the flags and examples)")
  .addHelpText("after", topLevelHelp)
  .exitOverride();
downloadCommand(program);
convertCommand(program);
doctorCommand(program);
typesCommand(program);
infoCommand(program);
optionsCommand(program);
simulateCommand(program);
scheduledCommand(program);
completionCommand(program);
for (const command of program.commands) command.exitOverride();

// A reader that closed the pipe (`… --help | head`) ends the output quietly; a command that holds a token
// handles it itself (lifecycle.ts), to revoke the token first.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  if (!interruptsHandled()) process.exit(0);
});

/** `download --type TYPE --help`: that type's flags, not every report parameter of the spec. */
function typeHelpAsked(argv: string[]): string | undefined {
  const args = argv.slice(2);
  if (args[0] !== "download" || !(args.includes("--help") || args.includes("-h"))) return undefined;
  const at = args.indexOf("--type");
  return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith("--type="))?.slice("--type=".length);
}

try {
  const type = typeHelpAsked(process.argv);
  if (process.argv[2] === "__complete") {
    await printCompletion(program, process.argv.slice(3));
  } else if (type !== undefined) {
    process.stdout.write(`${typeHelp(type)}\nEvery download flag: yeastar-call-reports download --help\n`);
  } else {
    await program.parseAsync(process.argv);
  }
} catch (error) {
  const interrupted = stoppedBy();
  if (interrupted) {
    // The work was aborted, the token revoked, the temporary file removed: say so only for a signal.
    if (interrupted !== "EPIPE") say(`interrupted (${interrupted}): nothing partial was left`);
    process.exitCode = exitCodes[interrupted];
  } else if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0; usage errors were printed by commander.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    if (process.exitCode === 2 && jsonAsked())
      failureAsJson(Object.assign(new Error(error.message), { name: "UsageError" }), 2);
  } else {
    const verbose = process.argv.includes("--verbose") || process.argv.includes("-v");
    say(describeFailure(error, { verbose, baseUrl: connectedTo() }));
    const hint = await certificateHint(error, connectedTo());
    if (hint) say(hint);
    process.exitCode = exitCodeOf(error);
    if (jsonAsked()) failureAsJson(error, process.exitCode);
  }
}
