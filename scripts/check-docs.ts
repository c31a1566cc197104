// Run by `npm run docs` after rendering: docs/index.html (the HTTP reference, Redoc inlined by --inlineBundle)
// and docs/api/ (the library reference, TypeDoc) must work offline: no remote script, stylesheet or frame; and
// in the library reference no dead link: each relative link names a file that is there, each #anchor an id of
// its page (TypeDoc's own validation sees types, not the README's links, which are its landing page).
import { existsSync, readFileSync } from "node:fs";
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
const ids = (html: string) => new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));

/** The links of a page that lead nowhere: a missing file, or an anchor that no element of its page has. */
function deadLinks(page: string, html: string): string[] {
  const dead: string[] = [];
  for (const [, href] of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
    if (!href || /^[a-z]+:/i.test(href) || href === "#") continue;
    const [file, anchor] = href.split("#");
    const target = file
      ? path.join(path.dirname(path.join(docs, page)), decodeURIComponent(file))
      : path.join(docs, page);
    if (!existsSync(target)) dead.push(href);
    else if (anchor && target.endsWith(".html") && !ids(readFileSync(target, "utf8")).has(anchor)) dead.push(href);
  }
  return dead;
}

let failed = false;
for (const page of pages) {
  const html = await readFile(path.join(docs, page), "utf8");
  const remote = [
    ...html.matchAll(/<(script|link|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi),
  ].map((m) => `<${m[1]}> ${m[2]}`);
  if (page.startsWith("api")) {
    const dead = deadLinks(page, html);
    if (dead.length > 0) {
      console.error(`docs/${page} has dead links:\n${dead.join("\n")}`);
      failed = true;
    }
  }
  if (remote.length > 0) {
    console.error(`docs/${page} loads remote resources:\n${remote.join("\n")}`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log(
  `docs/: ${pages.length} pages (the HTTP reference and the library API), no remote script, stylesheet or frame`,
);
