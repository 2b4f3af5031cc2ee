// Writes the static start page: www/index.html with the default pathway's metadata filled in,
// so the start page (and "Exit this page") are on screen before the app has loaded.
// Usage: node scripts/start-page.mjs TEMPLATE BUILT.json NAME > OUT.html
// BUILT.json is what `pathway build --format json` printed for the pathway called NAME.
import { readFileSync } from "node:fs";

const [template, built, name] = process.argv.slice(2);
const { meta } = JSON.parse(readFileSync(built, "utf8"));
const escape = (text) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const values = { ...meta, name };
let html = readFileSync(template, "utf8").replace(/\{\{(\w+)\}\}/g, (whole, key) => {
  if (!(key in values)) throw new Error(`${template}: no value for ${whole}`);
  return escape(values[key]);
});
// A pathway with no summary: leave its paragraph out rather than show an empty one.
if (!meta.summary) html = html.replace(/\s*<p [^>]*data-meta="summary"[^>]*><\/p>/, "\n        <p class=\"govuk-body-l\" data-meta=\"summary\" hidden></p>");
process.stdout.write(html);
