// End-to-end tests of the built site (www/dist) in headless Chromium.
// Run with `node --test tests/e2e/` after scripts/build-web.sh; scripts/test.sh does both.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "../../scripts/serve.mjs";
import { AXE, AXE_TAGS, HIGH_RISK, answer, atStep, axe, launch, pathway, start, topicOf } from "./browser.mjs";

const DIST = new URL("../../www/dist", import.meta.url).pathname;
const SHOTS = new URL("../../test-results/screenshots/", import.meta.url).pathname;
const EXIT = "https://www.bbc.co.uk/weather";
// The stamp on every summary names the pathway's version, as its file gives it.
const VERSION = readFileSync(new URL("../../pathways/durham/pathway.yaml", import.meta.url), "utf8")
  .match(/^  version: "([^"]+)"/m)[1]
  .replaceAll(".", "\\.");
mkdirSync(SHOTS, { recursive: true });

let site;
let context;

before(async () => {
  site = await serve(DIST);
  context = await launch();
  // The closed network here cannot reach the exit site: answer for it with a neutral page.
  await context.route(`${EXIT}**`, (route) => route.fulfill({ contentType: "text/html", body: "<title>Weather</title><h1>Weather</h1>" }));
});

after(async () => {
  await context?.close();
  await site?.close();
});

/** A fresh page that fails the test on any console error or CSP violation. */
async function page() {
  const p = await context.newPage();
  p.problems = [];
  p.on("console", (m) => m.type() === "error" && p.problems.push(m.text()));
  p.on("pageerror", (e) => p.problems.push(String(e)));
  await p.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return p;
}

async function done(p) {
  assert.deepEqual(p.problems, [], "console errors or CSP violations");
  await p.close();
}

async function walk(p, answers) {
  for (const [step, value] of answers) await answer(p, step, value);
}

/** A site owner's own pathway, compiled by `pathway build` as the owner would. */
function partnerPathway() {
  const dir = mkdtempSync(join(tmpdir(), "pathway-partner-"));
  const yaml = readFileSync(new URL("../../pathways/durham/pathway.yaml", import.meta.url), "utf8")
    .replace("title: County Durham domestic abuse referral pathway", "title: Partner area pathway");
  writeFileSync(join(dir, "pathway.yaml"), yaml);
  pathway(["build", join(dir, "pathway.yaml"), "--out", join(dir, "area.pathway")], { stdio: "ignore" });
  return readFileSync(join(dir, "area.pathway"));
}

async function noViolations(p, where) {
  const violations = await axe(p);
  assert.deepEqual(violations, [], `axe on ${where}`);
}

