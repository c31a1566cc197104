// readEach: a body read to its end by events, settling once, at the end, at an error or at a premature close.
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readEach } from "../../src/core/body.js";

describe("readEach", () => {
  it("hands every chunk over and resolves at the end", async () => {
    const seen: string[] = [];
    await readEach(Readable.from([Buffer.from("a"), Buffer.from("b")]), (c) => seen.push(c.toString()));
    expect(seen).toEqual(["a", "b"]);
  });

  it("rejects with what the chunk callback threw, and ends the body", async () => {
    const body = Readable.from([Buffer.from("a"), Buffer.from("b")]);
    await expect(
      readEach(body, () => {
        throw new RangeError("too large");
      }),
    ).rejects.toThrow(RangeError);
    expect(body.destroyed).toBe(true);
  });

  it("rejects a body closed before its end as a premature close; a second error does not escape", async () => {
    const body = new PassThrough();
    const read = readEach(body, () => undefined);
    body.write("a");
    body.destroy();
    await expect(read).rejects.toMatchObject({ code: "ERR_STREAM_PREMATURE_CLOSE" });
    const failing = new PassThrough();
    const failed = readEach(failing, () => undefined);
    failing.emit("error", new Error("one"));
    failing.emit("error", new Error("two"));
    await expect(failed).rejects.toThrow("one");
  });
});
