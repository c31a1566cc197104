#!/usr/bin/env node
// The yeastar-call-reports command: a consumer of the library like any other.
import { Command, CommanderError } from "commander";
import { version } from "../internal.js";
import { infoCommand, optionsCommand, simulateCommand, typeHelp, typesCommand } from "./commands.js";
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

const program = new Command("yeastar-call-reports")
  .description("Download call reports from a Yeastar P-Series PBX.")
  .version(version)
  .showHelpAfterError("(add --help for the flags and examples)")
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