describe("the walk", () => {
  test("a full walk by mouse ends at MARAC, with reasons and contacts", async () => {
    const p = await page();
    await start(p, site.address);
    await walk(p, HIGH_RISK);
    await assert.doesNotReject(p.getByRole("heading", { name: "Check your answers" }).waitFor());
    await p.getByTestId("see-referrals").click();
    await p.getByRole("heading", { name: "Where to refer" }).waitFor();
    assert.equal(await p.getByTestId("risk").getAttribute("data-level"), "high");
    const order = await p.getByTestId("referral").evaluateAll((els) => els.map((e) => e.dataset.destination));
    assert.deepEqual(order, ["marac", "first_contact", "idva", "national_helpline"]);
    const marac = p.locator('[data-destination="marac"]');
    assert.match(await marac.innerText(), /Visible high risk|Risk level: High risk/);
    assert.equal(await p.locator('[data-destination="idva"] a[href="tel:03000202525"]').count(), 1);
    assert.equal(await p.locator('[data-destination="first_contact"] a[href="mailto:firstcontact@durham.gov.uk"]').count(), 1);
    await done(p);
  });

  test("a full walk by keyboard alone ends at MARAC", async () => {
    const p = await page();
    await p.goto(site.address);
    await p.getByTestId("start").waitFor();
    await tabTo(p, '[data-testid="start"]');
    await p.keyboard.press("Enter");
    for (const [step, value] of HIGH_RISK) {
      await atStep(p, step);
      assert.equal(await p.evaluate(() => document.activeElement?.tagName), "H1", `focus on the heading at ${step}`);
      const heading = await p.evaluate(() => document.activeElement.textContent);
      assert.ok((await p.title()).startsWith(`${heading} – `), `the title names the question at ${step}`);
      await keyboardAnswer(p, step, value);
      await tabTo(p, `form[data-step="${step}"] button[type=submit]`);
      await p.keyboard.press("Enter");
    }
    await p.getByRole("heading", { name: "Check your answers" }).waitFor();
    await tabTo(p, '[data-testid="see-referrals"]');
    await p.keyboard.press("Enter");
    await p.getByRole("heading", { name: "Where to refer" }).waitFor();
    assert.equal(await p.getByTestId("risk").getAttribute("data-level"), "high");
    await done(p);
  });

  test("back keeps the answer, and changing an answer returns to check your answers", async () => {
    const p = await page();
    await start(p, site.address);
    await walk(p, HIGH_RISK.slice(0, 4));
    await atStep(p, "abuse_types");
    await p.getByTestId("back").click();
    await atStep(p, "victim_age");
    assert.equal(await p.locator('input[value="age_18_64"]').isChecked(), true, "the answer taken back is shown again");
    await p.getByRole("button", { name: "Continue" }).click();
    await walk(p, HIGH_RISK.slice(4));
    await p.getByRole("heading", { name: "Check your answers" }).waitFor();
    // Each "Change" is named by its row's question, for screen readers and voice control.
    const questions = await p.locator(".govuk-summary-list__key").allInnerTexts();
    assert.equal(questions.length, HIGH_RISK.length, "a row for every question answered");
    for (const question of questions) {
      assert.equal(await p.getByRole("button", { name: `Change ${question}`, exact: true }).count(), 1, `Change ${question}`);
    }
    await p.getByTestId("change-consent").click();
    await atStep(p, "consent");
    assert.equal(await p.locator('input[value="agrees"]').isChecked(), true, "the current answer is pre-selected");
    await p.locator('input[value="declines"]').check();
    await p.getByRole("button", { name: "Continue" }).click();
    await p.getByRole("heading", { name: "Check your answers" }).waitFor();
    assert.match(await p.getByTestId("summary").innerText(), /No, they do not agree/);
    await p.getByTestId("see-referrals").click();
    assert.match(await p.getByTestId("warning").first().innerText(), /without consent/);
    await done(p);
  });

  test("an answer that means danger now shows 999 at once, then the walk goes on", async () => {
    const p = await page();
    await start(p, site.address);
    await answer(p, "role", "police");
    await answer(p, "immediate_danger", "yes");
    await p.getByTestId("interrupt").waitFor();
    assert.match(await p.getByTestId("interrupt").innerText(), /Call 999 now/);
    assert.equal(await p.locator('a[href="tel:999"]').count(), 1);
    assert.match(await p.title(), /Call 999 now/);
    await p.getByTestId("continue").click();
    await atStep(p, "safe_to_talk");
    await done(p);
  });

  test("continuing without an answer shows the error summary and moves focus to it", async () => {
    const p = await page();
    await start(p, site.address);
    await atStep(p, "role");
    await p.getByRole("button", { name: "Continue" }).click();
    await p.getByTestId("error-summary").waitFor();
    assert.match(await p.title(), /^Error: /);
    assert.equal(await p.evaluate(() => document.activeElement?.dataset.testid), "error-summary");
    assert.match(await p.locator(".govuk-error-message").innerText(), /Select an option/);
    await noViolations(p, "an error state");
    await p.getByTestId("error-summary").getByRole("link").click();
    assert.equal(await p.evaluate(() => document.activeElement?.id), "answer-0");
    assert.equal(new URL(p.url()).hash, "", "error links do not change the URL");
    await walk(p, HIGH_RISK.slice(0, 9));
    await atStep(p, "risk_checklist");
    await p.locator('input[name="item-injured"][value="yes"]').check();
    await p.getByRole("button", { name: "Continue" }).click();
    await p.getByTestId("error-summary").waitFor();
    // The first topic has three questions: the two left unanswered are listed, and no others.
    assert.equal(await p.getByTestId("error-summary").getByRole("link").count(), 2, "each unanswered item on the page is listed");
    assert.match(await p.getByTestId("error-summary").innerText(), /Answer question 2: .*\n.*Answer question 3: /);
    await done(p);
  });
});

