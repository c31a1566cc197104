// The command line's own input files (--from-file, the config): read whole, so bounded. A YAML parser needs about a
// hundred times a file's size in memory (10 MB cost 960 MB and a 100 MB file ended the process), so a file over
// the cap is refused before it is parsed; reading stops at the cap, for a FIFO or a device that says no size.
import { open } from "node:fs/promises";
import { YeastarOptionError } from "../index.js";

/** The most a --from-file or a config file may hold: ample for thousands of queries or profiles. */
export const MAX_INPUT_BYTES = 1 << 20;

/** The text of `file`; undefined when it does not exist and `missing` allows it; exit 2 when too big or unreadable. */
export async function readSmallFile(file: string, what: string, missing = false): Promise<string | undefined> {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    if (missing && error.code === "ENOENT") return undefined;
    throw new YeastarOptionError(`${what} ${file}: cannot read it (${error.code ?? error.message})`);
  });
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(MAX_INPUT_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_INPUT_BYTES)
      throw new YeastarOptionError(`${what} ${file}: more than ${MAX_INPUT_BYTES / (1 << 20)} MiB; split it`);
    return buffer.subarray(0, length).toString("utf8");
  } catch (error) {
    if (error instanceof YeastarOptionError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new YeastarOptionError(`${what} ${file}: cannot read it (${code ?? (error as Error).message})`);
  } finally {
    await handle.close();
  }
}
