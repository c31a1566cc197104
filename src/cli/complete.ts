// `yeastar-call-reports __complete WORD… CURRENT` (not in --help; main.ts runs it before parsing): what the shell
// completes, decided by the program (the gh and cobra way), so that values and files stay right when flags change.
// It prints one candidate a line, then a directive line: `:words` (from the candidates) or `:files` (file names).
import type { Command, Option } from "commander";
import { menuNames, periods, reportTypeNames } from "../index.js";
import { dateFormats, escapeControls } from "../internal.js";
import { type ConnectionFlags, connect } from "./connection.js";
import { configPath, loadProfiles } from "./profiles.js";

/** Flags whose value is a file name. */
const fileFlags = new Set([
  "--out",
  "--ca",
  "--pin-certificate",
  "--from-file",
  "--config",
  "--client-secret-file",
  "--report-file",
]);

/** The values of a flag that has no choices of its own in commander (or whose choices are the spec's). */
const valuesOf: Record<string, () => readonly string[]> = {
  "--type": () => reportTypeNames,
  "--period": () => periods,
  "--api-version": () => ["auto", "v1.0", "v2.0"],
  "--clock": () => ["12", "24"],
  "--date-format": () => ["auto", ...dateFormats],
  "--detail-layout": () => ["inline", "sections"],
};

/** Positional arguments with known values, by command. */
const argumentsOf: Record<string, () => readonly string[] | "files"> = {
  options: () => [...menuNames, "pause-reasons"],
  types: () => reportTypeNames,
  completion: () => ["bash", "zsh", "fish"],
  convert: () => "files",
};

export interface Completion {
  words: string[];
  files: boolean;
}

/** The subcommands that help lists (commander's own rule for hidden ones), without its implicit `help`. */
const subcommandsOf = (command: Command) =>
  command
    .createHelp()
    .visibleCommands(command)
    .map((c) => c.name())
    .filter((name) => name !== "help");
const takesValue = (o: Option) => o.required || o.optional;

/** The option of `command` (or of a parent) that a word names. */
function optionNamed(command: Command, word: string): Option | undefined {
  for (let c: Command | null = command; c; c = c.parent) {
    const found = c.options.find((o) => o.long === word || o.short === word);
    if (found) return found;
  }
  return undefined;
}

/** The profile names of the config file the words name (--config), or the default one; none if it is unreadable. */
async function profileNames(words: string[]): Promise<string[]> {
  const at = words.indexOf("--config");
  const file = configPath(at >= 0 ? words[at + 1] : undefined, process.env);
  return Object.keys(await loadProfiles(file).catch(() => ({})));
}

/** How long completion waits for the PBX's scheduled report names. */
const PBX_WAIT_MS = 3_000;

/** `scheduled download --name <TAB>`: the PBX's scheduled report names, with the connection flags typed so far. */
async function scheduledNames(command: Command, words: string[]): Promise<string[]> {
  // The flags before `--name` (whose value is being typed): --profile, --base-url, … as the command reads them.
  command.parseOptions(words.slice(words.indexOf(command.name()) + 1, -1));
  const names = (async () => {
    const pbx = await connect({ ...(command.opts() as ConnectionFlags), quiet: true, timeout: String(PBX_WAIT_MS) });
    try {
      const found: string[] = [];
      // A name with control characters (a newline would add candidates) is not offered: it cannot be typed.
      for await (const report of pbx.scheduledReports())
        if (report.name && escapeControls(report.name) === report.name && !/[\n\t]/.test(report.name))
          found.push(report.name);
      return found;
    } finally {
      await pbx.close().catch(() => undefined);
    }
  })();
  const late = new Promise<string[]>((resolve) => setTimeout(() => resolve([]), PBX_WAIT_MS).unref());
  return Promise.race([names.catch(() => []), late]);
}

/** What completes `current` after `words` (the words typed before it, the program name left out). */
export async function complete(program: Command, words: string[], current: string): Promise<Completion> {
  let command = program;
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const sub = command.commands.find((c) => c.name() === word);
    if (sub && positional.length === 0) command = sub;
    else if (word.startsWith("-")) {
      const option = optionNamed(command, word);
      if (option && takesValue(option) && !word.includes("=")) i += 1;
    } else positional.push(word);
  }
  const previous = words.at(-1);
  const option = previous?.startsWith("-") ? optionNamed(command, previous) : undefined;
  if (option && takesValue(option) && option.long) {
    if (fileFlags.has(option.long)) return { words: [], files: true };
    if (option.long === "--profile") return { words: await profileNames(words), files: false };
    if (option.long === "--name" && command.parent?.name() === "scheduled")
      return { words: await scheduledNames(command, words), files: false };
    const values = option.argChoices ?? valuesOf[option.long]?.() ?? [];
    return { words: [...values], files: false };
  }
  if (current.startsWith("-")) {
    return { words: flagsOf(command), files: false };
  }
  const subcommands = subcommandsOf(command);
  if (subcommands.length > 0) return { words: subcommands, files: false };
  const values = positional.length === 0 ? argumentsOf[command.name()]?.() : undefined;
  if (values === "files") return { words: [], files: true };
  return { words: [...(values ?? [])], files: false };
}

/** The long flags of a command and of the commands above it. */
function flagsOf(command: Command): string[] {
  const flags: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) {
    for (const o of c.options) if (o.long) flags.push(o.long);
  }
  return flags;
}

/** `__complete WORD… CURRENT`: the candidates for CURRENT, one a line, then the directive line. */
export async function printCompletion(program: Command, args: string[]): Promise<void> {
  const current = args.at(-1) ?? "";
  const found = await complete(program, args.slice(0, -1), current);
  const lines = found.words.filter((w) => w.startsWith(current));
  process.stdout.write(`${[...lines, found.files ? ":files" : ":words"].join("\n")}\n`);
  // A PBX that did not answer in time must not hold the shell.
  process.exit(0);
}