describe("the outcome", () => {
  test("prints with a stamp and without the controls, and copies a summary for case notes", async () => {
    const p = await page();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.address });
    await start(p, site.address);
    await walk(p, HIGH_RISK);
    await p.getByTestId("see-referrals").click();
    await p.getByTestId("copy").click();
    await p.getByText("Summary copied").waitFor();
    const notes = await p.evaluate(() => navigator.clipboard.readText());
    assert.match(notes, new RegExp(`County Durham domestic abuse referral pathway \\(version ${VERSION}\\)`));
    assert.match(notes, /MARAC/);
    assert.match(notes, /Risk model: Dash RIC topics .*, 24 items, bands 10 and 14 \(version 2026\.12\)/);
    assert.match(notes, /Produced \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    await p.emulateMedia({ media: "print" });
    assert.equal(await p.getByTestId("exit-this-page").isVisible(), false, "no exit button on paper");
    assert.equal(await p.getByTestId("print").isVisible(), false);
    assert.equal(await p.getByTestId("stamp").isVisible(), true);
    assert.match(await p.getByTestId("stamp").innerText(), new RegExp(`version ${VERSION} — produced`));
    await p.screenshot({ path: `${SHOTS}outcome-print.png`, fullPage: true });
    await p.emulateMedia({ media: "screen" });
    await p.getByTestId("restart").click();
    await p.getByTestId("start").waitFor();
    await done(p);
  });
});

describe("exit this page", () => {
  for (const how of ["button", "Shift pressed three times"]) {
    test(`by ${how}: the page is replaced, state is gone, and back does not return to the answers`, async () => {
      const p = await page();
      await p.goto("about:blank");
      await start(p, site.address);
      await answer(p, "role", "gp");
      await atStep(p, "immediate_danger");
      if (how === "button") {
        await p.getByTestId("exit-this-page").click();
      } else {
        for (let i = 0; i < 3; i++) await p.keyboard.press("Shift");
      }
      await p.waitForURL(`${EXIT}**`);
      assert.match(await p.title(), /Weather/);
      await p.goBack().catch(() => {});
      const url = p.url();
      assert.ok(!url.startsWith(site.address) || (await p.locator("form[data-step]").count()) === 0, `back returned to the answers at ${url}`);
      await p.close();
    });
  }

  test("Shift used as a modifier does not exit", async () => {
    const p = await page();
    await start(p, site.address);
    await answer(p, "role", "gp");
    await atStep(p, "immediate_danger");
    await p.keyboard.press("Shift");
    await p.keyboard.press("Shift+A");
    await p.keyboard.press("Shift");
    await p.keyboard.press("Shift");
    await atStep(p, "immediate_danger");
    assert.ok(p.url().startsWith(site.address));
    await done(p);
  });
});

