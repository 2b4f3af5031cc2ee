// What a practitioner's first visit transfers, gzip -9, file by file: index.html and every file
// it names (scripts, style, the preloaded wasm and pathway). Sizes do not vary from run to run,
// so unlike times they can be enforced here. Run after scripts/build-web.sh.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const DIST = new URL("../../www/dist/", import.meta.url);

// The budget (docs/performance.md) is 140 KB with Leptos drawing the pages, and the build is
// under it. The ceiling is what the build weighs now, with a little room, so the first visit
// cannot creep back up unnoticed. Lower it whenever the build gets lighter; never raise it
// without saying why in docs/performance.md, and never above the budget.
export const CEILING_KB = 136;
export const AIM_KB = 140;

/** Every file a first visit fetches before the first question: index.html and what it names. */
export function firstVisitFiles() {
  const html = readFileSync(new URL("index.html", DIST), "utf8");
  const named = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((url) => !url.startsWith("data:") && !url.startsWith("#"));
  return ["index.html", ...new Set(named)];
}

export function firstVisitSizes() {
  return firstVisitFiles().map((file) => {
    const bytes = readFileSync(new URL(file, DIST));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

test("a first visit fetches the app, its style, its scripts and the compiled pathway, and nothing else", () => {
  const files = firstVisitFiles();
  for (const expected of ["shell.js", "boot.js", "style.css", "pkg/pathway-web.js", "pkg/pathway-web_bg.wasm"]) {
    assert.ok(files.includes(expected), `${expected} is not named by index.html: ${files}`);
  }
  assert.ok(files.some((f) => /^pathways\/[a-z0-9_-]+\.pathway$/.test(f)), `no compiled pathway preloaded: ${files}`);
  assert.ok(!files.some((f) => f.endsWith(".yaml")), "the first visit must not fetch YAML");
});

test(`a first visit is at most ${CEILING_KB} KB gzip in all (budget: ${AIM_KB} KB)`, () => {
  assert.ok(CEILING_KB <= AIM_KB, "the ceiling is within the budget");
  const sizes = firstVisitSizes();
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  for (const s of sizes) console.log(`${s.file.padEnd(28)} ${String(s.raw).padStart(8)} raw ${String(s.gzip).padStart(8)} gzip`);
  console.log(`${"total".padEnd(28)} ${" ".repeat(13)} ${String(total).padStart(8)} gzip (${(total / 1024).toFixed(1)} KB)`);
  assert.ok(total <= CEILING_KB * 1024, `first visit is ${(total / 1024).toFixed(1)} KB gzip, over the ${CEILING_KB} KB ceiling`);
});
