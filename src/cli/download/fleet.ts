// A batch against many PBXs, a few at a time.
import { YeastarOptionError } from "../../index.js";
import { pathPart } from "../../internal.js";
import type { Named } from "../connection.js";
import { jsonError, printJson } from "../json.js";
import { stop } from "../lifecycle.js";
import { inCliWords, say } from "../output.js";
import { type Batch, type Outcome, runBatch } from "./batch.js";
import { inShard, type Shard } from "./shard.js";

/** What became of a PBX's batch, in one line: "2 of 3 reports saved, 1 skipped (saved already)". */
export function said(outcome: Outcome, total: number): string {
  const skipped = outcome.skipped > 0 ? `, ${outcome.skipped} skipped (saved already)` : "";
  const failed = outcome.failed > 0 ? `, ${outcome.failed} failed` : "";
  return `${outcome.saved} of ${total} reports saved${skipped}${failed}`;
}

/** The flags that say which PBX and which credentials: one value for every PBX of a fleet is never right. */
const perPbx = [
  ["baseUrl", "--base-url", "base_url"],
  ["clientId", "--client-id", "client_id"],
  ["clientSecret", "--client-secret", "client_secret_env"],
  ["clientSecretFile", "--client-secret-file", "client_secret_file"],
  ["ca", "--ca", "ca_file"],
  ["pinCertificate", "--pin-certificate", "pin_certificate"],
] as const;

/**
 * A fleet takes its PBXs and credentials from the profiles only: --base-url with --all-profiles would send every
 * profile's client ID and secret to that one address (as YEASTAR_* variables would; they are not read in a fleet).
 */
function checkFleetFlags(flags: Batch["flags"]): void {
  const given = perPbx.filter(([key]) => flags[key] !== undefined);
  if (given.length === 0) return;
  throw new YeastarOptionError(
    `${given.map(([, flag]) => flag).join(", ")} cannot go with several profiles: each PBX's comes from its ` +
      `profile (${given.map(([, , key]) => key).join(", ")}), so that no PBX's credentials reach another's address`,
  );
}

/**
 * Each PBX's reports go under its profile's name as a path part (names.ts): a name that leaves nothing, or two that
 * give one directory (`hq 1` and `hq/1`; `HQ` and `hq` on a file system that ignores case), would mix two PBXs'
 * reports: refused before the fleet starts.
 */
function checkProfilePaths(pbxs: Named[]): void {
  const seen = new Map<string, string>();
  for (const [name] of pbxs) {
    const dir = pathPart(name);
    if (!dir)
      throw new YeastarOptionError(`profile ${JSON.stringify(name)} leaves no usable directory name: rename it`);
    const other = seen.get(dir.toLowerCase());
    if (other !== undefined)
      throw new YeastarOptionError(
        `profiles ${JSON.stringify(other)} and ${JSON.stringify(name)} would both save under ${dir}/: rename one`,
      );
    seen.set(dir.toLowerCase(), name);
  }
}

/**
 * The same batch against many PBXs (those of `shard`, when given), `--concurrency` at a time (memory and sockets grow
 * with it, not with the fleet): one token per PBX, files apart per PBX, a summary line per PBX; exit 1 if any failed.
 */
export async function runFleet(batch: Batch, every: Named[], shard?: Shard): Promise<number> {
  const concurrency = Number(batch.flags.concurrency ?? 4);
  if (!(Number.isInteger(concurrency) && concurrency >= 1))
    throw new YeastarOptionError(`--concurrency must be a whole number ≥ 1; not ${batch.flags.concurrency}`);
  if (batch.flags.out === "-")
    throw new YeastarOptionError("--out - takes one PBX; give a directory (or a {profile} template) for a fleet");
  checkFleetFlags(batch.flags);
  // Checked on the whole fleet: every job of a shard refuses the same clash.
  if (!batch.flags.format.startsWith("stats")) checkProfilePaths(every);
  const pbxs = shard ? inShard(every, shard) : every;
  const part = shard ? `shard ${shard.index}/${shard.count}: ` : "";
  if (pbxs.length === 0) {
    say(`${part}none of the ${every.length} profiles falls in this shard; nothing to do`);
    return 0;
  }
  let next = 0;
  let failedPbxs = 0;
  const worker = async () => {
    for (let i = next++; i < pbxs.length && !stop.signal.aborted; i = next++) {
      const named = pbxs[i]!;
      const outcome = await runBatch(batch, named, true).catch((error: unknown) => {
        say(`${named[0]}: failed: ${inCliWords((error as Error).message)}`);
        if (batch.flags.json)
          printJson({
            profile: named[0],
            type: null,
            query: null,
            status: "failed",
            path: null,
            bytes: null,
            empty: null,
            error: jsonError(error),
          });
        return undefined;
      });
      if (!outcome || outcome.failed > 0) failedPbxs += 1;
      if (outcome) say(`${named[0]}: ${said(outcome, batch.queries.length)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pbxs.length) }, worker));
  if (stop.signal.aborted) throw new YeastarOptionError("interrupted");
  const of = shard ? ` (of ${every.length} profiles)` : "";
  say(`${part}${pbxs.length - failedPbxs} of ${pbxs.length} PBXs done without failure${of}`);
  return failedPbxs > 0 ? 1 : 0;
}
