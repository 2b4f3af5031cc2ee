// Shared by the browser tests and the timing script: Debian's Chromium, driven by playwright-core,
// with the launch flags that work on these machines (no sandbox as root, no background network).
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/**
 * Runs the `pathway` command and returns its output: the binary the test command built and
 * tested (PATHWAY), else built and run by cargo.
 */
export function pathway(args, options = {}) {
  const [command, prefix] = process.env.PATHWAY
    ? [process.env.PATHWAY, []]
    : ["cargo", ["run", "--locked", "-q", "-p", "pathway-cli", "--"]];
  const root = new URL("../../", import.meta.url).pathname;
  return execFileSync(command, [...prefix, ...args], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20, ...options });
}

export async function launch(options = {}) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "pathway-e2e-")), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

export const AXE = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe-core on the page against WCAG 2.2 A and AA; returns its violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol: the site's CSP (rightly) refuses inline scripts.
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const result = await globalThis.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
  }, AXE_TAGS);
}

/** Waits until the form for `step` is showing. */
export async function atStep(page, step) {
  await page.locator(`form[data-step="${step}"]`).waitFor();
}

/**
 * Answers the question on screen with the mouse. `value` is a reply or option id, a list of
 * option ids, a checklist ({ yes: [...], rest: "no" }), a number, or text.
 */
export async function answer(page, step, value) {
  await fill(page, step, value);
  await page.locator(`form[data-step="${step}"]`).getByRole("button", { name: "Continue" }).click();
}

/** Which topic of a checklist is showing, as { at, of }, or null for a page of one topic. */
export async function topicOf(form) {
  const marker = form.getByTestId("topic");
  if (!(await marker.count())) return null;
  const [at, of] = (await marker.getAttribute("data-topic")).split("/").map(Number);
  return { at, of };
}

/** Enters an answer without continuing. */
export async function fill(page, step, value) {
  await atStep(page, step);
  const form = page.locator(`form[data-step="${step}"]`);
  if (value === undefined) {
    // an information page
  } else if (Array.isArray(value)) {
    for (const v of value) await form.locator(`input[value="${v}"]`).check();
  } else if (typeof value === "object") {
    // A checklist, asked a topic at a time: answer each topic's items, and go on to the next
    // topic; the last topic's Continue is the caller's.
    for (;;) {
      const names = await form.locator("input[type=radio]").evaluateAll((inputs) => [...new Set(inputs.map((i) => i.name))]);
      for (const name of names) {
        const item = name.replace(/^item-/, "");
        const reply = Object.entries(value).find(([, items]) => Array.isArray(items) && items.includes(item))?.[0] ?? value.rest;
        await form.locator(`input[name="${name}"][value="${reply}"]`).check();
      }
      const topic = await topicOf(form);
      if (!topic || topic.at === topic.of) break;
      await form.getByRole("button", { name: "Continue" }).click();
      await form.locator(`[data-topic="${topic.at + 1}/${topic.of}"]`).waitFor();
    }
  } else if (await form.locator("#answer").count()) {
    await form.locator("#answer").fill(String(value));
  } else {
    await form.locator(`input[value="${value}"]`).check();
  }
}

/** A complete walk of the County Durham pathway that ends at high risk, by the checklist score. */
export const HIGH_RISK = [
  ["role", "gp"],
  ["immediate_danger", "no"],
  ["safe_to_talk", "yes"],
  ["victim_age", "age_18_64"],
  ["abuse_types", ["physical", "coercive_control"]],
  ["relationship", "ex_partner"],
  ["victim_identity", ["none"]],
  ["household", ["children"]],
  ["care_needs", "no"],
  ["risk_checklist", { yes: ["injured", "very_frightened", "fears_worse", "isolated", "low_mood", "separation", "child_contact", "more_often", "getting_worse", "controlling", "strangulation", "perpetrator_problems", "money", "criminal_history"], rest: "no" }],
  ["incidents", 2],
  ["previous_marac", "no"],
  ["professional_judgement", "no"],
  ["consent", "agrees"],
  ["wants_police", "no"],
  ["immigration", "settled"],
  ["clares_law", "no"],
  ["perpetrator_help", "no"],
];

export async function start(page, address) {
  await page.goto(address);
  await page.getByTestId("start").click();
}

/** Records and refuses every request of `context` that is not to `address` (the site): the
 *  list it returns fills as pages try. */
export async function refuseOffSite(context, address) {
  const offSite = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(address)) return route.continue();
    offSite.push(url);
    return route.abort();
  });
  return offSite;
}

/** A new page that records its console errors and uncaught exceptions in `page.problems`. */
export async function watchedPage(context, { width, height }) {
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (m) => m.type() === "error" && page.problems.push(m.text()));
  page.on("pageerror", (e) => page.problems.push(String(e)));
  await page.setViewportSize({ width, height });
  return page;
}
