// Faults on demand: each queued fault applies to the next request(s) it fits, `times` times.

export type FaultKind =
  /** The access token of the request expires now: this request and later ones answer 10004. */
  | "token-expired"
  /** HTTP 502 with an HTML body, as a reverse proxy in front of the PBX answers. */
  | "http-502"
  /** HTTP 200 with a JSON body cut in the middle. */
  | "malformed-json"
  /** The file download sends its headers and part of the body, then resets the connection. */
  | "reset-during-body"
  /** The file download declares a Content-Length and ends the body short of it. */
  | "short-body"
  /** The file download sends part of the body, then nothing more, leaving the connection open. */
  | "stall-during-body"
  /** The answer waits `ms` milliseconds first. */
  | "delay"
  /** The file download trickles: 16 KiB, then `ms` milliseconds of nothing, and so on. */
  | "slow-body"
  /** `download_resource_url` points to another origin (`origin`, default `http://foreign.invalid`). */
  | "foreign-download-url"
  /** An async report stays PROCESSING: no event 30027 is ever sent. */
  | "never-ready"
  /** An async report fails: event 30027 arrives with result `failure`. */
  | "async-failure";

export interface Fault {
  kind: FaultKind;
  /** How many requests it applies to. @default 1 */
  times?: number;
  /**
   * Only requests whose path contains this. @default by kind: the file download for
   * reset-during-body and short-body, call_report/download for the report faults, any request otherwise.
   */
  path?: string;
  /** With `delay`: how long. With `slow-body`: the pause between slices. @default 1000 (delay), 50 (slow-body) */
  ms?: number;
  /**
   * With `reset-during-body`, `short-body` and `stall-during-body`: bytes of the body sent first. @default half of the
   * body
   */
  afterBytes?: number;
  /** With `foreign-download-url`. @default "http://foreign.invalid" */
  origin?: string;
  /** With `async-failure`: the event's `error`. @default "report generation failed" */
  error?: string;
}

const defaultPath: Partial<Record<FaultKind, string>> = {
  "reset-during-body": "/api/download/",
  "short-body": "/api/download/",
  "stall-during-body": "/api/download/",
  "slow-body": "/api/download/",
  "foreign-download-url": "/call_report/download",
  "never-ready": "/call_report/download",
  "async-failure": "/call_report/download",
};

export class FaultQueue {
  private readonly queue: (Fault & { left: number })[] = [];

  add(fault: Fault): void {
    if (fault.times !== undefined && !(fault.times > 0)) throw new RangeError("fault.times must be a positive number");
    this.queue.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** Takes the first queued fault of one of `kinds` that fits `path`, counting it as used. */
  take(path: string, kinds: readonly FaultKind[]): Fault | undefined {
    const i = this.queue.findIndex((f) => kinds.includes(f.kind) && path.includes(f.path ?? defaultPath[f.kind] ?? ""));
    if (i < 0) return undefined;
    const fault = this.queue[i]!;
    fault.left -= 1;
    if (fault.left <= 0) this.queue.splice(i, 1);
    return fault;
  }
}
