// Partner themes are checked when the site is built: known fields, colours, and contrast.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { contrast, problems } from "../../scripts/themes.mjs";

test("contrast is computed as WCAG defines it", () => {
  assert.equal(contrast("#000000", "#ffffff").toFixed(1), "21.0");
  assert.equal(contrast("#ffffff", "#ffffff"), 1);
  // GOV.UK's blue with white text, which the site uses by default: 5.17:1.
  assert.equal(contrast("#1d70b8", "#ffffff").toFixed(2), "5.17");
});

test("every theme shipped with the site passes", () => {
  const dir = new URL("../../www/themes/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  assert.ok(files.length > 0);
  for (const f of files) assert.deepEqual(problems(JSON.parse(readFileSync(new URL(f, dir), "utf8"))), [], f);
});

test("a theme with too little contrast, an unknown field, a bad colour or a logo from elsewhere is refused, saying what to change", () => {
  assert.deepEqual(problems({ brand: "#ffdd00", brand_text: "#ffffff" }), [
    "brand_text #ffffff on brand #ffdd00 has a contrast of 1.35:1; it must be at least 4.5:1: darken or lighten one of them",
  ]);
  assert.deepEqual(problems({ exit_bar: "#505a5f" }), [
    "text #0b0c0c on exit_bar #505a5f has a contrast of 2.77:1; it must be at least 4.5:1: darken or lighten one of them",
  ]);
  assert.match(problems({ colour: "#000000" })[0], /^unknown field `colour`/);
  assert.match(problems({ brand: "blue" })[0], /#rrggbb/);
  assert.match(problems({ logo: "https://cdn.example/logo.svg" })[0], /a path on this site/);
  assert.match(problems({ service: "" })[0], /1 to 80 characters/);
});
