// One atomic save, for the library's saveTo() and the command line's json/ndjson: the bytes go to a temporary
// file beside the target (a random name, created exclusively, so nothing planted there is followed or
// overwritten), which becomes the target only when complete; a failure leaves no partial file.
import { createWriteStream } from "node:fs";
import { link, mkdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { YeastarDownloadError } from "./errors.js";

/** The file name from `file`, without any directory parts (a PBX-chosen name never escapes the target directory). */
export function safeFileName(file: string): string {
  const base = file.split(/[\\/]/).pop()?.replace(/^\.+/, "") ?? "";
  if (!base)
    throw new YeastarDownloadError(
      `the PBX named the report file ${JSON.stringify(file)}, which is no usable file name`,
    );
  return base;
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
  if (isDir) await mkdir(target, { recursive: true });
  const dest = isDir ? path.join(target, safeFileName(fileName)) : target;
  if (
    !overwrite &&
    (await stat(dest).then(
      () => true,
      () => false,
    ))
  ) {
    throw new YeastarDownloadError(`${dest} exists already; pass overwrite: true (--overwrite) to replace it`);
  }
  return dest;
}

export interface AtomicWrite {
  /** Replace an existing file. @default false */
  overwrite?: boolean;
  signal?: AbortSignal | undefined;
  /** Called after the bytes are written, before the file takes the target's name (e.g. a length check). */
  verify?: () => void;
}

/** Writes `source` to `dest` through a temporary file; the target appears only when complete. */
export async function writeAtomically(dest: string, source: Readable, options: AtomicWrite = {}): Promise<string> {
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.${randomBytes(6).toString("hex")}.partial`);
  try {
    await pipeline(
      source,
      createWriteStream(tmp, { flags: "wx", highWaterMark: 1 << 20 }),
      options.signal ? { signal: options.signal } : {},
    );
    options.verify?.();
    if (options.overwrite) await rename(tmp, dest);
    else {
      // link() fails if dest appeared meanwhile: never overwrite what is not ours to replace.
      await link(tmp, dest).catch((error: NodeJS.ErrnoException) => {
        throw error.code === "EEXIST"
          ? new YeastarDownloadError(`${dest} exists already; pass overwrite: true (--overwrite) to replace it`)
          : error;
      });
      await unlink(tmp);
    }
    return dest;
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
