// Shared pieces of the benchmarks: the simulator in a process of its own, a realistic CSV, medians.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { pbxData } from "../../src/simulator/data.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const UA = { "user-agent": "yeastar-call-reports-bench" };

export interface SimProcess {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  pid: number;
  child: ChildProcess;
  stop(): void;
}

/**
 * The simulator in a process of its own (so it does not share the client's event loop); args as `yeastar-call-reports
 * simulate`.
 */
export async function simulatorProcess(args: string[] = []): Promise<SimProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "simulate", "--json", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  const facts = JSON.parse(line) as Omit<SimProcess, "child" | "stop">;
  return { ...facts, child, stop: () => child.kill("SIGTERM") };
}

/**
 * One JSON request of the harness itself, on a connection of its own (Node's http, no Agent): fetch's pooled
 * connection could be one the simulator had closed while a timed run went on (a full run failed with ECONNRESET
 * between two 1 GB saves).
 */
function harnessJson(url: string, body?: unknown): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { ...UA, ...(payload ? { "content-type": "application/json" } : {}) };
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: payload ? "POST" : "GET", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on("error", reject);
    request.end(payload);
  });
}

/**
 * The entry of the core bundle (size.ts, executed.ts): a module of `dir` that exports createYeastarClient from src/,
 * so that esbuild keeps only what it reaches. Returns its path.
 */
export async function coreEntry(dir: string): Promise<string> {
  const entry = path.join(dir, "entry.ts");
  await writeFile(entry, `export { createYeastarClient } from ${JSON.stringify(path.join(root, "src/index.ts"))};\n`);
  return entry;
}

export async function token(sim: { baseUrl: string; clientId: string; clientSecret: string }): Promise<string> {
  const body = { username: sim.clientId, password: sim.clientSecret };
  return ((await harnessJson(`${sim.baseUrl}/openapi/v1.0/get_token`, body)) as { access_token: string }).access_token;
}

/** Step 1 by hand: the download URL of a report (token included, for curl and the naive client). */
export async function fileUrl(
  sim: { baseUrl: string },
  accessToken: string,
  query = "type=queuesatisfaction&queue_id=1",
): Promise<string> {
  const url = `${sim.baseUrl}/openapi/v2.0/call_report/download?${query}&access_token=${accessToken}`;
  const reply = (await harnessJson(url)) as { download_resource_url: string };
  return `${sim.baseUrl}${reply.download_resource_url}?access_token=${accessToken}`;
}

// The simulator's extension names: a report file like the ones it serves.
const names = pbxData.extension.map((e) => e.label.replace(/^\d+ - /, ""));
/** A call-detail CSV of `bytes` bytes (± one row): quoted fields, non-ASCII names, CRLF, like a PBX export. */
export async function writeCsv(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  const header = "Time,Extension,Caller,Callee,Queue,Status,Talk Duration,Cost\r\n";
  out.write(header);
  let written = Buffer.byteLength(header);
  let i = 0;
  while (written < bytes) {
    const parts: string[] = [];
    for (let k = 0; k < 2000; k++, i++) {
      const s = i % 86400;
      const time = `2024/05/${String(1 + (i % 28)).padStart(2, "0")} ${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
      parts.push(
        `${time},${1001 + (i % 8)} - ` +
          `${names[i % 8]},+1555${String(i % 10_000_000).padStart(7, "0")},${2000 + (i % 97)},"6400 - Sales, ` +
          `EMEA",${i % 5 === 0 ? "NO ANSWER" : "ANSWERED"},00:${String(i % 60).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")},${((i % 500) / 100).toFixed(2)}\r\n`,
      );
    }
    const chunk = parts.join("");
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return written;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** A figure's median with the smallest and largest of its rounds, as printed: `{ median, min, max }`. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}
export const spread = (values: number[], digits = 2): Spread => ({
  median: round(median(values), digits),
  min: round(Math.min(...values), digits),
  max: round(Math.max(...values), digits),
});

/**
 * The order of the contenders in round `r`: rotated by one each round, so that over the rounds each runs in every
 * slot (first, after each other one). A fixed order lets one contender always inherit the previous one's
 * after-effects (freed page cache, a warm connection pool, a pending GC) and flatters or punishes it by accident.
 */
export const rotated = <T>(items: readonly T[], r: number): T[] => items.map((_, i) => items[(i + r) % items.length]!);

/**
 * Ratios taken per round (a[i] / b[i], both measured in the same round), so that a slow round slows both sides of
 * its ratio instead of one side of the medians' ratio.
 */
export const ratios = (a: number[], b: number[]): number[] => a.map((x, i) => x / b[i]!);

/**
 * Pre-warms the page cache before a timed write: writes and deletes `bytes` in `dir`. This VM hands freed pages back
 * to its host, so that a large write right after another run freed its file is 3–10× slower than one into pages
 * already held; writing ~1.3× the size first makes every timed run start from the same state.
 */
export async function prewarm(dir: string, bytes: number): Promise<void> {
  const file = path.join(dir, `prewarm-${process.pid}`);
  const block = Buffer.alloc(1 << 20, 0x61);
  const out = createWriteStream(file);
  for (let written = 0; written < bytes; written += block.length) if (!out.write(block)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  await rm(file, { force: true });
}

/** A target: the figure compared with a limit. */
export type Target = [">=" | "<=" | "<", number];

/**
 * One JSON line: a figure of the performance table, its target and whether it is met; `details` says how it was
 * measured (the figures compared, rounds, sizes).
 */
/** The figures that missed their targets in this run. */
export const missed: string[] = [];

export function report(
  benchmark: string,
  figure: string,
  value: number,
  target: Target | undefined,
  details: Record<string, unknown> = {},
): boolean {
  const [op, limit] = target ?? [undefined, undefined];
  const met = op === undefined ? null : op === ">=" ? value >= limit! : op === "<=" ? value <= limit! : value < limit!;
  console.log(
    JSON.stringify({ benchmark, figure, value, target: op === undefined ? null : `${op} ${limit}`, met, ...details }),
  );
  if (met === false) missed.push(figure);
  return met !== false;
}

/** Whether this is the short run (`npm run bench -- --quick`): smaller sizes, fewer rounds, about 75 seconds. */
export const quick = process.argv.includes("--quick");
