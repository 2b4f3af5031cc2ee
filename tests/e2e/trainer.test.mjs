// Trainer mode in headless Chromium: a shipped case study played to its outcome with the path
// the `pathway` command reports lit on the diagram; one answer changed and both outcomes
// checked against `pathway run`; a trainer's own file opened (and a broken one located);
// keyboard only; axe on every view; nothing stored, nothing sent off the site.
// Run after scripts/build-web.sh.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "../../scripts/serve.mjs";
import { axe, launch, pathway, refuseOffSite, watchedPage } from "./browser.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const DIST = new URL("../../www/dist", import.meta.url).pathname;
const SHOTS = new URL("../../test-results/screenshots/", import.meta.url).pathname;
const CASE = "02-score-13-strangulation-judgement.yaml";
const CASE_TEXT = readFileSync(join(ROOT, "pathways/durham/cases", CASE), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "pathway-trainer-"));
mkdirSync(SHOTS, { recursive: true });

/** What `pathway run` gives for a case study's answers (edited by `edit`, if given). */
function run(caseText, edit = (text) => text) {
  const block = caseText.split("\nanswers:\n")[1].split("\nexpect:")[0];
  const answers = edit(block.replace(/^ {2}/gm, ""));
  const file = join(scratch, `answers-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, answers);
  const json = pathway(["run", "pathways/durham/pathway.yaml", "--answers", file, "--format", "json"]);
  return JSON.parse(json);
}

let site;
let context;
/** Every request that tried to leave the site (all refused). */
let offSite;

before(async () => {
  site = await serve(DIST);
  context = await launch();
  offSite = await refuseOffSite(context, site.address);
});

after(async () => {
  await context?.close();
  await site?.close();
});

async function trainerPage({ width = 1920, height = 1080 } = {}) {
  const p = await watchedPage(context, { width, height });
  await p.goto(`${site.address}trainer.html`);
  await p.getByTestId("case").first().waitFor();
  return p;
}

async function noViolations(p, where) {
  assert.deepEqual(await axe(p), [], `axe: ${where}`);
}

/** Plays the case study called `title` to its outcome by the Next button. */
async function playToOutcome(p, file) {
  await p.locator(`[data-testid=case][data-file="${file}"]`).click();
  await p.getByTestId("play").waitFor();
  while (await p.getByTestId("next").isEnabled()) await p.getByTestId("next").click();
  await p.getByTestId("outcome-before").waitFor();
}

/** The diagram's nodes on screen (within the holder), and the smallest size, in pixels, of the
 *  text of any of them: its font size in the drawing's units times the drawing's scale. */
function onScreen(p) {
  return p.evaluate(() => {
    const holder = document.getElementById("tr-diagram").getBoundingClientRect();
    const svg = document.querySelector("#tr-diagram svg");
    const scale = svg.getScreenCTM().a;
    let smallest = Infinity;
    const ids = [];
    for (const node of svg.querySelectorAll("g.node")) {
      const r = node.getBoundingClientRect();
      if (r.right <= holder.left || r.left >= holder.right || r.bottom <= holder.top || r.top >= holder.bottom) continue;
      ids.push(node.id);
      for (const text of node.querySelectorAll("text")) smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
    }
    return { ids, smallest };
  });
}

const referralsIn = (p, testid) => p.getByTestId(testid).getByTestId("referral").evaluateAll((els) => els.map((e) => e.dataset.destination));

describe("trainer mode", () => {
  test("a shipped case study plays to its outcome, with the path pathway run reports lit", async () => {
    const p = await trainerPage();
    await noViolations(p, "the list of case studies");
    await p.locator(`[data-testid=case][data-file="${CASE}"]`).click();
    await p.getByTestId("next").click();
    await p.getByTestId("next").click();
    assert.match(await p.getByTestId("position").innerText(), /^Step 3 of \d+/);
    assert.equal(await p.locator("#tr-diagram svg .current").count(), 1, "the step being asked is marked");
    await noViolations(p, "a case part-played");
    while (await p.getByTestId("next").isEnabled()) await p.getByTestId("next").click();
    await p.getByTestId("outcome-before").waitFor();
    const expected = run(CASE_TEXT);
    const lit = (await p.locator("#tr-diagram svg").getAttribute("data-lit")).split(" ");
    assert.deepEqual(lit, expected.visited, "the lit path is the walk pathway run reports");
    for (const step of expected.visited) assert.equal(await p.locator(`#tr-diagram [id="step-${step}"].lit`).count(), 1, step);
    for (const r of expected.referrals) assert.equal(await p.locator(`#tr-diagram [id="dest-${r.destination}"].lit`).count(), 1, r.destination);
    assert.deepEqual(await referralsIn(p, "outcome-before"), expected.referrals.map((r) => r.destination));
    assert.ok((await p.locator("#tr-diagram path.edge.lit").count()) >= expected.visited.length - 1, "the edges between lit steps are lit");
    await noViolations(p, "a case's outcome");
    await p.screenshot({ path: `${SHOTS}trainer-1920-lit-path.png` });
    await p.setViewportSize({ width: 1280, height: 720 });
    await p.screenshot({ path: `${SHOTS}trainer-1280-lit-path.png` });
    assert.deepEqual(p.problems, []);
    await p.close();
  });

  test("what if: professional judgement changed, both outcomes are pathway run's for each set of answers", async () => {
    const p = await trainerPage();
    await playToOutcome(p, CASE);
    await p.locator('[data-testid=what-if][data-step="professional_judgement"]').click();
    const form = p.getByTestId("what-if-form");
    await form.getByLabel("No", { exact: true }).check();
    await noViolations(p, "the what-if form");
    await form.getByTestId("what-if-submit").click();
    await p.getByTestId("outcome-after").waitFor();
    const before = run(CASE_TEXT);
    const after = run(CASE_TEXT, (answers) => answers.replace('professional_judgement: "yes"', 'professional_judgement: "no"').replace(/^judgement_reason:.*\n/m, ""));
    assert.deepEqual(await referralsIn(p, "outcome-before"), before.referrals.map((r) => r.destination));
    assert.deepEqual(await referralsIn(p, "outcome-after"), after.referrals.map((r) => r.destination));
    assert.equal(await p.getByTestId("outcome-before").getByTestId("risk").getAttribute("data-level"), before.risk.level);
    assert.equal(await p.getByTestId("outcome-after").getByTestId("risk").getAttribute("data-level"), after.risk.level);
    const removed = before.referrals.map((r) => r.destination).filter((d) => !after.referrals.some((r) => r.destination === d));
    assert.ok(removed.length > 0, "the change changes the referrals");
    const names = before.referrals.filter((r) => removed.includes(r.destination)).map((r) => r.name);
    assert.ok((await p.getByTestId("change").innerText()).includes(`No longer referred: ${names.join("; ")}`));
    assert.ok((await p.locator("#tr-diagram .lit-alt").count()) > 0, "the changed path is drawn");
    await noViolations(p, "both outcomes side by side");
    await p.screenshot({ path: `${SHOTS}trainer-1920-what-if.png` });
    await p.setViewportSize({ width: 1280, height: 720 });
    await p.getByTestId("presenter").click();
    await noViolations(p, "presenter view");
    await p.screenshot({ path: `${SHOTS}trainer-1280-what-if-presenter.png` });
    assert.deepEqual(p.problems, []);
    await p.close();
  });

  test("presenter view follows the step being asked with every node's text on screen at least 18 px, at 1280×720 and 1920×1080", async (t) => {
    for (const [width, height] of [[1280, 720], [1920, 1080]]) {
      const p = await trainerPage({ width, height });
      await p.getByTestId("presenter").click();
      await p.locator(`[data-testid=case][data-file="${CASE}"]`).click();
      const steps = run(CASE_TEXT).visited.length;
      let smallest = Infinity;
      for (let shown = 0; shown < steps; shown++) {
        const current = await p.locator("#tr-diagram svg .current").getAttribute("id");
        const seen = await onScreen(p);
        assert.ok(seen.ids.includes(current), `${width}×${height}, step ${shown + 1}: the step being asked (${current}) is on screen`);
        assert.ok(seen.smallest >= 18, `${width}×${height}, step ${shown + 1}: text ${seen.smallest.toFixed(1)} px`);
        smallest = Math.min(smallest, seen.smallest);
        if (shown === 3) await p.screenshot({ path: `${SHOTS}trainer-${width}-presenter-playing.png` });
        await p.getByTestId("next").click();
      }
      await p.getByTestId("outcome-before").waitFor();
      const atOutcome = await onScreen(p);
      assert.ok(atOutcome.smallest >= 18 && atOutcome.ids.some((id) => id.startsWith("dest-")), "at the outcome, the referrals, readable");
      await p.screenshot({ path: `${SHOTS}trainer-${width}-presenter-outcome.png` });
      t.diagnostic(`${width}×${height}: the smallest node text on screen as the case played was ${smallest.toFixed(1)} px`);
      // "Whole pathway" still shows it all.
      await p.getByTestId("zoom-fit").click();
      const whole = await p.evaluate(() => {
        const svg = document.querySelector("#tr-diagram svg");
        const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
        const box = svg.getBBox();
        return box.width <= w + 1 && box.height <= h + 1;
      });
      assert.ok(whole, "the whole pathway fits the view");
      await noViolations(p, `presenter view at ${width}×${height}`);
      assert.deepEqual(p.problems, []);
      await p.close();
    }
  });

  test("no node's text anywhere in the diagram is cut: every line within its box, none shortened", async () => {
    const p = await trainerPage();
    const cut = await p.evaluate(() => [...document.querySelectorAll("#tr-diagram svg g.node")].flatMap((node) => {
      const shape = node.querySelector("rect, polygon, ellipse, circle, path").getBBox();
      return [...node.querySelectorAll("tspan")].filter((line) => {
        const b = line.getBBox();
        const inside = b.x >= shape.x - 0.5 && b.y >= shape.y - 0.5 && b.x + b.width <= shape.x + shape.width + 0.5 && b.y + b.height <= shape.y + shape.height + 0.5;
        return !inside || line.textContent.endsWith("…");
      }).map((line) => `${node.id}: ${line.textContent}`);
    }));
    assert.deepEqual(cut, []);
    // Every question's whole text is in its node: its lines, joined, are its title (the words
    // in full). Routes and destinations show their names, their reasons and descriptions being
    // their titles.
    const differing = await p.evaluate(() => [...document.querySelectorAll("#tr-diagram svg g.node[id^=step-]")]
      .filter((node) => [...node.querySelectorAll("tspan")].map((l) => l.textContent).join(" ") !== node.querySelector("title").textContent)
      .map((node) => node.id));
    assert.deepEqual(differing, []);
    await p.close();
  });

  test("a trainer's own case study file is read in the browser and played; a broken one is located", async () => {
    const p = await trainerPage();
    const good = join(scratch, "my-room-case.yaml");
    writeFileSync(good, CASE_TEXT.replace(/^title: .*$/m, 'title: "Our own case, from last year\'s review"'));
    await p.getByTestId("case-file").setInputFiles(good);
    await p.getByRole("heading", { name: "Our own case, from last year's review" }).waitFor();
    while (await p.getByTestId("next").isEnabled()) await p.getByTestId("next").click();
    assert.deepEqual(await referralsIn(p, "outcome-before"), run(CASE_TEXT).referrals.map((r) => r.destination));
    await p.getByTestId("cases").click();
    const broken = join(scratch, "broken-case.yaml");
    writeFileSync(broken, CASE_TEXT.replace("role: gp", "role: astronaut"));
    await p.getByTestId("case-file").setInputFiles(broken);
    await p.getByTestId("file-error").waitFor();
    const message = await p.getByTestId("file-error").innerText();
    const line = CASE_TEXT.split("\n").findIndex((l) => l.includes("role: gp")) + 1;
    assert.ok(message.includes(`--> broken-case.yaml:${line}:9`), message);
    assert.match(message, /astronaut/);
    await noViolations(p, "a case study file with a problem");
    assert.deepEqual(p.problems, []);
    await p.close();
  });

  test("everything works by keyboard alone", async () => {
    const p = await trainerPage({ width: 1280, height: 720 });
    await p.locator(`[data-testid=case][data-file="${CASE}"]`).focus();
    await p.keyboard.press("Enter");
    await p.getByTestId("play").waitFor();
    for (let i = 0; i < 60 && (await p.getByTestId("next").isEnabled()); i++) await p.keyboard.press("ArrowRight");
    await p.getByTestId("outcome-before").waitFor();
    await p.keyboard.press("ArrowLeft");
    assert.ok(await p.getByTestId("next").isEnabled(), "← goes back one answer");
    await p.keyboard.press("ArrowRight");
    await p.keyboard.press("d");
    assert.equal(await p.getByTestId("diagram-panel").isHidden(), true, "D hides the diagram");
    await p.keyboard.press("d");
    const box = () => p.locator("#tr-diagram svg").getAttribute("viewBox");
    await p.getByTestId("diagram").focus();
    const start = await box();
    await p.keyboard.press("ArrowDown");
    await p.keyboard.press("+");
    assert.notEqual(await box(), start, "the diagram moves and zooms by keyboard");
    // A what-if by keyboard: its button, a choice, submit.
    await p.locator('[data-testid=what-if][data-step="professional_judgement"]').focus();
    await p.keyboard.press("Enter");
    await p.getByTestId("what-if-form").getByLabel("No", { exact: true }).focus();
    await p.keyboard.press("Space");
    await p.getByTestId("what-if-submit").focus();
    await p.keyboard.press("Enter");
    await p.getByTestId("outcome-after").waitFor();
    assert.deepEqual(p.problems, []);
    await p.close();
  });

  test("nothing is stored and nothing is sent off the site; Exit this page leaves", async () => {
    const p = await trainerPage();
    await playToOutcome(p, CASE);
    const stored = await p.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
      databases: (await indexedDB.databases()).length,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, cookie: "", databases: 0 });
    assert.deepEqual(offSite, [], "no request leaves the site");
    await p.getByTestId("exit-this-page").click();
    await p.waitForURL(/bbc\.co\.uk|about:blank/).catch(() => {});
    assert.equal(offSite.some((u) => u.startsWith("https://www.bbc.co.uk/weather")), true, "exit goes to the neutral site");
    offSite.length = 0;
    await p.close();
  });

  test("the diagram moves with a drag and zooms with a pinch of two fingers", async () => {
    const p = await trainerPage({ width: 1280, height: 720 });
    const box = () => p.locator("#tr-diagram svg").getAttribute("viewBox").then((v) => v.split(" ").map(Number));
    const at = await p.getByTestId("diagram").boundingBox();
    const [cx, cy] = [at.x + at.width / 2, at.y + at.height / 2];
    const pointer = (type, id, x, y) => p.getByTestId("diagram").dispatchEvent(type, { pointerId: id, clientX: x, clientY: y, isPrimary: id === 1, pointerType: "touch", bubbles: true });
    const before = await box();
    await pointer("pointerdown", 1, cx, cy);
    await pointer("pointermove", 1, cx - 100, cy - 50);
    await pointer("pointerup", 1, cx - 100, cy - 50);
    const moved = await box();
    assert.ok(moved[0] > before[0] && moved[1] > before[1], "a drag moves the view");
    await pointer("pointerdown", 1, cx - 50, cy);
    await pointer("pointerdown", 2, cx + 50, cy);
    await pointer("pointermove", 2, cx + 150, cy);
    await pointer("pointerup", 2, cx + 150, cy);
    await pointer("pointerup", 1, cx - 50, cy);
    assert.ok((await box())[2] < moved[2], "spreading two fingers zooms in");
    assert.deepEqual(p.problems, []);
    await p.close();
  });

  test("trainer mode works offline once it has been opened", async () => {
    const own = await launch();
    try {
      const p = await own.newPage();
      await p.goto(`${site.address}trainer.html`);
      await p.evaluate(() => navigator.serviceWorker.ready);
      await p.reload();
      await p.getByTestId("case").first().waitFor();
      await own.setOffline(true);
      await p.reload();
      await playToOutcome(p, CASE);
      assert.ok((await referralsIn(p, "outcome-before")).length > 0);
    } finally {
      await own.close();
    }
  });

  test("the practitioner's first visit fetches nothing of trainer mode", async () => {
    const p = await context.newPage();
    site.requests.length = 0;
    await p.goto(site.address);
    await p.getByTestId("start").click();
    await p.locator("form[data-step]").first().waitFor();
    assert.deepEqual(site.requests.filter((r) => /trainer|\.svg$|\/cases/.test(r)), []);
    await p.close();
  });
});
