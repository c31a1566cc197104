// `yeastar-call-reports completion bash|zsh|fish`: shell completion of the commands and their flags, written from
// the program itself, so that a new flag (a new report parameter in the spec) completes without an edit here.
import type { Command } from "commander";
import { YeastarOptionError } from "../index.js";
import { reportTable } from "../internal.js";

function flagsOf(command: Command): string[] {
  return command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => typeof f === "string"));
}

function bash(program: Command): string {
  const cases = program.commands.map((c) => `    ${c.name()}) words="${flagsOf(c).join(" ")}" ;;`).join("\n");
  return `# bash completion for yeastar-call-reports: source it, e.g. from ~/.bashrc
_yeastar_call_reports() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" words
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${program.commands.map((c) => c.name()).join(" ")}" -- "$cur")); return
  fi
  if [ "$prev" = "--type" ] || [ "\${COMP_WORDS[1]}" = "types" ]; then
    COMPREPLY=($(compgen -W "${Object.keys(reportTable).join(" ")}" -- "$cur")); return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _yeastar_call_reports yeastar-call-reports
`;
}

function fish(program: Command): string {
  const lines = [`complete -c yeastar-call-reports -f`];
  for (const c of program.commands) {
    lines.push(
      `complete -c yeastar-call-reports -n __fish_use_subcommand -a ${c.name()} -d ${JSON.stringify(c.description())}`,
    );
    for (const o of c.options) {
      if (!o.long) continue;
      const values = o.long === "--type" ? ` -xa ${JSON.stringify(Object.keys(reportTable).join(" "))}` : "";
      lines.push(
        `complete -c yeastar-call-reports -n "__fish_seen_subcommand_from ${c.name()}" -l ${o.long.slice(2)}${values}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export function completionCommand(program: Command): void {
  program
    .command("completion <shell>")
    .description("print shell completion for bash, zsh or fish")
    .addHelpText(
      "after",
      "\nExamples:\n  $ yeastar-call-reports completion bash >> ~/.bashrc\n" +
        "  $ yeastar-call-reports completion fish > ~/.config/fish/completions/yeastar-call-reports.fish",
    )
    .action((shell: string) => {
      if (shell === "bash") return void process.stdout.write(bash(program));
      // zsh runs the bash completion through bashcompinit.
      if (shell === "zsh")
        return void process.stdout.write(`autoload -U +X bashcompinit && bashcompinit\n${bash(program)}`);
      if (shell === "fish") return void process.stdout.write(fish(program));
      throw new YeastarOptionError(`completion takes bash, zsh or fish; not ${shell}`);
    });
}
