// One atomic save, for the library's saveTo() and the command line's json/ndjson: the bytes go to a temporary
// file beside the target (a random name, created exclusively, so nothing planted there is followed or
// overwritten), which becomes the target only when complete; a failure leaves no partial file. Reports hold
// caller numbers (personal data): files are private (0600, directories 0700; an existing target's mode is kept when
// it is replaced), and the bytes reach the disk (fsync) before the file takes the target's name.

import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { YeastarDownloadError, YeastarFileError } from "../errors.js";
import { DurableFile } from "./durable-file.js";
import { fileNamePart } from "./names.js";

/**
 * The file name from `file` as it may be written (names.ts): no directory parts (a PBX-chosen name never escapes
 * the target directory), no control characters, nothing Windows refuses, at most 255 bytes with its extension kept.
 */
export function safeFileName(file: string): string {
  const name = fileNamePart(file);
  if (!name)
    throw new YeastarDownloadError(
      `the PBX named the report file ${JSON.stringify(file)}, which is no usable file name`,
    );
  return name;
}

const meanings: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "the directory does not exist",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "it is a directory",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
};

const fsCalls = new Set(["open", "write", "close", "rename", "link", "mkdir", "unlink", "fsync", "stat"]);

/** The refusal to replace a file that is there: a YeastarFileError with code EEXIST, and what to do instead. */
export function existsAlready(dest: string, instead: string): YeastarFileError {
  return new YeastarFileError(`${dest} exists already; ${instead}`, { path: dest, code: "EEXIST" });
}

/** A local file failure as a YeastarFileError naming the path and the cause; anything else as it is. */
export function fileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall;
  if (!code || !(code in meanings || fsCalls.has(syscall ?? ""))) return error;
  return new YeastarFileError(`cannot write ${path}: ${meanings[code] ?? code} (${code})`, {
    cause: error,
    path,
    code,
  });
}

/**
 * Where a save goes: a directory (existing, or a path ending in `/`, created) gets `fileName`; anything else
 * is the file path. Refuses an existing file unless `overwrite`.
 */
export async function targetOf(target: string, fileName: string, overwrite: boolean): Promise<string> {
  const isDir =
    /[\\/]$/.test(target) ||
    (await stat(target).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  if (isDir) await privateDirectory(target);
  const dest = isDir ? path.join(target, safeFileName(fileName)) : target;
  const existing = await stat(dest).catch(() => undefined);
  if (existing && !existing.isFile()) throw notAFile(dest, existing);
  if (existing && !overwrite) throw existsAlready(dest, "pass overwrite: true (--overwrite) to replace it");
  return dest;
}

/** Makes a directory (and its parents) as the saves' own: 0700 for those it creates. */
export async function privateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => Promise.reject(fileError(error, dir)));
}

/** A target that is there but no regular file (a FIFO, a device, a socket, a directory): never replaced. */
function notAFile(dest: string, found: { isFIFO(): boolean; isDirectory(): boolean }): YeastarFileError {
  const kind = found.isFIFO() ? "a FIFO" : found.isDirectory() ? "a directory" : "a device or socket";
  return new YeastarFileError(`${dest} is ${kind}, not a regular file: a report is never written over it`, {
    path: dest,
    code: "ENOTREG",
  });
}

export interface AtomicWrite {
  /** Replace an existing file. @default false */
  overwrite?: boolean;
  signal?: AbortSignal | undefined;
  /**
   * Called with the bytes the file holds once written, before it takes the target's name: throws when they are not
   * the whole source (a length check against what arrived).
   */
  verify?: (written: number) => void;
}

/**
 * Writes `source` to `dest` through a temporary file; the target appears only when complete, and an
 * existing target is untouched by a failure. A local failure (no space, read-only, …) is a YeastarFileError.
 */
export async function writeAtomically(dest: string, source: Readable, options: AtomicWrite = {}): Promise<string> {
  // Beside the target (same file system, so the rename is atomic), named after it but short enough for any name.
  const stem = [...path.basename(dest)].slice(0, 64).join("");
  const tmp = path.join(path.dirname(dest), `.${stem}.${randomBytes(6).toString("hex")}.partial`);
  // Private from its first byte (0600, whatever the umask adds), and on the disk before it is closed.
  const out = new DurableFile(tmp, 0o600);
  // What the file system said, told apart from what the source (the network) threw into the same pipeline.
  let local: unknown;
  out.on("error", (error) => {
    local ??= error;
  });
  try {
    await pipeline(source, out, options.signal ? { signal: options.signal } : {});
    options.verify?.(out.bytesWritten);
    if (options.overwrite) await replace(tmp, dest);
    else {
      // link() fails if dest appeared meanwhile: never overwrite what is not ours to replace.
      await link(tmp, dest).catch((error: NodeJS.ErrnoException) => {
        throw error.code === "EEXIST"
          ? existsAlready(dest, "pass overwrite: true (--overwrite) to replace it")
          : fileError(error, dest);
      });
      await unlink(tmp);
    }
    return dest;
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw local !== undefined ? fileError(local, dest) : error;
  }
}

/** The finished temporary file in place of `dest`: an existing target keeps its mode; a non-regular one stays. */
async function replace(tmp: string, dest: string): Promise<void> {
  const existing = await stat(dest).catch(() => undefined);
  if (existing && !existing.isFile()) throw notAFile(dest, existing);
  if (existing) await chmod(tmp, existing.mode & 0o777);
  await rename(tmp, dest).catch((error: unknown) => Promise.reject(fileError(error, dest)));
}
