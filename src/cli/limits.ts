// The bounds of a run as flags: every limit the library has, with finite defaults where the library sets none, so
// that a cron job or a fleet slot ends whatever a PBX does (drips a file, never answers, never sends event 30027).
import type { Command } from "commander";
import type { YeastarClientOptions } from "../index.js";
import { YeastarOptionError } from "../index.js";
import { defaults, MAX_TIMER_MS } from "../internal.js";

export interface LimitFlags {
  timeout?: string;
  loginTimeout?: string;
  fileTimeout?: string;
  fileDeadline?: string;
  maxFileBytes?: string;
  asyncTimeout?: string;
  retries?: string;
}

type Limits = Required<
  Pick<YeastarClientOptions, "timeout" | "loginTimeout" | "fileTimeout" | "asyncTimeout" | "maxRetries">
> &
  Pick<YeastarClientOptions, "fileDeadline" | "maxFileBytes">;

const GiB = 1024 ** 3;

/** The command line's bounds when no flag is given: the library's defaults, and finite ones where it has none. */
export const unattended = {
  timeout: defaults.timeout,
  loginTimeout: defaults.loginTimeout,
  fileTimeout: defaults.fileTimeout,
  fileDeadline: 3_600_000,
  maxFileBytes: 4 * GiB,
  asyncTimeout: defaults.asyncTimeout,
  maxRetries: defaults.maxRetries,
} as const;

const timeUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const sizeUnits: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: GiB, t: 1024 ** 4 };

/** A duration flag: `500ms`, `90s`, `30m`, `2h`, or a bare number of milliseconds; `none` where `none` is allowed. */
export function durationOf(flag: string, given: string, none = false): number | undefined {
  if (none && given === "none") return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(given.trim());
  const ms = match ? Math.round(Number(match[1]) * timeUnits[match[2] ?? "ms"]!) : Number.NaN;
  if (!(ms > 0) || ms > MAX_TIMER_MS)
    throw new YeastarOptionError(
      `${flag} takes a duration such as 500ms, 90s, 30m or 2h (at most 24 days)${none ? ", or none" : ""}; ` +
        `not ${JSON.stringify(given)}`,
    );
  return ms;
}

/** A size flag: bytes, or a number with k, M, G or T (powers of 1024; `KiB`, `MB` read alike); or `none`. */
export function sizeOf(flag: string, given: string): number | undefined {
  if (given === "none") return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(given.trim());
  const bytes = match ? Math.floor(Number(match[1]) * sizeUnits[match[2]!.toLowerCase()]!) : Number.NaN;
  if (!(bytes > 0 && Number.isSafeInteger(bytes)))
    throw new YeastarOptionError(`${flag} takes a size such as 500M, 4G or 1000000 (bytes), or none; not ${given}`);
  return bytes;
}

/** The client options of the limit flags, each flag's default applied. */
export function limitsOf(flags: LimitFlags): Limits {
  const time = (flag: string, given: string | undefined, fallback: number) =>
    given === undefined ? fallback : (durationOf(flag, given) as number);
  const retries = flags.retries === undefined ? unattended.maxRetries : Number(flags.retries);
  if (!(Number.isInteger(retries) && retries >= 0 && retries <= 10))
    throw new YeastarOptionError(`--retries takes a whole number from 0 to 10; not ${flags.retries}`);
  const fileDeadline =
    flags.fileDeadline === undefined
      ? unattended.fileDeadline
      : durationOf("--file-deadline", flags.fileDeadline, true);
  const maxFileBytes =
    flags.maxFileBytes === undefined ? unattended.maxFileBytes : sizeOf("--max-file-bytes", flags.maxFileBytes);
  return {
    timeout: time("--timeout", flags.timeout, unattended.timeout),
    loginTimeout: time("--login-timeout", flags.loginTimeout, unattended.loginTimeout),
    fileTimeout: time("--file-timeout", flags.fileTimeout, unattended.fileTimeout),
    ...(fileDeadline === undefined ? {} : { fileDeadline }),
    ...(maxFileBytes === undefined ? {} : { maxFileBytes }),
    asyncTimeout: time("--async-timeout", flags.asyncTimeout, unattended.asyncTimeout),
    maxRetries: retries,
  };
}

/** The limit flags, under their own heading of the help. */
export function limitOptions(command: Command): Command {
  const s = (ms: number) => `${ms / 1000}s`;
  return command
    .optionsGroup("Limits (durations: 500ms, 90s, 30m, 2h; a bare number is milliseconds):")
    .option("--timeout <duration>", `per attempt of a JSON call (default: ${s(unattended.timeout)})`)
    .option("--login-timeout <duration>", `per attempt of a login (default: ${s(unattended.loginTimeout)})`)
    .option("--file-timeout <duration>", `without a byte while a file arrives (default: ${s(unattended.fileTimeout)})`)
    .option(
      "--file-deadline <duration|none>",
      "from a file's request to its last byte, however it trickles (default: 1h)",
    )
    .option("--max-file-bytes <size|none>", "the largest report file accepted: 500M, 4G, … (default: 4G)")
    .option(
      "--async-timeout <duration>",
      `for event 30027 with --async (default: ${unattended.asyncTimeout / 60_000}m)`,
    )
    .option("--retries <n>", `of a failed request: network, HTTP 5xx, timeouts (default: ${unattended.maxRetries})`);
}
