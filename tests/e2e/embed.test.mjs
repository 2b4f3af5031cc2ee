// A partner's intranet page embedding the pathway from another origin, as docs/hosting.md
// tells partners to: quick exit must leave the partner's whole page, not only the frame.
// Run after scripts/build-web.sh.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { securityHeaders, serve } from "../../scripts/serve.mjs";
import { AXE, AXE_TAGS, launch } from "./browser.mjs";

const DIST = new URL("../../www/dist", import.meta.url).pathname;
const SHOTS = new URL("../../test-results/screenshots/", import.meta.url).pathname;
const EXIT = "https://www.bbc.co.uk/weather";
const SANDBOX = "allow-scripts allow-same-origin allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox";

let site;
let partner;
let context;
const partnerDir = mkdtempSync(join(tmpdir(), "pathway-partner-page-"));
mkdirSync(SHOTS, { recursive: true });

/** A partner page embedding the site, with or without the loader. */
function partnerPage(name, { loader = true } = {}) {
  writeFileSync(join(partnerDir, `${name}.html`), `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Partner intranet</title></head><body>
<h1>Partner intranet</h1><p id="partner-content">Staff guidance, with a case on screen.</p>
<iframe data-pathway-embed src="${site.address}" title="Domestic abuse referral pathway" sandbox="${SANDBOX}" style="width:100%;height:300px;border:0"></iframe>
${loader ? `<script src="${site.address}embed.js"></script>` : ""}
</body></html>`);
  return `${partner.address}${name}.html`;
}

before(async () => {
  // Two origins on one machine: 127.0.0.1 on two ports. The site allows the partner to frame it.
  partner = await serve(partnerDir);
  site = await serve(DIST, 0, { headers: securityHeaders(DIST, [partner.address.replace(/\/$/, "")]) });
  context = await launch({ serviceWorkers: "block" });
  await context.route(`${EXIT}**`, (route) => route.fulfill({ contentType: "text/html", body: "<title>Weather</title><h1>Weather</h1>" }));
});

after(async () => {
  await context?.close();
  await site?.close();
  await partner?.close();
});

async function embedded(name, options) {
  const p = await context.newPage();
  await p.goto(partnerPage(name, options));
  const frame = p.frameLocator("iframe[data-pathway-embed]");
  await frame.getByTestId("start").waitFor();
  return { p, frame };
}

