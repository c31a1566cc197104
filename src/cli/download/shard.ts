// `--shard K/N`: the part of `--all-profiles` that job K of N runs, so that a scheduler (a Kubernetes Indexed Job,
// N cron hosts) spreads a fleet over machines. A profile's shard follows from its name alone (a stable hash), so N
// jobs reading the same config cover every profile exactly once, whatever the order of the file, and adding a
// profile moves no other.
import { createHash } from "node:crypto";
import { YeastarOptionError } from "../../index.js";

export interface Shard {
  /** This job's part, 1 to count. */
  index: number;
  /** How many jobs share the fleet. */
  count: number;
}

/** More jobs than this is a typo, not a fleet (each job needs its own process and token per PBX). */
const MAX_SHARDS = 10_000;

/** `--shard 2/4` as a Shard; anything else is exit 2 saying what is valid. */
export function parseShard(text: string): Shard {
  const match = /^(\d{1,5})\/(\d{1,5})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count)
    throw new YeastarOptionError(
      `--shard takes K/N, this job's part K of N jobs, 1 ≤ K ≤ N ≤ ${MAX_SHARDS} (e.g. 1/4 … 4/4; in a Kubernetes ` +
        `Indexed Job: $((JOB_COMPLETION_INDEX + 1))/N); not ${JSON.stringify(text)}`,
    );
  return { index, count };
}

/** The shard (1 to count) of a profile: the first 48 bits of the SHA-256 of its name (UTF-8), modulo count. */
export function shardOf(profile: string, count: number): number {
  const digest = createHash("sha256").update(profile, "utf8").digest();
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** The profiles of `shard`, in their order. */
export function inShard<T extends readonly [string, ...unknown[]]>(profiles: T[], shard: Shard): T[] {
  return profiles.filter(([name]) => shardOf(name, shard.count) === shard.index);
}
