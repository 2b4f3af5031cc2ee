// Measures the built site in headless Chromium and prints the figures (a benchmark, not a test:
// it never fails on a slow machine). Usage: scripts/build-web.sh && node tests/e2e/perf.mjs
//
// `--before DIR` also serves DIR, the same site built from the code before a change, and times
// both in the same run, their cold visits and walks interleaved, and prints each figure of the
// change as a ratio to the build before it: machines of this kind differ twofold in speed, so
// only a comparison made in the same minutes says whether a change made the app slower. Build
// the one before with `git worktree add /tmp/before <commit> && (cd /tmp/before &&
// scripts/build-web.sh)`, then `node tests/e2e/perf.mjs --before /tmp/before/www/dist`.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { serve } from "../../scripts/serve.mjs";
import { HIGH_RISK, fill, launch, topicOf } from "./browser.mjs";

const RUNS = Number(process.env.RUNS ?? 7);
const beforeDir = process.argv.includes("--before") ? process.argv[process.argv.indexOf("--before") + 1] : null;
const site = await serve(new URL("../../www/dist", import.meta.url).pathname);
const before = beforeDir ? await serve(beforeDir) : null;
// No service worker: every run is a cold first visit.
const context = await launch({ serviceWorkers: "block" });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A poor mobile connection (Chrome's "Fast 3G"-like): 1.6 Mbit/s down, 150 ms round trip.
const SLOW_NETWORK = { offline: false, latency: 150, downloadThroughput: 200 * 1024, uploadThroughput: 94 * 1024 };

async function fresh(throttle, network) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (network) await cdp.send("Network.emulateNetworkConditions", network);
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

/** When `page` first painted content, in ms from navigation. */
const firstPaint = (page) => page.evaluate(() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entry = list.getEntriesByName("first-contentful-paint")[0];
    if (entry) resolve(entry.startTime);
  }).observe({ type: "paint", buffered: true });
}));

// 2. A first visit: the start page painted (plain HTML, before the wasm), the app ready, and
// the first question interactive for a practitioner who pressed Start as soon as they could.
async function firstQuestion(throttle, network, address = site.address) {
  const paint = [];
  const ready = [];
  const question = [];
  for (let i = 0; i < RUNS; i++) {
    const t = await firstQuestionOnce(throttle, network, address);
    paint.push(t.paint);
    ready.push(t.wasm);
    question.push(t.question);
  }
  return { startPagePainted: median(paint), wasmLoaded: median(ready), firstQuestion: median(question) };
}

/** One cold visit: when the start page painted, the wasm arrived and the first question showed. */
async function firstQuestionOnce(throttle, network, address) {
  const p = await fresh(throttle, network);
  await p.goto(address, { waitUntil: "commit" });
  const t = await p.evaluate(async () => {
    const until = (test) => new Promise((resolve) => {
      const look = () => (test() ? resolve(performance.now()) : requestAnimationFrame(look));
      look();
    });
    await until(() => document.querySelector("[data-testid=start]"));
    document.querySelector("[data-testid=start]").click();
    const question = await until(() => document.querySelector("form[data-step] input"));
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"))?.responseEnd ?? NaN;
    return { wasm, question };
  });
  const paint = await firstPaint(p);
  await p.close();
  return { paint, wasm: t.wasm, question: t.question };
}

// 3. Time from Continue to the next page on screen, over a whole walk: every question, and every
// topic of the risk questions.
// The time is until the next page is in the document (a MutationObserver sees it), which is
// the app's own work: answer checked, walk moved on, page built. Polling by animation frame
// would round every step up to the next frame (16.7 ms at 1x), whatever the app did.
async function timed(p, click, shown) {
  return p.evaluate(async ({ click, shown }) => {
    let t1;
    const seen = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector(shown)) {
          t1 = performance.now();
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    const t0 = performance.now();
    document.querySelector(click).click();
    if (document.querySelector(shown)) t1 = performance.now();
    else await seen;
    return t1 - t0;
  }, { click, shown });
}

/** One walk at `throttle`: the time of every Continue, by page (`step`, or `step#topic`). */
async function walkOnce(throttle, address = site.address) {
  const p = await fresh(throttle);
  await p.goto(address);
  await p.getByTestId("start").click();
  const times = new Map();
  for (let i = 0; i < HIGH_RISK.length; i++) {
    const [step, value] = HIGH_RISK[i];
    const submit = `form[data-step="${step}"] button[type=submit]`;
    if (step === "risk_checklist") {
      // Each topic but the last: answer it, then time Continue to the next topic.
      const form = p.locator(`form[data-step="${step}"]`);
      await form.waitFor();
      for (let topic = await topicOf(form); topic && topic.at < topic.of; topic = await topicOf(form)) {
        for (const name of await form.locator("input[type=radio]").evaluateAll((inputs) => [...new Set(inputs.map((x) => x.name))])) {
          const item = name.replace(/^item-/, "");
          const reply = Object.entries(value).find(([, items]) => Array.isArray(items) && items.includes(item))?.[0] ?? value.rest;
          await form.locator(`input[name="${name}"][value="${reply}"]`).check();
        }
        times.set(`${step}#${topic.at}`, await timed(p, submit, `[data-topic="${topic.at + 1}/${topic.of}"]`));
      }
    }
    await fill(p, step, value);
    const next = HIGH_RISK[i + 1]?.[0];
    times.set(step === "risk_checklist" ? `${step}#last` : step, await timed(p, submit, next ? `form[data-step="${next}"]` : "[data-testid=summary]"));
  }
  await p.close();
  return times;
}

