// Measures the built site in headless Chromium and prints the figures (a benchmark, not a test:
// it never fails on a slow machine). Usage: scripts/build-web.sh && node tests/e2e/perf.mjs
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { serve } from "./server.mjs";
import { HIGH_RISK, fill, launch } from "./browser.mjs";

const RUNS = Number(process.env.RUNS ?? 7);
const site = await serve(new URL("../../www/dist", import.meta.url).pathname);
// No service worker: every run is a cold first visit.
const context = await launch({ serviceWorkers: "block" });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function fresh(throttle) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  return page;
}

// 1. What a first visit transfers.
const page = await fresh(1);
const bodies = [];
page.on("response", async (r) => {
  try {
    bodies.push({ url: new URL(r.url()).pathname, body: await r.body() });
  } catch {}
});
await page.goto(site.address);
await page.getByTestId("start").waitFor();
await page.waitForTimeout(300);
await page.close();
const sizes = bodies.map(({ url, body }) => ({
  file: url,
  raw: body.length,
  gzip: gzipSync(body, { level: 9 }).length,
  brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
}));
const total = sizes.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

// 2. Navigation to the start page, and to the first question, interactive.
async function firstQuestion(throttle) {
  const start = [];
  const question = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await fresh(throttle);
    await p.goto(site.address);
    await p.getByTestId("start").waitFor();
    start.push(await p.evaluate(() => performance.now()));
    const t = await p.evaluate(async () => {
      document.querySelector("[data-testid=start]").click();
      await new Promise((resolve) => {
        const look = () => (document.querySelector("form[data-step] input") ? resolve() : requestAnimationFrame(look));
        look();
      });
      return performance.now();
    });
    question.push(t);
    await p.close();
  }
  return { startPage: median(start), firstQuestion: median(question) };
}

// 3. Time from Continue to the next question on screen, over a whole walk.
async function perStep(throttle) {
  const p = await fresh(throttle);
  await p.goto(site.address);
  await p.getByTestId("start").click();
  const times = [];
  for (let i = 0; i < HIGH_RISK.length; i++) {
    const [step, value] = HIGH_RISK[i];
    await fill(p, step, value);
    const next = HIGH_RISK[i + 1]?.[0];
    times.push(await p.evaluate(async ({ step, next }) => {
      const t0 = performance.now();
      document.querySelector(`form[data-step="${step}"] button[type=submit]`).click();
      await new Promise((resolve) => {
        const done = () => (next ? document.querySelector(`form[data-step="${next}"]`) : document.querySelector("[data-testid=summary]"));
        const look = () => (done() ? resolve() : requestAnimationFrame(look));
        look();
      });
      return performance.now() - t0;
    }, { step, next }));
  }
  await p.close();
  return { median: median(times), max: Math.max(...times), steps: times.length };
}

const results = {
  when: new Date().toISOString(),
  transfer: { files: sizes, total },
  firstLoad: { "1x": await firstQuestion(1), "4x": await firstQuestion(4) },
  perStep: { "1x": await perStep(1), "4x": await perStep(4) },
};
await context.close();
await site.close();

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("First visit, transferred (raw / gzip -9 / brotli 11):");
for (const s of sizes) console.log(`  ${s.file.padEnd(32)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} ${kb(s.brotli).padStart(10)}`);
console.log(`  ${"total".padEnd(32)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)} ${kb(total.brotli).padStart(10)}`);
for (const rate of ["1x", "4x"]) {
  const f = results.firstLoad[rate];
  const s = results.perStep[rate];
  console.log(`CPU ${rate}: start page interactive ${f.startPage.toFixed(0)} ms, first question ${f.firstQuestion.toFixed(0)} ms (median of ${RUNS}); per step median ${s.median.toFixed(1)} ms, max ${s.max.toFixed(1)} ms over ${s.steps} steps`);
}
mkdirSync(new URL("../../test-results/", import.meta.url), { recursive: true });
writeFileSync(new URL("../../test-results/perf.json", import.meta.url), JSON.stringify(results, null, 2));