describe("embedded in a partner's page, with embed.js", () => {
  test("the embedded pathway passes axe, asks nothing of the partner's origin, and is drawn at 360 px and 1280 px", async () => {
    const { p, frame } = await embedded("accessible");
    const inFrame = p.frames().find((f) => f.url().startsWith(site.address));
    await inFrame.evaluate(AXE);
    const check = () => inFrame.evaluate(async (tags) => {
      const result = await globalThis.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return result.violations.map((v) => `${v.id}: ${v.help}`);
    }, AXE_TAGS);
    assert.deepEqual(await check(), [], "axe on the embedded start page");
    await frame.getByTestId("start").click();
    await frame.locator('form[data-step="role"]').waitFor();
    assert.deepEqual(await check(), [], "axe on an embedded question");
    for (const width of [360, 1280]) {
      await p.setViewportSize({ width, height: 800 });
      await p.waitForTimeout(200);
      await p.screenshot({ path: `${SHOTS}embedded-${width}.png`, fullPage: true });
    }
    // The partner's server saw its own page, and nothing from the frame.
    assert.deepEqual(partner.requests.filter((r) => r !== "/favicon.ico" && !r.endsWith(".html")), []);
    await p.close();
  });

  test("the frame is sized to its content, and follows it as pages change", async () => {
    const { p, frame } = await embedded("sized");
    const fits = async () => {
      const frameHeight = await p.locator("iframe").evaluate((f) => f.getBoundingClientRect().height);
      const content = await frame.locator("html").evaluate((html) => html.scrollHeight);
      return Math.abs(frameHeight - content) <= 2;
    };
    await p.waitForFunction(() => document.querySelector("iframe").style.height !== "300px");
    assert.ok(await fits(), "the frame is as tall as the start page");
    await frame.getByTestId("start").click();
    await frame.locator('form[data-step="role"]').waitFor();
    await p.waitForTimeout(200);
    assert.ok(await fits(), "the frame follows the page to the first question");
    // Narrow, the page is taller; wide again, it is shorter, and the frame shrinks with it.
    await p.setViewportSize({ width: 360, height: 800 });
    await p.waitForTimeout(300);
    assert.ok(await fits(), "the frame grows with a narrow page");
    const narrow = await p.locator("iframe").evaluate((f) => f.getBoundingClientRect().height);
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.waitForTimeout(300);
    assert.ok(await fits(), "the frame shrinks with a wide page");
    assert.ok((await p.locator("iframe").evaluate((f) => f.getBoundingClientRect().height)) < narrow);
    await p.close();
  });

  test("the exit button stays in view as the partner's page scrolls", async () => {
    const { p, frame } = await embedded("scrolled");
    await p.setViewportSize({ width: 360, height: 640 });
    await frame.getByTestId("start").click();
    await frame.locator('form[data-step="role"]').waitFor();
    await p.waitForFunction(() => parseFloat(document.querySelector("iframe").style.height) > 1500);
    for (const y of [400, 1200]) {
      await p.evaluate((y) => window.scrollTo(0, y), y);
      await p.waitForTimeout(300);
      const top = await frame.getByTestId("exit-this-page").evaluate((b) => b.getBoundingClientRect().top);
      const frameTop = await p.locator("iframe").evaluate((f) => f.getBoundingClientRect().top);
      const onScreen = frameTop + top;
      assert.ok(onScreen >= 0 && onScreen < 80, `scrolled to ${y}: the exit button is at ${onScreen}px`);
    }
    await frame.getByTestId("exit-this-page").click();
    await p.waitForURL(`${EXIT}**`);
    await p.close();
  });

  test("Exit this page in the frame replaces the partner's whole page, and back does not return to it", async () => {
    const p = await context.newPage();
    const before = partnerPage("before", { loader: false }).replace("before.html", "nothing-to-see.html");
    writeFileSync(join(partnerDir, "nothing-to-see.html"), "<!doctype html><title>Intranet home</title><h1>Intranet home</h1>");
    await p.goto(before);
    await p.goto(partnerPage("exit-button"));
    const frame = p.frameLocator("iframe[data-pathway-embed]");
    await frame.getByTestId("start").click();
    await frame.locator('form[data-step="role"]').waitFor();
    await frame.getByTestId("exit-this-page").click();
    await p.waitForURL(`${EXIT}**`);
    assert.equal(await p.title(), "Weather");
    await p.goBack();
    assert.equal(await p.title(), "Intranet home", "back skips the page that showed the case");
    await p.close();
  });

  test("Shift pressed three times in the frame replaces the partner's whole page", async () => {
    const { p, frame } = await embedded("exit-shift-in-frame");
    await frame.getByTestId("start").focus();
    for (let i = 0; i < 3; i++) await p.keyboard.press("Shift");
    await p.waitForURL(`${EXIT}**`);
    await p.close();
  });

  test("Shift pressed three times on the partner's page leaves it too", async () => {
    const { p } = await embedded("exit-shift-on-partner");
    await p.locator("h1").click();
    for (let i = 0; i < 3; i++) await p.keyboard.press("Shift");
    await p.waitForURL(`${EXIT}**`);
    await p.close();
  });

  test("the loader hides the partner's page at once, before the neutral site loads", async () => {
    const { p, frame } = await embedded("exit-hides");
    // Hold the neutral site, so the page can be looked at before it goes.
    await p.route(`${EXIT}**`, (route) => setTimeout(() => route.fulfill({ contentType: "text/html", body: "<title>Weather</title>" }).catch(() => {}), 3000));
    // Watch from inside the page: Playwright queues later calls behind the pending navigation.
    const seen = p.evaluate(() => new Promise((resolve) => {
      const look = () => {
        const overlay = document.querySelector(".pw-exit-overlay");
        if (!overlay) return requestAnimationFrame(look);
        resolve({ role: overlay.getAttribute("role"), partnerVisible: document.getElementById("partner-content").checkVisibility() });
      };
      look();
    }));
    await frame.getByTestId("exit-this-page").click();
    assert.deepEqual(await seen, { role: "alert", partnerVisible: false });
    await p.waitForURL(`${EXIT}**`);
    await p.close();
  });
});

describe("embedded with no loader", () => {
  test("Exit this page in the frame still navigates the whole window", async () => {
    const { p, frame } = await embedded("no-loader", { loader: false });
    assert.equal(await frame.getByTestId("exit-this-page").getAttribute("target"), "_top");
    await frame.getByTestId("exit-this-page").click();
    await p.waitForURL(`${EXIT}**`);
    await p.close();
  });
});

describe("origins are checked both ways", () => {
  test("the loader ignores a message that does not come from its frame's origin", async () => {
    const { p } = await embedded("forged");
    await p.waitForFunction(() => document.querySelector("iframe").style.height !== "300px");
    const before = await p.locator("iframe").evaluate((f) => f.style.height);
    // A message posted by the partner page itself (another origin than the frame's).
    await p.evaluate(() => window.postMessage({ type: "pathway:exit", url: "https://example.org/" }, "*"));
    await p.evaluate(() => window.postMessage({ type: "pathway:height", height: 5 }, "*"));
    await p.waitForTimeout(300);
    assert.equal(new URL(p.url()).pathname, "/forged.html", "no exit");
    assert.equal(await p.locator("iframe").evaluate((f) => f.style.height), before, "no resize");
    await p.close();
  });

  test("a site that names its partners answers no other page's loader", async () => {
    const p = await context.newPage();
    // The same site, naming another origin as its only partner.
    await p.route(site.address, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("<title>", '<meta name="embed-origins" content="https://intranet.partner.example"><title>');
      await route.fulfill({ response, body: html });
    });
    await p.goto(partnerPage("not-a-partner"));
    await p.frameLocator("iframe").getByTestId("start").waitFor();
    await p.waitForTimeout(500);
    assert.equal(await p.locator("iframe").evaluate((f) => f.style.height), "300px", "not resized: no hello answered");
    await p.close();
  });
});
