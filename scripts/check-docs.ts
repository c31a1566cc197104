// Run by `npm run docs` after rendering: docs/index.html must work offline, so it may load no remote
// script, stylesheet or frame (Redoc's own code is inlined by --inlineBundle).
import { readFile } from "node:fs/promises";

const file = new URL("../docs/index.html", import.meta.url);
const html = await readFile(file, "utf8");
const remote = [
  ...html.matchAll(/<(script|link|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi),
].map((m) => `<${m[1]}> ${m[2]}`);
if (remote.length > 0) {
  console.error(`docs/index.html loads remote resources:\n${remote.join("\n")}`);
  process.exit(1);
}
console.log(`docs/index.html: ${(html.length / 1024).toFixed(0)} KiB, no remote script, stylesheet or frame`);