describe("privacy", () => {
  test("after a full walk nothing is stored, no request leaves 127.0.0.1, and the URL and title hold no answers", async () => {
    const p = await page();
    const origins = new Set();
    p.on("request", (r) => origins.add(new URL(r.url()).origin));
    await start(p, site.address);
    const url = p.url();
    const titles = new Set();
    for (const [step, value] of HIGH_RISK) {
      await answer(p, step, value);
      assert.equal(p.url(), url, "the URL never changes");
      titles.add(await p.title());
    }
    await p.getByTestId("see-referrals").click();
    await p.getByRole("heading", { name: "Where to refer" }).waitFor();
    for (const t of titles) assert.doesNotMatch(t, /ex_partner|Former partner|agrees|2 incidents/i, `title: ${t}`);
    assert.deepEqual([...origins], [new URL(site.address).origin]);
    assert.deepEqual(await context.cookies(), []);
    const stored = await p.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      indexedDB: (await indexedDB.databases()).length,
      cookie: document.cookie,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, indexedDB: 0, cookie: "" });
    await done(p);
  });

  test("no word of the pathway or the practitioner is ever parsed as HTML: only the app's own fixed markup is", async () => {
    // Leptos writes the wholly fixed parts of a component (a heading's words, a button) once
    // into a <template> and clones it; everything from the pathway or typed in is set as text
    // or as an attribute. Every string given to the HTML parser during a whole walk must be
    // that fixed markup: compiled into the wasm, so not from a pathway or a practitioner.
    const p = await page();
    await p.addInitScript(() => {
      window.parsedHtml = [];
      for (const [proto, name] of [[Element.prototype, "innerHTML"], [Element.prototype, "outerHTML"]]) {
        const { set, get } = Object.getOwnPropertyDescriptor(proto, name);
        Object.defineProperty(proto, name, {
          get,
          set(value) {
            window.parsedHtml.push({ on: this.tagName, html: String(value) });
            return set.call(this, value);
          },
        });
      }
      for (const name of ["insertAdjacentHTML", "setHTMLUnsafe"]) {
        const original = Element.prototype[name];
        if (original) Element.prototype[name] = function (...args) {
          window.parsedHtml.push({ on: this.tagName, html: String(args.at(-1)), via: name });
          return original.apply(this, args);
        };
      }
    });
    await start(p, site.address);
    await walk(p, HIGH_RISK);
    await p.getByTestId("see-referrals").click();
    await p.getByRole("heading", { name: "Where to refer" }).waitFor();
    const parsed = await p.evaluate(() => window.parsedHtml);
    assert.ok(parsed.length > 0, "the hook saw Leptos's templates (or the test is not looking)");
    const wasm = readFileSync(join(DIST, "pkg/pathway-web_bg.wasm"));
    for (const { on, html, via } of parsed) {
      assert.equal(via, undefined, `${via} used`);
      assert.equal(on, "TEMPLATE", `HTML parsed into a ${on}: ${html}`);
      assert.ok(wasm.includes(Buffer.from(html)), `not fixed markup compiled into the app: ${html}`);
    }
    await done(p);
  });
});

