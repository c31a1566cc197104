import { describe, expect, it } from "vitest";
import { clock, meter, progressLine, size, summaryLine } from "../../src/cli/progress.js";

/** A meter on a fake terminal and a clock the test moves. */
function fake(redraw = true) {
  const state = { t: 0, out: "" };
  const io = {
    write: (text: string) => {
      state.out += text;
    },
    now: () => state.t,
  };
  const at = (ms: number) => {
    state.t = ms;
  };
  return { shown: meter("cdr", { redraw }, io), at, out: () => state.out };
}

describe("the progress meter", () => {
  it("says sizes, clocks and rates as people read them", () => {
    expect([size(950), size(12_345), size(4_500_000), size(1_020_000_000)]).toEqual([
      "950 B",
      "12.3 kB",
      "4.5 MB",
      "1.02 GB",
    ]);
    expect([clock(7), clock(205), clock(3729)]).toEqual(["0:07", "3:25", "1:02:09"]);
    expect(progressLine("cdr", 12_500_000, 50_000_000, 2.5)).toBe("cdr: 12.5 MB of 50.0 MB (25%), 5.0 MB/s, 0:08 left");
    expect(progressLine("cdr", 3_000_000, undefined, 2)).toBe("cdr: 3.0 MB, 1.5 MB/s");
    // A size the PBX declared wrongly (smaller than what came) is not a percentage over 100.
    expect(progressLine("cdr", 3_000_000, 1_000, 2)).toBe("cdr: 3.0 MB, 1.5 MB/s");
    expect(summaryLine("cdr", 50_000_000, 6.4)).toBe("cdr: 50.0 MB in 6.4 s (7.8 MB/s)");
    expect(summaryLine("cdr", 50_000_000, 125)).toBe("cdr: 50.0 MB in 2:05 (400.0 kB/s)");
  });

  it("redraws at most every 100 ms and at the last byte, then leaves one line that stays", () => {
    const { shown, at, out } = fake();
    at(50);
    shown.update(1_000_000, 4_000_000);
    at(120);
    shown.update(2_000_000, 4_000_000); // 70 ms after the last drawing: not drawn
    at(200);
    shown.update(4_000_000, 4_000_000); // the last byte: drawn at once
    at(1000);
    shown.done();
    const lines = out().split("\r\x1b[K");
    expect(lines).toEqual([
      "",
      "cdr: 1.0 MB of 4.0 MB (25%), 20.0 MB/s, 0:00 left",
      "cdr: 4.0 MB of 4.0 MB (100%), 20.0 MB/s, 0:00 left",
      "cdr: 4.0 MB in 1.0 s (4.0 MB/s)\n",
    ]);
  });

  it("erases its line on a failure and says nothing more", () => {
    const { shown, at, out } = fake();
    at(150);
    shown.update(1_000, 10_000);
    shown.clear();
    expect(out().endsWith("\r\x1b[K")).toBe(true);
    expect(out()).not.toContain("\n");
  });

  it("in a fleet (no redraw) only the closing line is written", () => {
    const { shown, at, out } = fake(false);
    at(500);
    shown.update(2_000_000, 2_000_000);
    at(2000);
    shown.done();
    expect(out()).toBe("cdr: 2.0 MB in 2.0 s (1.0 MB/s)\n");
  });
});
