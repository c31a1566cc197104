// --shard K/N (src/cli/download/shard.ts): N jobs cover every profile exactly once, by a hash of the name alone.
import { describe, expect, it } from "vitest";
import { inShard, parseShard, shardOf } from "../../src/cli/download/shard.js";

const names = Array.from({ length: 300 }, (_, i) => [i % 3 ? `pbx-${i}` : `总部-${i}`, { i }] as const);

describe("--shard", () => {
  it("reads K/N with 1 ≤ K ≤ N and refuses anything else, saying what is valid", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard(" 1/1 ")).toEqual({ index: 1, count: 1 });
    for (const bad of ["0/4", "5/4", "4", "1/0", "a/b", "1/4/2", "-1/4", "1.5/4", "1/99999", ""])
      expect(() => parseShard(bad), bad).toThrow(/--shard takes K\/N, .*1 ≤ K ≤ N ≤ 10000/);
  });

  it("N jobs together take every profile exactly once, for N from 1 to 12", () => {
    for (let count = 1; count <= 12; count++) {
      const taken = Array.from({ length: count }, (_, k) => inShard(names, { index: k + 1, count })).flat();
      expect(taken.length, `N=${count}`).toBe(names.length);
      expect(new Set(taken.map(([name]) => name)).size, `N=${count}`).toBe(names.length);
    }
  });

  it("spreads profiles evenly enough; a profile's shard does not depend on the order or on the other profiles", () => {
    const sizes = [1, 2, 3, 4].map((index) => inShard(names, { index, count: 4 }).length);
    for (const size of sizes) expect(size).toBeGreaterThan(50);
    const other = [...names.slice(100).reverse(), ["added", { i: -1 }] as const];
    const inOne = new Set(inShard(names, { index: 3, count: 4 }).map(([n]) => n));
    for (const [name] of inShard(other, { index: 3, count: 4 })) if (name !== "added") expect(inOne).toContain(name);
    for (const [name] of names.slice(100)) if (inOne.has(name)) expect(shardOf(name, 4)).toBe(3);
  });

  it("is the SHA-256 of the name: the same shard on every machine and version (pinned values)", () => {
    expect([shardOf("hq", 4), shardOf("branch", 4), shardOf("总部", 4), shardOf("hq", 1)]).toEqual(PINNED);
  });
});

const PINNED = [1, 1, 4, 1];
