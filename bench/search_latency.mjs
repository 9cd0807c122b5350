// How long a reader waits for search results, in Debian's Chromium (driven by the browser
// tests' playwright-core) against `gazette serve`: for each of --words one-word queries taken
// from random articles' bodies, a fresh browser context (nothing cached) opens
// /search/?q=WORD. Two clocks:
//
// - in the page: from the navigation's start (`performance.now()` is 0 there) to the frame
//   that first shows a result: a MutationObserver, installed before any of the page's
//   scripts, notes when the first `#search-results > li` is inserted, and the next
//   `requestAnimationFrame` is the frame that paints it;
// - outside: from `page.goto` to the driver receiving the console message that frame logs,
//   which adds the driver's round trips to the browser.
//
// The harness waits for that console message rather than polling the page for the result
// (a locator or `waitForFunction`): polling runs playwright's own script on the page's main
// thread while the page fetches and ranks, and measured 20-40 ms slower at the median.
//
// Bytes are the page's own resource timings (decoded sizes of the page, search.js, the
// word's chunk and the fragments), read after the network is idle, so that counting them
// does not slow the page down. Prints the median, 90th percentile and largest of each.
//
//   (cd tests/browser && npm ci)
//   node bench/search_latency.mjs --root SITE [--bin target/release/gazette] [--words 30]
//
// SITE is a site with `[search] enabled = true` (bench/search.py's corpus, for example).

import { Served } from "../tests/browser/serve.mjs";
import { launch, option, sampleBodyWords, summary } from "./browser.mjs";

const root = option("--root");
if (!root) {
  console.error("usage: node bench/search_latency.mjs --root SITE [--bin BIN] [--words N]");
  process.exit(2);
}
const bin = option("--bin", "target/release/gazette");
const count = Number(option("--words", "30"));
const patience = 120_000;
const PAINTED = "gazette-first-result-painted";

const served = new Served();
let browser;
try {
  const started = Date.now();
  const base = await served.start(bin, ["--root", root, "serve", "--port", "0"], patience);
  console.log(`gazette serve ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  browser = await launch();
  const times = [];
  const painted = [];
  const loads = [];
  const bytes = [];
  for (const word of sampleBodyWords(root, count)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(firstResultClock);
    page.on("pageerror", (e) => console.error(`page error on "${word}": ${e}`));
    const shown = page.waitForEvent("console", { predicate: (m) => m.text() === PAINTED, timeout: 20_000 });
    const t0 = Date.now();
    await page.goto(base + "search/?q=" + encodeURIComponent(word));
    loads.push(Date.now() - t0);
    await shown.catch(async (e) => {
      const status = await page.locator("#search-status").textContent().catch(() => "?");
      throw new Error(`"${word}": no result (status: ${status})\n${e}`);
    });
    times.push(Date.now() - t0);
    painted.push(await page.evaluate(() => Math.round(window.__firstResultPainted)));
    // Let the fragments' responses finish before they are counted.
    await page.waitForLoadState("networkidle");
    bytes.push(await page.evaluate(() => performance.getEntries()
      .filter((e) => e.entryType === "navigation" || e.entryType === "resource")
      .reduce((sum, e) => sum + e.decodedBodySize, 0)));
    await context.close();
  }
  const p = summary(painted);
  const t = summary(times);
  const l = summary(loads);
  const b = summary(bytes.map((n) => n / 1024));
  console.log(`${count} one-word queries, each in a fresh browser context:`);
  console.log(`  page loaded (its \`load\` event): median ${l.median} ms, p90 ${l.p90} ms, max ${l.max} ms`);
  console.log(`  first result painted, the page's clock from navigation start: median ${p.median} ms, p90 ${p.p90} ms, max ${p.max} ms`);
  console.log(`  first result reported to playwright, from page.goto: median ${t.median} ms, p90 ${t.p90} ms, max ${t.max} ms`);
  console.log(`  bytes received (decoded, the page included): median ${b.median.toFixed(0)} KB, p90 ${b.p90.toFixed(0)} KB, max ${b.max.toFixed(0)} KB`);
} finally {
  if (browser) await browser.close();
  served.stop();
}

// Runs in the page before its own scripts: the time of the frame that first paints a result,
// kept for the harness and announced on the console. (`addInitScript` sends the function's
// source, so the message is written out rather than taken from PAINTED.)
function firstResultClock() {
  new MutationObserver((_, observer) => {
    if (document.querySelector("#search-results > li")) {
      observer.disconnect();
      requestAnimationFrame(() => {
        window.__firstResultPainted = performance.now();
        console.log("gazette-first-result-painted");
      });
    }
  }).observe(document, { childList: true, subtree: true });
}
