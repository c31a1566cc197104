// Help as gh's (issue 20, point 7): examples everywhere, the connection flags under their own heading, exit codes
// and environment variables at the top, each report type's flags in the command line's words.
import { describe, expect, it } from "vitest";
import { typeHelp } from "../../src/cli/type-help.js";
import { runCli } from "../helpers/cli.js";

const help = async (...args: string[]) => {
  const run = await runCli([...args, "--help"]);
  expect(run.code).toBe(0);
  return run.stdout;
};

describe("help", () => {
  it("the top level has examples, the environment variables and the exit codes", async () => {
    const top = await help();
    expect(top).toMatch(/\nExamples:\n {2}\$ yeastar-call-reports simulate/);
    expect(top).toMatch(/--skip-existing/);
    expect(top).toMatch(/\nEnvironment variables:\n[\s\S]*YEASTAR_CLIENT_SECRET[\s\S]*YEASTAR_PROFILE/);
    expect(top).toMatch(
      /\nExit codes:\n {2}0 +done\n {2}1 [^\n]+\n {2}2 [^\n]*nothing was sent\n {2}3 [^\n]*--fail-on-empty/,
    );
    expect(top).toMatch(/\n {2}130 +interrupted/);
  });

  it("every command has examples; the connection flags are one group after the command's own", async () => {
    const commands = [
      ["download"],
      ["convert"],
      ["doctor"],
      ["types"],
      ["info"],
      ["options"],
      ["simulate"],
      ["scheduled"],
      ["scheduled", "list"],
      ["scheduled", "download"],
      ["completion"],
    ];
    // The processes side by side: one after the other, eleven of them outlast a test's time on CI's two cores.
    const texts = await Promise.all(commands.map((command) => help(...command)));
    for (const [i, command] of commands.entries()) {
      const text = texts[i]!;
      expect(text, command.join(" ")).toMatch(/\nExamples?:\n {2}\$ /);
      if (!text.includes("--base-url")) continue;
      // Own options first, then one "Connection flags:" heading holding every connection flag and nothing else.
      const [own, rest] = text.split("\nConnection flags:\n");
      const connection = rest!.split("\n\n")[0];
      expect(own, command.join(" ")).toMatch(/\nOptions:\n[\s\S]*-h, --help/);
      expect(own).not.toMatch(/--base-url|--client-id|--pin-certificate|--config/);
      for (const flag of ["--base-url", "--client-secret-file", "--ca", "--pin-certificate", "--profile", "--config"])
        expect(connection).toContain(flag);
      expect(connection).not.toMatch(/--verbose|--quiet|--json|--help/);
    }
  }, 60_000);

  it("a report type's help says what the command line takes: ISO times, --period, options MENU; no code quotes", async () => {
    const types = (await runCli(["types"])).stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(" ")[0]!);
    expect(types.length).toBeGreaterThanOrEqual(22);
    const queue = (await runCli(["types", "queueperformance"])).stdout;
    expect(queue).toMatch(/Time: a range, --start-time and --end-time .* 2024-05-01T08:00, or --period last-month/);
    expect(queue).toMatch(/--queue-id-list +yes +ID,ID,… +.*list them: yeastar-call-reports options queue\./);
    expect(queue).toMatch(/--talk-time +no +number +Calls that lasted no longer than this many seconds/);
    expect(queue).toMatch(/--abandon-time +no +number/);
    const bucket = (await runCli(["download", "--type", "extcallactivity", "--help"])).stdout;
    expect(bucket).toMatch(/Time: a bucket, --time: a day \(2024-05-03\), a month \(2024-05\) or a year \(2024\)/);
    expect(bucket).toMatch(/options extension or options ext_group/);
    // Every type's text, in this process (the same function the command prints; a process per type is slow).
    for (const type of types) expect(typeHelp(type), type).not.toMatch(/`|display format|Get Menu Options|menu=|_time/);
  });
});
