// The defaults the client applies are the ones its options' documentation names (`@default` on
// YeastarClientOptions, which the editor hover and the library reference show).
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { defaults, resolveOptions } from "../../src/options.js";
import { version } from "../../src/version.js";

const file = path.resolve(import.meta.dirname, "../../src/options.ts");
const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);

/** Each option's `@default` text, from the interface's JSDoc. */
function documentedDefaults(): Record<string, string> {
  const found: Record<string, string> = {};
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "YeastarClientOptions") return;
    for (const member of node.members) {
      const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === "default");
      if (tag && member.name && ts.isIdentifier(member.name))
        found[member.name.text] = ts.getTextOfJSDocComment(tag.comment)?.trim() ?? "";
    }
  });
  return found;
}

describe("option defaults", () => {
  it("every default applied is the one documented, and every documented value is applied", () => {
    const documented = documentedDefaults();
    for (const [name, value] of Object.entries(defaults)) {
      const doc = documented[name];
      expect(doc, `${name} has no @default`).toBeDefined();
      const shown = typeof value === "string" ? JSON.stringify(value.replace(version, "<version>")) : String(value);
      expect(doc!.startsWith(shown), `${name}: @default ${doc} but the client applies ${shown}`).toBe(true);
    }
    const valued = Object.entries(documented).filter(([, doc]) => /^("|\d)/.test(doc));
    expect(valued.map(([name]) => name).sort()).toEqual(Object.keys(defaults).sort());
  });

  it("resolveOptions applies them", () => {
    const o = resolveOptions({ baseUrl: "http://127.0.0.1:1", accessToken: "t" });
    expect(o.policy).toMatchObject({ timeout: defaults.timeout, maxRetries: defaults.maxRetries, retryDelay: 500 });
    expect(o.loginTimeout).toBe(defaults.loginTimeout);
    expect(o.file.timeout).toBe(defaults.fileTimeout);
    expect(o.asyncTimeout).toBe(defaults.asyncTimeout);
    expect(o.userAgent).toBe(`yeastar-call-reports/${version}`);
    expect(o.clock).toEqual({ displayFormat: "auto", timeZone: "auto", apiVersion: "auto" });
  });
});
