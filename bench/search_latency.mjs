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

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { Served } from "../tests/browser/serve.mjs";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const root = option("--root");
if (!root) {
  console.error("usage: node bench/search_latency.mjs --root SITE [--bin BIN] [--words N]");
  process.exit(2);
}
const bin = option("--bin", "target/release/gazette");
const count = Number(option("--words", "30"));
const patience = 120_000;

// A small deterministic generator, so two runs ask the same words.
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

function articles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? articles(path.join(dir, e.name))
      : e.name.endsWith(".md") ? [path.join(dir, e.name)] : []);
}

// Words of five letters or more from the bodies (after the front matter) of random articles.
function sampleWords() {
  const files = articles(path.join(root, "content"));
  const words = [];
  while (words.length < count) {
    const text = fs.readFileSync(files[Math.floor(random() * files.length)], "utf8");
    // Link targets are not text a reader sees (nor the index holds).
    const body = text.split(/^---$/m).slice(2).join(" ").replace(/\]\([^)]*\)/g, "]");
    const candidates = body.match(/\b[a-z]{5,}\b/g) ?? [];
    if (candidates.length) words.push(candidates[Math.floor(random() * candidates.length)]);
  }
  return words;
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] };
}

const served = new Served();
let browser;
try {
  const started = Date.now();
  const base = await served.start(bin, ["--root", root, "serve", "--port", "0"], patience);
  console.log(`gazette serve ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const times = [];
  const loads = [];
  const bytes = [];
  for (const word of sampleWords()) {
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
