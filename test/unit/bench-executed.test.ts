// The bundle floor's cut (scripts/bench/executed.ts): of a script, only the bytes V8's block coverage counted as run
// are kept; the innermost range around a byte decides. And the ran bytes by module, through the source map, and
// the ran bytes with one module's cut out.
import { SourceMap } from "node:module";
import { expect, it } from "vitest";
import { byModule, ranCode, ranCodeWithout } from "../../scripts/bench/executed.js";

it("keeps the bytes that ran, the innermost range deciding", () => {
  const source = Buffer.from("AAAA[bbb(CC)bbb]AAAA{dd}");
  const functions = [
    { ranges: [{ startOffset: 0, endOffset: source.length, count: 1 }] },
    // The innermost range decides: (CC) ran inside a range that did not.
    {
      ranges: [
        { startOffset: 4, endOffset: 16, count: 0 },
        { startOffset: 8, endOffset: 12, count: 3 },
      ],
    },
    { ranges: [{ startOffset: 20, endOffset: 24, count: 0 }] },
  ];
  expect(ranCode(source, functions).toString()).toBe("AAAA(CC)AAAA");
});

it("keeps everything when nothing says otherwise, and nothing of a script that never ran", () => {
  const source = Buffer.from("let a = 1;");
  expect(ranCode(source, []).toString()).toBe("let a = 1;");
  expect(ranCode(source, [{ ranges: [{ startOffset: 0, endOffset: 10, count: 0 }] }]).toString()).toBe("");
});

it("counts the ran bytes by the module the source map traces each to", () => {
  // Line 1 of the chunk maps to a.ts, line 2 to b.ts ("AAAA": column 0 of source 0; "ACAA": of source 1).
  const payload = { version: 3, sources: ["a.ts", "b.ts"], sourcesContent: [], sourceRoot: "", names: [] };
  const map = new SourceMap({ ...payload, mappings: "AAAA;ACAA", file: "c.js" });
  const source = Buffer.from("ab\ncde");
  const counts = Int32Array.from([1, 0, 1, 1, 1, 0]);
  expect(byModule(source, counts, map)).toEqual({ "a.ts": 2, "b.ts": 2 });
});

it("cuts the ran bytes of one module out, keeping the others' and those no mapping covers", () => {
  // Line 1 has no mapping; line 2 maps to generated/b.ts, line 3 to src/a.ts (each from column 0).
  const payload = {
    version: 3,
    sources: ["src/a.ts", "generated/b.ts"],
    sourcesContent: [],
    sourceRoot: "",
    names: [],
  };
  const map = new SourceMap({ ...payload, mappings: ";ACAA;ADAA", file: "c.js" });
  const source = Buffer.from("ab\ncde\nf");
  const counts = Int32Array.from([1, 0, 1, 1, 1, 1, 1, 1]);
  // Kept: "a" and its newline (unmapped), "f" (a.ts); cut: "cde" and its newline (b.ts); "b" never ran.
  expect(ranCodeWithout(source, counts, map, "generated/b.ts").toString()).toBe("a\nf");
});
