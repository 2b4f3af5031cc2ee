// Front ends agree: every case study of every shipped pathway, walked in the browser by mouse,
// reaches an outcome page showing exactly the referrals (in order), interrupts, risk level,
// criteria and warnings that `pathway run` gives for the same answers.
// Run after scripts/build-web.sh (scripts/test.sh does both).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { serve } from "../../scripts/serve.mjs";
import { fill, launch, pathway } from "./browser.mjs";

const DIST = new URL("../../www/dist", import.meta.url).pathname;

/** What the `pathway` command says of each case study: its answers and its outcome. */
function casesOf(folder) {
  const json = pathway(["test", folder, "--format", "json"]);
  return JSON.parse(json).filter((r) => r.case && r.answers && r.outcome);
}

/** An answer as the core writes it, as the browser helpers take it. */
function helperValue(answer) {
  if (answer === "continue") return undefined;
  const [kind, value] = Object.entries(answer)[0];
  switch (kind) {
    case "reply": case "choice": case "number": case "text": return value;
    case "choices": return value;
    case "checklist": {
      const grouped = { rest: "no" };
      for (const [item, reply] of Object.entries(value)) (grouped[reply] ??= []).push(item);
      if (Array.isArray(grouped.no)) delete grouped.no;
      return grouped;
    }
    default: throw new Error(`unknown answer ${JSON.stringify(answer)}`);
  }
}

let site;
let context;
before(async () => {
  site = await serve(DIST);
  context = await launch();
});
after(async () => {
  await context?.close();
  await site?.close();
});

const pathways = readdirSync(new URL("../../pathways/", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

for (const name of pathways) {
  // A variant's test runs its base's case studies too; those are played here with the base, so
  // a variant's pages play its own (which see its own wording and contacts).
  const cases = casesOf(`pathways/${name}`).filter((c) => c.case.startsWith(`pathways/${name}/cases/`));
  // Six pages at a time: each case is independent, and a page spends much of its time waiting
  // (the file alone took 225 s at three, 195 s at six and 183 s at ten, on two cores).
  describe(`pathway ${name}: every case study's page agrees with pathway run`, { concurrency: 6 }, () => {
    test(`there are case studies to play (${cases.length})`, () => assert.ok(cases.length >= (name === "durham" ? 30 : 2)));
    for (const c of cases) {
      test(c.case.replace(/^.*\//, ""), { timeout: 120_000 }, async () => {
        const p = await context.newPage();
        const query = name === "durham" ? "" : `?pathway=${name}`;
        await p.goto(`${site.address}${query}`);
        await p.getByTestId("start").click();
        const answers = new Map(c.answers);
        // Answer whatever the app asks, as a practitioner would, until it has no more questions.
        for (let asked = 0; asked < 60; asked++) {
          // One wait for whichever comes: racing three waits would leave the two that lose
          // polling the page until they time out, two more at every step.
          const next = p.locator('form[data-step], [data-testid="interrupt"], [data-testid="see-referrals"]').first();
          await next.waitFor();
          const shown = await next.evaluate((e) => (e.matches("form") ? "question" : e.dataset.testid === "interrupt" ? "interrupt" : "check"));
          if (shown === "check") break;
          if (shown === "interrupt") {
            await p.getByTestId("continue").click();
            await p.getByTestId("interrupt").waitFor({ state: "detached" });
            continue;
          }
          const step = await p.locator("form[data-step]").first().getAttribute("data-step");
          assert.ok(answers.has(step) || step === "safe_contact" || step.endsWith("_info"), `${step} has no answer in the case study`);
          await fill(p, step, answers.has(step) ? helperValue(answers.get(step)) : undefined);
          await p.locator(`form[data-step="${step}"]`).getByRole("button", { name: "Continue" }).click();
          await p.locator(`form[data-step="${step}"]`).waitFor({ state: "detached" });
        }
        await p.getByTestId("see-referrals").click();
        await p.getByRole("heading", { name: "Where to refer" }).waitFor();

        const o = c.outcome;
        const referrals = await p.getByTestId("referral").evaluateAll((els) => els.map((e) => e.dataset.destination));
        assert.deepEqual(referrals, o.referrals.map((r) => r.destination), "referrals, in order");
        // Each under the name this pathway gives it (a variant's own, where it words it).
        const names = await p.getByTestId("referral").locator("h3").allInnerTexts();
        assert.deepEqual(names, o.referrals.map((r, i) => `${i + 1}. ${r.name}`), "referrals' names");
        const interrupts = await p.getByTestId("referral").evaluateAll((els) => els.filter((e) => e.dataset.interrupt === "true").map((e) => e.dataset.destination));
        assert.deepEqual(interrupts, o.interrupts, "interrupts");
        const level = await p.getByTestId("risk").getAttribute("data-level");
        assert.equal(level, o.risk?.level ?? null, "risk level");
        const criteria = await p.locator("[data-criterion]").evaluateAll((els) => els.map((e) => e.dataset.criterion));
        assert.deepEqual(criteria, (o.risk?.criteria ?? []).map((x) => x.id), "criteria");
        const warnings = await p.getByTestId("warning").evaluateAll((els) => els.map((e) => e.dataset.route));
        assert.deepEqual(warnings, o.warnings.map((w) => w.route), "warnings");
        await p.close();
      });
    }
  });
}
