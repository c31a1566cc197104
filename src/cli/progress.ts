// The progress of a download on a terminal, as curl shows it: bytes, percentage when the size is known, rate and
// time left, redrawn in place; at the end one line that stays (size, time, rate), or nothing when it failed.

import { visible } from "./output.js";

/** Where the meter draws and what time it is: stderr and the monotonic clock, or a test's own. */
export interface MeterIo {
  write: (text: string) => void;
  now: () => number;
}

/** A meter: `update` from the download's progress callback, then `done` (saved) or `clear` (failed). */
export interface Meter {
  update: (bytes: number, total: number | undefined) => void;
  done: () => void;
  clear: () => void;
}

const terminal: MeterIo = { write: (text) => process.stderr.write(text), now: () => performance.now() };

const units: readonly (readonly [number, string, number])[] = [
  [1e9, "GB", 2],
  [1e6, "MB", 1],
  [1e3, "kB", 1],
];

/** Bytes as people read them: 950 B, 12.3 kB, 4.5 MB, 1.02 GB. */
export function size(bytes: number): string {
  for (const [scale, unit, digits] of units) if (bytes >= scale) return `${(bytes / scale).toFixed(digits)} ${unit}`;
  return `${bytes} B`;
}

/** Seconds as a clock: 0:07, 3:25, 1:02:09. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, "0");
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** The redrawn line: `cdr: 12.3 MB of 50.0 MB (24%), 8.1 MB/s, 0:05 left`. */
export function progressLine(label: string, bytes: number, total: number | undefined, seconds: number): string {
  const perSecond = bytes / Math.max(seconds, 0.001);
  const rate = `${size(Math.round(perSecond))}/s`;
  if (!total || total < bytes) return `${label}: ${size(bytes)}, ${rate}`;
  const percent = Math.floor((bytes / total) * 100);
  const left = perSecond > 0 ? `, ${clock((total - bytes) / perSecond)} left` : "";
  return `${label}: ${size(bytes)} of ${size(total)} (${percent}%), ${rate}${left}`;
}

/** The line that stays: `cdr: 50.0 MB in 6.2 s (8.1 MB/s)`. */
export function summaryLine(label: string, bytes: number, seconds: number): string {
  const rate = size(Math.round(bytes / Math.max(seconds, 0.001)));
  const time = seconds < 60 ? `${seconds.toFixed(1)} s` : clock(seconds);
  return `${label}: ${size(bytes)} in ${time} (${rate}/s)`;
}

/** A meter redrawn at most every 100 ms and at the last byte (with `redraw`), its closing line in any case. */
export function meter(label: string, { redraw }: { redraw: boolean }, io: MeterIo = terminal): Meter {
  const started = io.now();
  let [last, bytes, drawn] = [Number.NEGATIVE_INFINITY, 0, false];
  const seconds = () => (io.now() - started) / 1000;
  return {
    update(received, total) {
      bytes = received;
      const t = io.now();
      if (!redraw) return;
      if (t - last < 100 && received !== total) return;
      last = t;
      drawn = true;
      io.write(`\r\x1b[K${visible(progressLine(label, received, total, seconds()))}`);
    },
    done() {
      io.write(`${drawn ? "\r\x1b[K" : ""}${visible(summaryLine(label, bytes, seconds()))}\n`);
    },
    clear() {
      if (drawn) io.write("\r\x1b[K");
    },
  };
}
