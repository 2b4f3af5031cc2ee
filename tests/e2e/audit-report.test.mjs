// `pathway audit --report`: the HTML report a MARAC coordinator opens from a file, in headless
// Chromium. It opens with no request beyond the file itself (its policy forbids any), is
// axe-clean against WCAG 2.2 AA, holds a chart and its table for every count, and reads at
// 360 px and on paper. Made from synthetic cases only; screenshots in test-results/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axe, launch, pathway } from "./browser.mjs";

const SHOTS = new URL("../../test-results/screenshots/", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "pathway-audit-report-"));
mkdirSync(SHOTS, { recursive: true });

let context;
let single;
let compared;

before(async () => {
  const cases = join(scratch, "cases.csv");
  pathway(["synthetic", "pathways/durham/pathway.yaml", "--cases", "2000", "--seed", "4", "--out", cases]);
  single = join(scratch, "report.html");
  pathway(["audit", "pathways/durham/pathway.yaml", cases, "--report", single]);
  compared = join(scratch, "compared.html");
  pathway(["audit", "pathway-cli/tests/fixtures/diff/durham-2026.11-demo.3.yaml", "pathways/durham/pathway.yaml", cases, "--report", compared]);
  context = await launch();
});

after(async () => {
  await context?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Opens a report from its file, recording every request the page makes. */
async function open(file, viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`file://${file}`);
  await page.waitForLoadState("load");
  return { page, requests };
}

/** The report at `file` makes no request but for itself, passes axe, and has a table for each chart. */
async function opensOfflineAndAccessible(file, slug) {
  const { page, requests } = await open(file);
  assert.deepEqual(requests, [`file://${file}`], "nothing but the file itself");
  assert.deepEqual(await axe(page), []);
  const charts = await page.locator("figure svg[role=img]").count();
  assert.ok(charts >= 4, `${charts} charts`);
  assert.equal(await page.locator("table.govuk-table").count(), charts);
  assert.match(await page.locator("h1").innerText(), /County Durham domestic abuse referral pathway/);
  assert.match(await page.locator("dl").innerText(), /Dash RIC topics/);
  await page.screenshot({ path: `${SHOTS}audit-report-${slug}.png`, fullPage: true });
  await page.close();
}

test("the report of one version opens with no request but its file, and is axe-clean", () => opensOfflineAndAccessible(single, "one-version"));

test("the report of two versions compared opens with no request but its file, and is axe-clean", () => opensOfflineAndAccessible(compared, "two-versions"));

test("the comparison names each correction's cases", async () => {
  const { page } = await open(compared);
  const changes = page.locator("#what-the-later-version-changes + figure + table");
  const text = await changes.innerText();
  assert.match(text, /`marac` is no longer referred to/);
  assert.match(text, /`early_help` is no longer referred to/);
  assert.match(text, /2026\.11-demo\.3 cannot read it: column `household`/);
  assert.match(text, /SYN-\d{7}/, "with the ids of the cases");
  await page.close();
});

test("the report reads on a 360 px phone and on paper", async () => {
  const { page } = await open(single, { width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${overflow} px wider than the screen`);
  await page.screenshot({ path: `${SHOTS}audit-report-360.png`, fullPage: true });
  await page.emulateMedia({ media: "print" });
  assert.deepEqual(await axe(page), []);
  await page.close();
});
