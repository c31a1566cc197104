// The shape of src/ that keeps the client easy to live in: wiring apart from steps, short functions, no
// casts around generated types, one place that knows the file step's path.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "../..");
const files = (readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" }) as string[])
  .filter((f) => f.endsWith(".ts"))
  .map((f) => ({ name: `src/${f}`, text: readFileSync(path.join(root, "src", f), "utf8") }));

function longFunctions(name: string, text: string, limit: number): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > limit) found.push(`${name}:${start + 1} (${end - start + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("src/", () => {
  it("client.ts is wiring: under 200 lines", () => {
    expect(files.find((f) => f.name === "src/client.ts")!.text.split("\n").length).toBeLessThan(200);
  });

  it("has no function over 80 lines", () => {
    expect(files.flatMap((f) => longFunctions(f.name, f.text, 80))).toEqual([]);
  });

  it("has no line over 120 characters (the formatter's width; strings and comments included)", () => {
    const long = files.flatMap((f) =>
      f.text.split("\n").flatMap((line, i) => (line.length > 120 ? [`${f.name}:${i + 1}`] : [])),
    );
    expect(long).toEqual([]);
  });

  it("has no `as never` or `as unknown as`", () => {
    expect(files.filter((f) => /\bas never\b|\bas unknown as\b/.test(f.text)).map((f) => f.name)).toEqual([]);
  });

  it("knows the path /api/download/ in the file step only (and the simulator, which serves it)", () => {
    const knowing = files
      .filter((f) => f.text.includes("/api/download/") && !f.name.startsWith("src/simulator/"))
      .map((f) => f.name);
    expect(knowing).toEqual(["src/download/step2-file.ts"]);
  });
});
