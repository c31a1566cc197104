#!/usr/bin/env node
// The yeastar-call-reports command: a consumer of the library like any other.
import { Command, CommanderError } from "commander";
import { version } from "../version.js";
import { downloadCommand } from "./download.js";
import { infoCommand, optionsCommand, simulateCommand, typesCommand } from "./commands.js";
import { describeFailure, exitCodeOf } from "./output.js";
import { exitCodes, stoppedBy } from "./lifecycle.js";
import { connectedTo } from "./connection.js";

const program = new Command("yeastar-call-reports")
  .description("Download call reports from a Yeastar P-Series PBX.")
  .version(version)
  .showHelpAfterError("(add --help for the flags and examples)")
  .exitOverride();
downloadCommand(program);
typesCommand(program);
infoCommand(program);
optionsCommand(program);
simulateCommand(program);
for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const interrupted = stoppedBy();
  if (interrupted) {
    // The work was aborted, the token revoked, the temporary file removed: say so only for a signal.
    if (interrupted !== "EPIPE") process.stderr.write(`interrupted (${interrupted}): nothing partial was left\n`);
    process.exitCode = exitCodes[interrupted];
  } else if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0; usage errors were printed by commander.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const verbose = process.argv.includes("--verbose") || process.argv.includes("-v");
    process.stderr.write(`${describeFailure(error, { verbose, baseUrl: connectedTo() })}\n`);
    process.exitCode = exitCodeOf(error);
  }
}
