// The layers of src/ and the shape that keeps them easy to live in. Each folder may import only the layers
// below it (and generated/); the simulator stands apart from the client's call stack; the CLI is a consumer of
// the package like any other. Files stay short enough to read, functions short enough to hold in one's head.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const files = (readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" }) as string[])
  .filter((f) => f.endsWith(".ts"))
  .map((f) => ({ name: `src/${f.split(path.sep).join("/")}`, text: readFileSync(path.join(root, "src", f), "utf8") }));

/**
 * The layers, lowest first. A file may import its own layer and those before it; generated/ is under all.
 * src/errors.ts, src/secrets.ts and src/version.ts are the base every layer stands on; the other files directly in src/ are the
 * public surface and the client's wiring, above the steps they wire.
 */
const layers = ["base", "model", "core", "query", "download", "operations", "surface", "cli"] as const;
type Layer = (typeof layers)[number] | "simulator" | "generated" | "package";

const base = new Set(["errors.ts", "secrets.ts", "version.ts"]);

function layerOf(file: string): Layer {
  if (file.startsWith("generated/")) return "generated";
  if (!file.startsWith("src/")) return "package";
  const [folder, ...rest] = file.slice(4).split("/");
  if (rest.length === 0) return base.has(folder!) ? "base" : "surface";
  if (folder === "simulator" || folder === "cli") return folder;
  // The `yeastar-call-reports/api` entry: part of the public surface, in its own folder.
  if (folder === "api") return "surface";
  if ((layers as readonly string[]).includes(folder!)) return folder as Layer;
  throw new Error(`${file}: src/${folder}/ is no layer; add it to the architecture test's list, in its place`);
}

/** Each import of a file: a repository path for a relative one, the package name otherwise. */
function importsOf(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const add = (specifier: string) =>
    found.push(
      specifier.startsWith(".")
        ? path.posix.normalize(path.posix.join(path.posix.dirname(name), specifier)).replace(/\.js$/, ".ts")
        : specifier,
    );
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) add(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether a file of layer `from` may import a file of layer `to`. */
function mayImport(from: Layer, to: Layer, target: string): boolean {
  if (to === "generated" || (to === "package" && !target.startsWith("src/"))) return true;
  if (from === "simulator") return to === "simulator" || to === "model" || to === "base";
  if (from === "cli")
    return to === "cli" || ["src/index.ts", "src/internal.ts", "src/simulator/index.ts"].includes(target);
  if (to === "simulator" || to === "cli") return false;
  const rank = (layer: Layer) => layers.indexOf(layer as (typeof layers)[number]);
  return rank(to) <= rank(from);
}

/** Every import that breaks the layering, as "file → target". */
function layerViolations(sources: { name: string; text: string }[]): string[] {
  return sources.flatMap(({ name, text }) =>
    importsOf(name, text)
      .filter((target) => !mayImport(layerOf(name), layerOf(target), target))
      .map((target) => `${name} → ${target}`),
  );
}

/** Everything a set of files reaches through their imports (repository paths and package names). */
function closureOf(start: string[], sources: Map<string, string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = sources.get(file);
    if (text !== undefined) queue.push(...importsOf(file, text));
  }
  return seen;
}

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

describe("the layers of src/", () => {
  it("no file imports a layer above its own (model < core < query < download < operations < surface < cli)", () => {
    expect(layerViolations(files)).toEqual([]);
  });

  it("the simulator never reaches the client's call stack (core/, query/, download/, openapi-fetch)", () => {
    const sources = new Map(files.map((f) => [f.name, f.text]));
    const simulator = files.filter((f) => f.name.startsWith("src/simulator/")).map((f) => f.name);
    const reached = [...closureOf(simulator, sources)];
    const forbidden = reached.filter(
      (f) => /^src\/(core|query|download|operations)\//.test(f) || f === "src/client.ts" || f === "openapi-fetch",
    );
    expect(forbidden).toEqual([]);
  });

  it("core/ knows no report path", () => {
    const knowing = files.filter(
      (f) => f.name.startsWith("src/core/") && /call_report|call_schedule_report/.test(f.text),
    );
    expect(knowing.map((f) => f.name)).toEqual([]);
  });

  it("knows the path /api/download/ in the file step only (and the simulator, which serves it)", () => {
    const knowing = files
      .filter((f) => f.text.includes("/api/download/") && !f.name.startsWith("src/simulator/"))
      .map((f) => f.name);
    expect(knowing).toEqual(["src/download/step2-file.ts"]);
  });

  it("holds at most 8 files directly in src/", () => {
    expect(files.filter((f) => !f.name.slice(4).includes("/")).length).toBeLessThanOrEqual(8);
  });

  // The checks above must be able to fail: each is fed a file that breaks it.
  it("catches an upward import, a simulator reaching core/, and a CLI reaching past the public surface", () => {
    const scratch = [
      { name: "src/model/x.ts", text: 'import { callJson } from "../core/calls.js";' },
      { name: "src/core/y.ts", text: 'export { Report } from "../download/report.js";' },
      { name: "src/cli/z.ts", text: 'const m = await import("../query/check.js");' },
      { name: "src/simulator/w.ts", text: 'import type { Context } from "../query/context.js";' },
    ];
    expect(layerViolations(scratch)).toEqual([
      "src/model/x.ts → src/core/calls.ts",
      "src/core/y.ts → src/download/report.ts",
      "src/cli/z.ts → src/query/check.ts",
      "src/simulator/w.ts → src/query/context.ts",
    ]);
    const chain = new Map([
      ["src/simulator/a.ts", 'import { f } from "../model/b.js";'],
      ["src/model/b.ts", 'import createClient from "openapi-fetch";'],
    ]);
    expect([...closureOf(["src/simulator/a.ts"], chain)]).toContain("openapi-fetch");
  });
});

describe("the shape of src/", () => {
  it("has no file over 300 lines", () => {
    const long = files.filter((f) => f.text.split("\n").length > 300).map((f) => f.name);
    expect(long).toEqual([]);
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
});
