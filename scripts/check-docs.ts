// Run by `npm run docs` after rendering: docs/index.html (the HTTP reference, Redoc inlined by --inlineBundle)
// and docs/api/ (the library reference, TypeDoc) must work offline: no remote script, stylesheet or frame.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const docs = fileURLToPath(new URL("../docs/", import.meta.url));
const pages = [
  "index.html",
  ...(await readdir(path.join(docs, "api"), { recursive: true }))
    .filter((f) => f.endsWith(".html"))
    .map((f) => path.join("api", f)),
];
let failed = false;
for (const page of pages) {
  const html = await readFile(path.join(docs, page), "utf8");
  const remote = [
    ...html.matchAll(/<(script|link|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi),
  ].map((m) => `<${m[1]}> ${m[2]}`);
  if (remote.length > 0) {
    console.error(`docs/${page} loads remote resources:\n${remote.join("\n")}`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log(
  `docs/: ${pages.length} pages (the HTTP reference and the library API), no remote script, stylesheet or frame`,
);
