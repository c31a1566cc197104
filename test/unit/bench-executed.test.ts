// The bundle floor's cut (scripts/bench/executed.ts): of a script, only the bytes V8's block coverage counted as run
// are kept; the innermost range around a byte decides.
import { expect, it } from "vitest";
import { ranCode } from "../../scripts/bench/executed.js";

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
