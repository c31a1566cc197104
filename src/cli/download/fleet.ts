// A batch against many PBXs, a few at a time.
import { YeastarOptionError } from "../../index.js";
import type { Named } from "../connection.js";
import { stop } from "../lifecycle.js";
import { say } from "../output.js";
import { type Batch, runBatch } from "./batch.js";

/**
 * The same batch against many PBXs, `--concurrency` at a time (memory and sockets grow with it, not with the
 * fleet): one token per PBX, files apart per PBX, a summary line per PBX; exit 1 if any failed.
 */
export async function runFleet(batch: Batch, pbxs: Named[]): Promise<number> {
  const concurrency = Number(batch.flags.concurrency ?? 4);
  if (!(Number.isInteger(concurrency) && concurrency >= 1))
    throw new YeastarOptionError(`--concurrency must be a whole number ≥ 1; not ${batch.flags.concurrency}`);
  if (batch.flags.out === "-")
    throw new YeastarOptionError("--out - takes one PBX; give a directory (or a {profile} template) for a fleet");
  let next = 0;
  let failedPbxs = 0;
  const worker = async () => {
    for (let i = next++; i < pbxs.length && !stop.signal.aborted; i = next++) {
      const named = pbxs[i]!;
      const outcome = await runBatch(batch, named, true).catch((error: unknown) => {
        say(`${named[0]}: failed: ${(error as Error).message}`);
        return undefined;
      });
      if (!outcome || outcome.failed > 0) failedPbxs += 1;
      if (outcome)
        say(`${named[0]}: ${batch.queries.length - outcome.failed} of ${batch.queries.length} reports saved`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pbxs.length) }, worker));
  if (stop.signal.aborted) throw new YeastarOptionError("interrupted");
  say(`${pbxs.length - failedPbxs} of ${pbxs.length} PBXs done without failure`);
  return failedPbxs > 0 ? 1 : 0;
}
