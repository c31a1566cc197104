// `yeastar-call-reports completion bash|zsh|fish`: scripts that ask the program itself what to complete
// (`__complete`, complete.ts), so that values, menus and files complete, and stay right when flags change. They bind
// `yeastar-call-reports` and `npx yeastar-call-reports`.
import type { Command } from "commander";
import { YeastarOptionError } from "../index.js";

const bash = `# bash completion for yeastar-call-reports (and npx yeastar-call-reports): source it, e.g. from ~/.bashrc
_yeastar_call_reports() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" start=1 out directive
  local -a cmd candidates
  if [ "\${COMP_WORDS[0]##*/}" = npx ]; then
    if [ "\${COMP_WORDS[1]}" != yeastar-call-reports ] || [ "$COMP_CWORD" -lt 2 ]; then
      compopt -o default 2>/dev/null; COMPREPLY=(); return
    fi
    start=2; cmd=(npx --no-install yeastar-call-reports)
  else
    cmd=("\${COMP_WORDS[0]}")
  fi
  out=$("\${cmd[@]}" __complete "\${COMP_WORDS[@]:start:COMP_CWORD-start+1}" 2>/dev/null) || return
  directive="\${out##*$'\\n'}"
  [ "$out" = "$directive" ] && out="" || out="\${out%$'\\n'*}"
  if [ "$directive" = ":files" ]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return
  fi
  mapfile -t candidates <<< "$out"
  COMPREPLY=()
  local c
  for c in "\${candidates[@]}"; do [ -n "$c" ] && COMPREPLY+=("$c"); done
}
complete -F _yeastar_call_reports yeastar-call-reports
complete -F _yeastar_call_reports npx
`;

const fish = `# fish completion for yeastar-call-reports: save as ~/.config/fish/completions/yeastar-call-reports.fish
function __yeastar_call_reports_complete
  set -l words (commandline -opc)
  set -e words[1]
  set -l out (yeastar-call-reports __complete $words (commandline -ct) 2>/dev/null)
  if test "$out[-1]" = ":files"
    __fish_complete_path (commandline -ct)
  else
    printf '%s\\n' $out[1..-2]
  end
end
complete -c yeastar-call-reports -f -a '(__yeastar_call_reports_complete)'
`;

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
      if (shell === "bash") return void process.stdout.write(bash);
      // zsh runs the bash completion through bashcompinit.
      if (shell === "zsh") return void process.stdout.write(`autoload -U +X bashcompinit && bashcompinit\n${bash}`);
      if (shell === "fish") return void process.stdout.write(fish);
      throw new YeastarOptionError(`completion takes bash, zsh or fish; not ${shell}`);
    });
}
