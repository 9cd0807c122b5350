// How long a reader waits for search results, in Debian's Chromium (driven by the browser
// tests' playwright-core) against `gazette serve`: for each of --words one-word queries taken
// from random articles' bodies, a fresh browser context (nothing cached) opens
// /search/?q=WORD and the time until the first result is on the page is taken, with the
// bytes the page fetched for it (the page, search.js, the manifest, the word's chunk, the
// fragments). Prints the median, 90th percentile and largest of each.
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

const served = new Served();
let browser;
try {
  const started = Date.now();
  const base = await served.start(bin, ["--root", root, "serve", "--port", "0"], patience);
  console.log(`gazette serve ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  browser = await launch();
  const times = [];
  const loads = [];
  const bytes = [];
  for (const word of sampleBodyWords(root, count)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let fetched = 0;
    page.on("response", async (response) => {
      try {
        fetched += (await response.body()).length;
      } catch {
        // A response without a body (a redirect) adds nothing.
      }
    });
    const t0 = Date.now();
    await page.goto(base + "search/?q=" + encodeURIComponent(word));
    loads.push(Date.now() - t0);
    page.on("pageerror", (e) => console.error(`page error on "${word}": ${e}`));
    await page.locator("#search-results > li").first().waitFor({ timeout: 20_000 }).catch(async (e) => {
      const status = await page.locator("#search-status").textContent().catch(() => "?");
      throw new Error(`"${word}": no result (status: ${status})\n${e}`);
    });
    const elapsed = Date.now() - t0;
    // Let the fragments' responses finish being counted.
    await page.waitForLoadState("networkidle");
    times.push(elapsed);
    bytes.push(fetched);
    await context.close();
  }
  const t = summary(times);
  const l = summary(loads);
  const b = summary(bytes.map((n) => n / 1024));
  console.log(`${count} one-word queries, each in a fresh browser context:`);
  console.log(`  page loaded (its \`load\` event): median ${l.median} ms, p90 ${l.p90} ms, max ${l.max} ms`);
  console.log(`  first result on the page: median ${t.median} ms, p90 ${t.p90} ms, max ${t.max} ms`);
  console.log(`  bytes received (decoded, the page included): median ${b.median.toFixed(0)} KB, p90 ${b.p90.toFixed(0)} KB, max ${b.max.toFixed(0)} KB`);
} finally {
  if (browser) await browser.close();
  served.stop();
}
