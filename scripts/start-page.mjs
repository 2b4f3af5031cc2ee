// Writes the static start page: www/index.html with the default pathway's metadata filled in,
// so the start page (and "Exit this page") are on screen before the app has loaded.
// Usage: node scripts/start-page.mjs TEMPLATE BUILT_DIR NAME > OUT.html
// BUILT_DIR holds, for each pathway of the site, NAME.json: what `pathway build --format json`
// printed for it. The page is written for the pathway NAME, and links to the others.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { withExitBar } from "./exit-bar.mjs";

const [template, builtDir, name] = process.argv.slice(2);
const built = Object.fromEntries(
  readdirSync(builtDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => [file.slice(0, -".json".length), JSON.parse(readFileSync(join(builtDir, file), "utf8")).meta]),
);
const meta = built[name];
if (!meta) throw new Error(`${builtDir}: no ${name}.json`);
const escape = (text) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const values = { ...meta, name };
let html = readFileSync(template, "utf8").replace(/\{\{(\w+)\}\}/g, (whole, key) => {
  if (!(key in values)) throw new Error(`${template}: no value for ${whole}`);
  return escape(values[key]);
});
// A pathway with no summary: leave its paragraph out rather than show an empty one.
if (!meta.summary) html = html.replace(/\s*<p [^>]*data-meta="summary"[^>]*><\/p>/, "\n        <p class=\"govuk-body-l\" data-meta=\"summary\" hidden></p>");
// What changed in this version, from the pathway's change notes (`pathway check` refuses a
// version without one).
const changes = (meta.changes ?? []).find((c) => c.version === meta.version)?.what ?? [];
html = html.replace("<!-- changes -->", changes.map((line) => `<li>${escape(line)}</li>`).join(""));
if (!changes.length) html = html.replace('<details class="govuk-details" id="pw-changes"', '<details class="govuk-details" id="pw-changes" hidden');

// Every pathway of the site, so a practitioner can pick their area's (a partner's variant with
// its own contacts). The page the app shows for another pathway keeps this list as it is.
const pathways = Object.entries(built);
const list = pathways.length < 2 ? "" : `<nav aria-label="Pathways for each area">
          <p class="govuk-body-s">This site has a pathway for each area: ${pathways
            .map(([id, m]) => `<a class="govuk-link" href="./?pathway=${encodeURIComponent(id)}" data-testid="area-${escape(id)}">${escape(m.title)}</a>`)
            .join(", ")}.</p>
        </nav>`;
html = html.replace("<!-- pathways of the site -->", list);
process.stdout.write(withExitBar(html, template));
