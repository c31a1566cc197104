// How a command that talks to a PBX ends when it is interrupted: Ctrl-C (SIGINT), SIGTERM, or a reader that
// closed the pipe (`… | head`, EPIPE). The work is aborted through the client's signal, so the library
// removes its temporary file; the client is closed, so its token is revoked; then the process exits with
// 130 (SIGINT), 143 (SIGTERM) or 0 (EPIPE: the reader took what it wanted, as `head` expects).

export type StopReason = "SIGINT" | "SIGTERM" | "EPIPE";

export const exitCodes: Record<StopReason, number> = { SIGINT: 130, SIGTERM: 143, EPIPE: 0 };

/** Aborted when the command is interrupted; the client of the command is created with it. */
export const stop = new AbortController();
let reason: StopReason | undefined;

/** Why the command was interrupted, if it was. */
export function stoppedBy(): StopReason | undefined {
  return reason;
}

/** The longest the clean-up may take before the process exits anyway: a login in flight (3 s), a revocation (4.5 s). */
const GRACE_MS = 9_000;

function halt(why: StopReason): void {
  if (reason) return;
  reason = why;
  process.exitCode = exitCodes[why];
  stop.abort(new Error(`interrupted (${why})`));
  setTimeout(() => process.exit(exitCodes[why]), GRACE_MS).unref();
}

let installed = false;

/** Whether a command holds a token and so handles its own interrupts. */
export const interruptsHandled = () => installed;

/** Installs the handlers once, for commands that hold a token. */
export function handleInterrupts(): void {
  if (installed) return;
  installed = true;
  process.once("SIGINT", () => halt("SIGINT"));
  process.once("SIGTERM", () => halt("SIGTERM"));
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") halt("EPIPE");
    else throw error;
  });
}
