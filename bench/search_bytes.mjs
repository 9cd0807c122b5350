// Bytes a one-word query costs a reader, gazette's search beside Pagefind's, on the same
// built site in Debian's Chromium: for each of --words words (from random articles'
// bodies, as search_latency.mjs picks them), a fresh browser context runs the query with
// each engine and every response the search needs is counted: for gazette, search.js and
// the index files the search page fetches until its first results are shown; for
// Pagefind, pagefind.js, its WebAssembly, entry, metadata, index chunks and the fragments
// of the first five results (`result.data()`), as its interface loads them. The pages
// themselves are left out for both. Bytes are counted as the files are, and as a host that
// gzips responses sends them (Pagefind's index files are gzip already). Run once by hand:
//
//   gazette build --root SITE --output OUT          # SITE has [search] enabled = true
//   /tmp/pf/lib/python3*/site-packages/pagefind_bin/pagefind --site OUT
//   node bench/search_bytes.mjs --root SITE --site OUT [--words 30]

import zlib from "node:zlib";
import { launch, option, routeToFiles, sampleBodyWords, siteOrigin, summary } from "./browser.mjs";

const root = option("--root");
const site = option("--site");
if (!root || !site) {
  console.error("usage: node bench/search_bytes.mjs --root SITE --site OUT [--words N]");
  process.exit(2);
}
const count = Number(option("--words", "30"));
const patience = 60_000;
const origin = siteOrigin(site);

// Runs `query(page)` in a fresh context and counts the bodies of the responses under
// `prefix`: as they are, and gzipped.
async function measure(browser, prefix, start, query) {
  const context = await browser.newContext();
  await routeToFiles(context, origin, site);
  const page = await context.newPage();
  const bodies = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith(prefix) && response.request().resourceType() !== "document") {
      bodies.push(response.body().catch(() => Buffer.alloc(0)));
    }
  });
  await page.goto(origin + start);
  await query(page);
  await page.waitForLoadState("networkidle");
  const all = await Promise.all(bodies);
  await context.close();
  return {
    raw: all.reduce((n, b) => n + b.length, 0),
    gzip: all.reduce((n, b) => n + (b.length ? zlib.gzipSync(b, { level: 6 }).length : 0), 0),
  };
}

const browser = await launch();
try {
  const rows = { gazette: [], pagefind: [] };
  for (const word of sampleBodyWords(root, count)) {
    rows.gazette.push(await measure(browser, "/search/", "/search/?q=" + encodeURIComponent(word),
      (page) => page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience })));
    rows.pagefind.push(await measure(browser, "/pagefind/", "/404.html", (page) =>
      page.evaluate(async (text) => {
        const pagefind = await import("/pagefind/pagefind.js");
        const found = await pagefind.search(text);
        await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
      }, word)));
  }
  console.log(`${count} one-word queries, each engine in a fresh browser context (runtime included, pages not):`);
  for (const [engine, list] of Object.entries(rows)) {
    const raw = summary(list.map((r) => r.raw / 1000));
    const gz = summary(list.map((r) => r.gzip / 1000));
    console.log(`  ${engine}: as files median ${raw.median.toFixed(0)} KB, max ${raw.max.toFixed(0)} KB; ` +
      `gzipped median ${gz.median.toFixed(0)} KB, max ${gz.max.toFixed(0)} KB`);
  }
} finally {
  await browser.close();
}