describe("loading", () => {
  // The practitioner's app reads only compiled pathways. Each of these must give a page that
  // says what is wrong and what to do, keeps "Exit this page" and 999, and never a walk.
  const durhamBytes = () => readFileSync(new URL("../../www/dist/pathways/durham.pathway", import.meta.url));
  const broken = {
    truncated: { bytes: () => durhamBytes().subarray(0, 2000), says: /damaged or incomplete/ },
    damaged: { bytes: () => { const b = Buffer.from(durhamBytes()); b[500] ^= 0x20; return b; }, says: /damaged or incomplete/ },
    "from another version": { bytes: () => { const b = Buffer.from(durhamBytes()); b[4] = 99; return b; }, says: /compiled in format 99, but this site reads format \d+/ },
    "YAML, not compiled": { bytes: () => readFileSync(new URL("../../pathways/durham/pathway.yaml", import.meta.url)), says: /not a compiled pathway.*pathway build/ },
  };
  for (const [what, { bytes, says }] of Object.entries(broken)) {
    test(`a compiled pathway ${what} is refused with a clear error page`, async () => {
      const own = await launch({ serviceWorkers: "block" });
      try {
        const p = await own.newPage();
        await p.route("**/pathways/durham.pathway", (r) => r.fulfill({ contentType: "application/octet-stream", body: bytes() }));
        await p.goto(site.address);
        await p.getByRole("heading", { name: "This pathway could not be loaded" }).waitFor();
        const text = await p.locator("main").innerText();
        assert.match(text, says);
        assert.match(text, /If anyone is in danger now, call 999/);
        assert.equal(await p.getByTestId("start").isVisible(), false, "no way to start a walk");
        assert.ok(await p.getByTestId("exit-this-page").isVisible());
        assert.match(await p.title(), /^Error: /);
        if (what === "damaged") await noViolations(p, "the error page");
      } finally {
        await own.close();
      }
    });
  }

  test("a site owner's own compiled pathway, named in a meta tag, is loaded from the same origin", async () => {
    // Routes do not see requests a service worker makes, so this context has none.
    const own = await launch({ serviceWorkers: "block" });
    try {
      const p = await own.newPage();
      const html = (await (await fetch(site.address)).text()).replace(
        "<title>",
        '<meta name="pathway-url" content="/partner/area.pathway"><title>',
      );
      await p.route(site.address, (r) => r.fulfill({ contentType: "text/html", body: html }));
      await p.route("**/partner/area.pathway", (r) => r.fulfill({ contentType: "application/octet-stream", body: partnerPathway() }));
      await p.goto(site.address);
      await p.getByRole("heading", { name: "Partner area pathway" }).waitFor();
      // The start page shown is the partner's, never the default's for a moment.
      assert.equal(await p.locator("#pw-start h1").innerText(), "Partner area pathway");
      await p.getByTestId("start").click();
      await atStep(p, "role");
    } finally {
      await own.close();
    }
  });

  test("?pathway= selects another pathway shipped with the site", async () => {
    const p = await page();
    await p.goto(`${site.address}?pathway=durham`);
    await p.getByTestId("start").click();
    await atStep(p, "role");
    assert.ok(site.requests.includes("/pathways/durham.pathway"));
    await done(p);
  });

  test("the start page links to every area's pathway, and a variant shows its own start page", async () => {
    const p = await page();
    await p.goto(site.address);
    // What changed in this version: the pathway's own change note, in plain HTML.
    await p.getByTestId("changes").locator("summary").click();
    assert.match(await p.locator("#pw-changes-list").innerText(), /Every outcome names the risk model it was assessed with/);
    await noViolations(p, "the start page with its list of areas and what changed");
    await p.getByTestId("area-darlington").click();
    await p.waitForURL(/\?pathway=darlington$/);
    await p.locator("h1", { hasText: "Darlington domestic abuse referral pathway" }).waitFor();
    assert.equal(await p.locator("#pw-start [data-meta=version]").innerText(), "2026.12-demo.5-darlington.3");
    await p.getByTestId("changes").locator("summary").click();
    assert.match(await p.locator("#pw-changes-list").innerText(), /Over County Durham's version 2026.12-demo.5/);
    assert.doesNotMatch(await p.locator("#pw-changes-list").innerText(), /The household question asks/, "the variant's own notes, not the base's");
    await p.getByTestId("start").click();
    await atStep(p, "role");
    assert.ok(site.requests.includes("/pathways/darlington.pathway"));
    await done(p);
  });

  test("a partner's theme sets the header's colours and service name, and passes axe", async () => {
    const p = await page();
    await p.goto(`${site.address}?theme=example-partner`);
    await p.locator('[data-theme="service"]').waitFor();
    assert.equal(await p.locator('[data-theme="service"]').innerText(), "Example Partner NHS Trust");
    assert.equal(await p.locator(".pw-header").evaluate((h) => getComputedStyle(h).backgroundColor), "rgb(0, 94, 184)");
    await noViolations(p, "a themed start page");
    await p.getByTestId("start").click();
    await atStep(p, "role");
    await noViolations(p, "a themed question");
    await p.setViewportSize({ width: 360, height: 800 });
    await p.screenshot({ path: `${SHOTS}themed-360.png` });
    await done(p);
  });

  test("the start page is plain HTML: readable, and left by Exit this page, with no WebAssembly", async () => {
    const own = await launch({ serviceWorkers: "block" });
    try {
      const p = await own.newPage();
      await p.route("**/*.wasm", () => { /* never answered: the app never loads */ });
      await p.route(`${EXIT}**`, (r) => r.fulfill({ contentType: "text/html", body: "<title>Weather</title>" }));
      await p.goto(site.address);
      await p.getByRole("heading", { name: /County Durham/, level: 1 }).waitFor();
      assert.match(await p.locator("#pw-start").innerText(), /Pathway version/);
      await noViolations(p, "the start page before the app loads");
      await p.keyboard.press("Shift");
      await p.keyboard.press("Shift");
      await p.keyboard.press("Shift");
      await p.waitForURL(`${EXIT}**`);
    } finally {
      await own.close();
    }
  });

  test("after one visit the site works with the network off", async () => {
    const offline = await launch();
    try {
      const p = await offline.newPage();
      await p.goto(site.address);
      await p.evaluate(() => navigator.serviceWorker.ready);
      await p.reload();
      await p.getByTestId("start").waitFor();
      await offline.setOffline(true);
      await p.reload();
      await p.getByTestId("start").waitFor();
      await p.getByTestId("start").click();
      await atStep(p, "role");
    } finally {
      await offline.close();
    }
  });
});

describe("accessibility", () => {
  test("axe finds no violations on every kind of page, at 360 px and 1280 px", async () => {
    const p = await page();
    const kinds = {
      role: "single choice", immediate_danger: "yes/no", victim_identity: "multiple choice",
      risk_checklist: "checklist", incidents: "number", judgement_reason: "text", safe_contact: "information",
    };
    const answers = [
      ["role", "gp"], ["immediate_danger", "no"], ["safe_to_talk", "no"], ["safe_contact", undefined],
      ...HIGH_RISK.slice(3, 12), ["professional_judgement", "yes"], ["judgement_reason", "Reason"], ...HIGH_RISK.slice(13),
    ];
    await p.goto(site.address);
    await p.getByTestId("start").waitFor();
    await noViolations(p, "the start page");
    await p.getByTestId("start").click();
    for (const [step, value] of answers) {
      await atStep(p, step);
      if (kinds[step]) {
        await noViolations(p, `a ${kinds[step]} question`);
        await assertFits(p, step);
      }
      if (step === "risk_checklist" || step === "role") await shots(p, step === "role" ? "question" : "checklist");
      await answer(p, step, value);
    }
    await p.getByRole("heading", { name: "Check your answers" }).waitFor();
    await noViolations(p, "check your answers");
    await assertFits(p, "check answers");
    await shots(p, "check-answers");
    await p.getByTestId("see-referrals").click();
    await p.getByRole("heading", { name: "Where to refer" }).waitFor();
    await noViolations(p, "the outcome page");
    await assertFits(p, "outcome");
    await shots(p, "outcome");
    await done(p);
  });

  test("every page of the risk questions fits in three screens at 360 px, passes axe, errors name only its own questions, and no answer shows on the next", { timeout: 120_000 }, async () => {
    const p = await page();
    await p.setViewportSize({ width: 360, height: 740 });
    await start(p, site.address);
    await walk(p, HIGH_RISK.slice(0, HIGH_RISK.findIndex(([step]) => step === "risk_checklist")));
    const form = p.locator('form[data-step="risk_checklist"]');
    await atStep(p, "risk_checklist");
    let total = 0;
    for (;;) {
      const topic = await topicOf(form);
      assert.ok(topic && topic.of >= 2, "the risk questions are split by topic");
      const height = await p.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height <= 2220, `topic ${topic.at} is ${height}px tall at 360px: more than three screens`);
      await p.screenshot({ path: `${SHOTS}checklist-topic-${topic.at}-360.png`, fullPage: true });
      await noViolations(p, `risk questions, topic ${topic.at}`);
      // Continue with nothing answered: the errors name this topic's questions, and no other.
      const items = await form.getByTestId("checklist-item").count();
      await form.getByRole("button", { name: "Continue" }).click();
      await p.getByTestId("error-summary").waitFor();
      assert.equal(await p.getByTestId("error-summary").locator("li").count(), items);
      if (topic.at === 1) await noViolations(p, "risk questions with errors");
      for (const name of await form.locator("input[type=radio]").evaluateAll((inputs) => [...new Set(inputs.map((i) => i.name))])) {
        await form.locator(`input[name="${name}"][value="no"]`).check();
      }
      total += items;
      assert.match(await p.getByTestId("answered").innerText(), new RegExp(`^${total} of 24 questions answered`));
      if (topic.at === topic.of) break;
      await form.getByRole("button", { name: "Continue" }).click();
      await form.locator(`[data-topic="${topic.at + 1}/${topic.of}"]`).waitFor();
      assert.equal(await p.getByTestId("error-summary").count(), 0, "a new topic starts without errors");
      // The page is drawn by changing the last one (browser/patch.rs): its radios are kept.
      assert.equal(await form.locator("input:checked").count(), 0, "nothing ticked on one topic shows ticked on the next");
    }
    assert.equal(total, 24);
    // Back goes to the previous topic with its answers kept, not to the previous question.
    await p.getByTestId("back").click();
    const before = await topicOf(form);
    assert.equal(before.at, before.of - 1);
    assert.equal(await form.locator('input[value="no"]:checked').count(), await form.getByTestId("checklist-item").count());
    await done(p);
  });

  test("the interrupt page and the exit overlay have no violations, and exit hides the case at once", { timeout: 60_000 }, async () => {
    const p = await page();
    await start(p, site.address);
    await answer(p, "role", "gp");
    await answer(p, "immediate_danger", "yes");
    await p.getByTestId("interrupt").waitFor();
    await noViolations(p, "the interrupt page");
    // Hold the neutral site for a few seconds, so the overlay can be checked before it loads.
    await p.route(`${EXIT}**`, (route) => setTimeout(() => route.fulfill({ contentType: "text/html", body: "<title>Weather</title>" }).catch(() => {}), 4000));
    // One evaluation for all of it: Playwright queues any later one behind the pending navigation.
    const seen = await p.evaluate(`${AXE}; (async () => {
      document.querySelector("[data-testid=exit-this-page]").click();
      const overlay = document.querySelector(".pw-exit-overlay");
      const form = document.querySelector("[data-testid=interrupt]");
      const result = await axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ["violations"] });
      return {
        overlay: overlay?.getAttribute("role"), text: overlay?.textContent, caseVisible: !!form && form.checkVisibility(),
        violations: result.violations.map((v) => v.id),
      };
    })()`);
    assert.deepEqual(seen, { overlay: "alert", text: "Loading.", caseVisible: false, violations: [] });
    await p.waitForURL(`${EXIT}**`);

    await p.close();
  });
});

