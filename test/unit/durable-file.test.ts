// The file an atomic save writes through (src/download/durable-file.ts): every byte in order, private, created
// exclusively, written back to the disk in the background every WRITE_BACK_BYTES and flushed before it closes, and
// its handle closed however the stream ends.
import { mkdtemp, open, readdir, readFile, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { DurableFile, WRITE_BACK_BYTES } from "../../src/download/durable-file.js";
import { watch } from "../../src/download/file-body.js";
import { writeAtomically } from "../../src/download/save.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ycr-durable-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** FileHandle's prototype, whose methods the writer calls (the class itself is not exported by Node). */
async function handlePrototype() {
  const probe = await open(path.join(dir, "probe"), "w");
  await probe.close();
  return Object.getPrototypeOf(probe) as { datasync(): Promise<void>; sync(): Promise<void> };
}

/** Whether this process holds `file` open (Linux: /proc/self/fd; FileHandle's close is an own property, not spied). */
async function isOpen(file: string): Promise<boolean> {
  const fds = await readdir("/proc/self/fd");
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => "")));
  return targets.includes(file);
}

/** `count` chunks of `size` bytes, each filled with its own index (so order and content can be checked). */
const chunks = (count: number, size: number) => Array.from({ length: count }, (_, i) => Buffer.alloc(size, i % 251));

it("writes every byte in order, 0600, written back every WRITE_BACK_BYTES and flushed before it closes", async () => {
  const proto = await handlePrototype();
  const calls: string[] = [];
  for (const name of ["datasync", "sync"] as const) {
    const original = proto[name];
    vi.spyOn(proto, name).mockImplementation(function (this: unknown) {
      calls.push(name);
      return original.call(this);
    });
  }
  const parts = chunks(40, 1 << 20); // 40 MiB: two write-backs of 16 MiB on the way
  const file = path.join(dir, "report.csv");
  await pipeline(Readable.from(parts), new DurableFile(file, 0o600));
  expect(Buffer.compare(await readFile(file), Buffer.concat(parts))).toBe(0);
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(calls.filter((c) => c === "datasync")).toHaveLength(Math.floor((40 << 20) / WRITE_BACK_BYTES));
  // The flush of what is left comes last, and the file is closed.
  expect(calls.at(-1)).toBe("sync");
  expect(await isOpen(file)).toBe(false);
});

it("never opens a file that is there: the stream fails with EEXIST and the file keeps its content", async () => {
  const file = path.join(dir, "planted");
  await writeFile(file, "planted");
  await expect(pipeline(Readable.from(chunks(2, 10)), new DurableFile(file, 0o600))).rejects.toMatchObject({
    code: "EEXIST",
    syscall: "open",
  });
  expect(await readFile(file, "utf8")).toBe("planted");
});

it("closes its handle when the source fails, after the write-back under way, and is not flushed", async () => {
  const proto = await handlePrototype();
  const sync = vi.spyOn(proto, "sync");
  async function* broken() {
    yield* chunks(20, 1 << 20);
    throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
  }
  const file = path.join(dir, "broken.csv");
  await expect(pipeline(Readable.from(broken()), new DurableFile(file, 0o600))).rejects.toMatchObject({
    code: "ECONNRESET",
  });
  await vi.waitFor(async () => expect(await isOpen(file)).toBe(false));
  expect(sync).not.toHaveBeenCalled();
});

it("a write-back the disk refuses fails the file at the next write or its end", async () => {
  const proto = await handlePrototype();
  vi.spyOn(proto, "datasync").mockRejectedValue(Object.assign(new Error("EIO: i/o error"), { code: "EIO" }));
  const file = path.join(dir, "refused.csv");
  await expect(
    pipeline(Readable.from(chunks(WRITE_BACK_BYTES / (1 << 20) + 1, 1 << 20)), new DurableFile(file, 0o600)),
  ).rejects.toMatchObject({ code: "EIO" });
  await vi.waitFor(async () => expect(await isOpen(file)).toBe(false));
});

it("an atomic save of a body already flowing (a progress listener on it first) keeps every byte", async () => {
  // The save's consumer must attach in the same tick as the listener: a writer that awaited its open first let
  // the chunks flow past to the listener alone, and saved an empty "complete" file.
  const parts = chunks(8, 64 * 1024);
  const source = Readable.from(parts);
  let seen = 0;
  source.on("data", (chunk: Buffer) => {
    seen += chunk.length;
  });
  const file = path.join(dir, "flowing.csv");
  await writeAtomically(file, source);
  expect(seen).toBe(8 * 64 * 1024);
  expect(Buffer.compare(await readFile(file), Buffer.concat(parts))).toBe(0);
});

it("hands the save's check the bytes the file holds; a check that refuses them leaves no file", async () => {
  const parts = chunks(3, 64 * 1024);
  const file = path.join(dir, "checked.csv");
  const told: number[] = [];
  await writeAtomically(file, Readable.from(parts), { verify: (written) => void told.push(written) });
  expect(told).toEqual([3 * 64 * 1024]);
  const refused = path.join(dir, "check-refused.csv");
  await expect(
    writeAtomically(refused, Readable.from(parts), {
      verify: () => {
        throw new Error("short");
      },
    }),
  ).rejects.toThrow("short");
  expect((await readdir(dir)).filter((f) => f.includes("check-refused"))).toEqual([]);
});

it("the watch of a body refuses a save that wrote fewer bytes than arrived", async () => {
  const body = Readable.from(chunks(2, 1000));
  const watched = watch({ body, contentLength: 2000, activity: () => undefined, done: () => undefined }, undefined);
  await pipeline(body, new DurableFile(path.join(dir, "watched.csv"), 0o600));
  expect(() => watched.complete(2000)).not.toThrow();
  expect(() => watched.complete(1000)).toThrow(/arrived whole \(2000 bytes\) but 1000 were written; not saved/);
});
