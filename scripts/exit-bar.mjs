// "Exit this page" is the same on every page of the site: one copy, www/exit-bar.html, written
// into each page where it says <!-- exit-bar -->. The copy's own comment is left out.
// Usage (for a page with nothing else to fill in): node scripts/exit-bar.mjs PAGE > OUT
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const MARKER = "<!-- exit-bar -->";

export function withExitBar(html, page) {
  if (!html.includes(MARKER)) throw new Error(`${page}: no ${MARKER} to put "Exit this page" in`);
  const bar = readFileSync(new URL("../www/exit-bar.html", import.meta.url), "utf8").replace(/^<!--[\s\S]*?-->\n/, "");
  return html.replace(MARKER, bar.trimEnd());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const page = process.argv[2];
  process.stdout.write(withExitBar(readFileSync(page, "utf8"), page));
}