/** Every page's median over RUNS walks; the median page and the slowest. */
async function perStep(throttle) {
  const walks = [];
  for (let i = 0; i < RUNS; i++) walks.push(await walkOnce(throttle));
  const pages = [...walks[0].keys()].map((page) => [page, median(walks.map((w) => w.get(page)))]);
  const all = pages.map(([, t]) => t);
  const checklist = pages.filter(([page]) => page.startsWith("risk_checklist")).map(([, t]) => t);
  const slowest = [...pages].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return { median: median(all), max: Math.max(...all), steps: all.length, checklistMax: Math.max(...checklist), slowest };
}

/** This machine's floor: the first paint of a two-line HTML page (served by a route, not a
 *  file), so the figures above can be read against what any page costs here. */
async function emptyPagePainted(throttle) {
  const paint = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await fresh(throttle);
    await p.route("**/__empty.html", (r) => r.fulfill({ contentType: "text/html", body: "<!doctype html><title>x</title><h1>Empty</h1><p>A page.</p>" }));
    await p.goto(`${site.address}__empty.html`, { waitUntil: "commit" });
    paint.push(await firstPaint(p));
    await p.close();
  }
  return median(paint);
}

/** The same measure of this build and the one before, their runs interleaved (A B A B …): each
 *  figure's median for both, and this build's as a ratio to the one before. */
async function compared(measure) {
  const ours = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await measure(site.address));
    theirs.push(await measure(before.address));
  }
  return { ours: median(ours), before: median(theirs), ratio: median(ours) / median(theirs) };
}

async function slowestStep(throttle, address) {
  const times = await walkOnce(throttle, address);
  return Math.max(...times.values());
}

const comparison = before
  ? {
      "first question, 4x": await compared(async (a) => (await firstQuestionOnce(4, undefined, a)).question),
      "first question, 1x": await compared(async (a) => (await firstQuestionOnce(1, undefined, a)).question),
      "slowest step of a walk, 4x": await compared((a) => slowestStep(4, a)),
      "slowest step of a walk, 1x": await compared((a) => slowestStep(1, a)),
    }
  : null;

const results = {
  when: new Date().toISOString(),
  comparison,
  transfer: { files: sizes, total },
  firstLoad: { "1x": await firstQuestion(1), "4x": await firstQuestion(4), "4x on a slow network": await firstQuestion(4, SLOW_NETWORK) },
  emptyPagePainted: { "1x": await emptyPagePainted(1), "4x": await emptyPagePainted(4) },
  perStep: { "1x": await perStep(1), "4x": await perStep(4) },
};
await context.close();
await site.close();
await before?.close();

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("First visit, transferred (raw / gzip -9 / brotli 11):");
for (const s of sizes) console.log(`  ${s.file.padEnd(32)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} ${kb(s.brotli).padStart(10)}`);
console.log(`  ${"total".padEnd(32)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)} ${kb(total.brotli).padStart(10)}`);
const slow = results.firstLoad["4x on a slow network"];
console.log(`CPU 4x, 1.6 Mbit/s with 150 ms round trips (uncompressed, as served here): start page painted ${slow.startPagePainted.toFixed(0)} ms, wasm loaded ${slow.wasmLoaded.toFixed(0)} ms, first question interactive ${slow.firstQuestion.toFixed(0)} ms`);
for (const rate of ["1x", "4x"]) {
  const f = results.firstLoad[rate];
  const s = results.perStep[rate];
  console.log(`CPU ${rate}: start page painted ${f.startPagePainted.toFixed(0)} ms, wasm loaded ${f.wasmLoaded.toFixed(0)} ms, first question interactive ${f.firstQuestion.toFixed(0)} ms (medians of ${RUNS}); an empty page painted ${results.emptyPagePainted[rate].toFixed(0)} ms`);
  console.log(`         each page's median over ${RUNS} walks: median page ${s.median.toFixed(1)} ms, slowest ${s.max.toFixed(1)} ms over ${s.steps} pages; slowest risk-question page ${s.checklistMax.toFixed(1)} ms`);
  console.log(`         slowest Continue: ${s.slowest.map(([step, t]) => `${step} ${t?.toFixed(1)} ms`).join(", ")}`);
}
if (comparison) {
  console.log(`Against the build before (${beforeDir}), interleaved, medians of ${RUNS}:`);
  for (const [what, c] of Object.entries(comparison)) {
    console.log(`  ${what.padEnd(28)} ${c.ours.toFixed(1).padStart(7)} ms against ${c.before.toFixed(1).padStart(7)} ms: ratio ${c.ratio.toFixed(2)}`);
  }
}
mkdirSync(new URL("../../test-results/", import.meta.url), { recursive: true });
writeFileSync(new URL("../../test-results/perf.json", import.meta.url), JSON.stringify(results, null, 2));
