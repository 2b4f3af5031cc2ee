// Drops from the compiled GOV.UK styles every rule whose classes no page, script or template of
// the site uses (PurgeCSS, from npm). Fewer rules is less to download and, on a slow phone,
// less style work before the start page first paints (docs/performance.md).
// Usage: node scripts/purge-css.mjs www/dist/style.css
import { PurgeCSS } from "purgecss";
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const root = new URL("..", import.meta.url).pathname;
const [result] = await new PurgeCSS().purge({
  // Everywhere a class can be written: the pages, their scripts, and the apps' components.
  content: [
    `${root}www/*.html`,
    `${root}www/*.js`,
    `${root}scripts/*.mjs`,
    ...["pathway-web", "pathway-ui", "pathway-trainer", "pathway-studio"].map((app) => `${root}${app}/src/**/*.rs`),
  ],
  css: [file],
  // Rules on links by their address (phone numbers in bold; printed addresses) depend on data,
  // not on the source: keep every `[href…]` selector.
  dynamicAttributes: ["href"],
  keyframes: true,
  fontFace: true,
});
const before = readFileSync(file).length;
writeFileSync(file, result.css);
console.log(`${file}: ${before} → ${result.css.length} bytes (rules no page uses dropped)`);
