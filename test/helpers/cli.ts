// The command line as a child process (node --import tsx src/cli/main.ts), for tests that run it as a user would.
import { execFile } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
const main = path.join(root, "src/cli/main.ts");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line with `args`; resolves with its exit code and output (never rejects). */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeout?: number } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, ...args],
      { env: options.env ?? process.env, cwd: options.cwd ?? root, timeout: options.timeout ?? 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