/** No horizontal scrolling at 360 px wide, nor at 640 px (1280 px at 200% zoom). */
async function assertFits(p, where) {
  for (const width of [360, 640]) {
    await p.setViewportSize({ width, height: 800 });
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${where} scrolls sideways by ${overflow}px at ${width}px`);
  }
  await p.setViewportSize({ width: 1280, height: 800 });
}

async function shots(p, name) {
  for (const width of [360, 1280]) {
    await p.setViewportSize({ width, height: 800 });
    await p.screenshot({ path: `${SHOTS}${name}-${width}.png`, fullPage: true });
  }
  await p.setViewportSize({ width: 1280, height: 800 });
}

/** Presses Tab (at most 300 times) until the element matching `selector` has focus. */
async function tabTo(p, selector) {
  for (let i = 0; i < 300; i++) {
    if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await p.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

/** Selects a radio or checkbox with the keyboard: Tab to its group, arrows within it, Space. */
async function keyboardSelect(p, selector) {
  const name = await p.locator(selector).getAttribute("name");
  const type = await p.locator(selector).getAttribute("type");
  if (type === "checkbox") {
    await tabTo(p, selector);
    await p.keyboard.press("Space");
    return;
  }
  await tabTo(p, `input[name="${name}"]`);
  for (let i = 0; i < 10 && !(await p.evaluate((s) => document.activeElement?.matches(s), selector)); i++) {
    await p.keyboard.press("ArrowRight");
  }
  await p.keyboard.press("Space");
}

async function keyboardAnswer(p, step, value) {
  const form = `form[data-step="${step}"]`;
  if (Array.isArray(value)) {
    for (const v of value) await keyboardSelect(p, `${form} input[value="${v}"]`);
  } else if (typeof value === "object") {
    // A checklist, a topic at a time; the last topic's Continue is the caller's.
    for (;;) {
      const names = await p.locator(`${form} input[type=radio]`).evaluateAll((inputs) => [...new Set(inputs.map((i) => i.name))]);
      for (const name of names) {
        const item = name.replace(/^item-/, "");
        const reply = Object.entries(value).find(([, items]) => Array.isArray(items) && items.includes(item))?.[0] ?? value.rest;
        await keyboardSelect(p, `${form} input[name="${name}"][value="${reply}"]`);
      }
      const topic = await topicOf(p.locator(form));
      if (!topic || topic.at === topic.of) break;
      await tabTo(p, `${form} button[type=submit]`);
      await p.keyboard.press("Enter");
      await p.locator(`${form} [data-topic="${topic.at + 1}/${topic.of}"]`).waitFor();
      assert.equal(await p.evaluate(() => document.activeElement?.tagName), "H1", `focus on the heading at topic ${topic.at + 1}`);
    }
  } else if (await p.locator(`${form} #answer`).count()) {
    await tabTo(p, `${form} #answer`);
    await p.keyboard.type(String(value));
  } else {
    await keyboardSelect(p, `${form} input[value="${value}"]`);
  }
}
