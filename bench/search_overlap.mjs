// gazette's search against Pagefind's on the same built site, in Debian's Chromium: for
// --queries queries (half 2-4 consecutive words of a random article's title, half 2-3
// consecutive words of a random article's body), the top 5 stories of each, and how many
// of gazette's five are among Pagefind's, and how often each engine has the article the
// words came from in its top 5. Pagefind indexes every page; only its story pages
// (/YYYY/MM/DD/slug/) are compared. Run once by hand, not in tests:
//
//   gazette build --root SITE --output OUT          # SITE has [search] enabled = true
//   python3 -m venv /tmp/pf && /tmp/pf/bin/pip install pagefind-bin
//   /tmp/pf/lib/python3*/site-packages/pagefind_bin/pagefind --site OUT
//   node bench/search_overlap.mjs --root SITE --site OUT [--queries 50] [--show]

import { generator, launch, option, routeToFiles, sampleArticles, siteOrigin } from "./browser.mjs";

const root = option("--root");
const site = option("--site");
if (!root || !site) {
  console.error("usage: node bench/search_overlap.mjs --root SITE --site OUT [--queries N]");
  process.exit(2);
}
const count = Number(option("--queries", "50"));
// --show: each query's two top fives, for reading where they differ.
const show = process.argv.includes("--show");
const patience = 60_000;
const STORY = /^\/\d{4}\/\d\d\/\d\d\/[^/]+\/$/;

// The site's pages name its base_url; every request to it is answered from the built
// files, as the host would.
const origin = siteOrigin(site);

function queries() {
  const random = generator(11);
  const phrase = (words, min, max) => {
    const n = min + Math.floor(random() * (max - min + 1));
    const at = Math.floor(random() * Math.max(1, words.length - n));
    return words.slice(at, at + n).join(" ");
  };
  return sampleArticles(root, count, random).map((a, i) => i % 2 === 0
    ? { kind: "title", slug: a.slug, text: phrase(a.title.split(/\s+/), 2, 4) }
    : { kind: "body", slug: a.slug, text: phrase(a.words, 2, 3) });
}

const browser = await launch();
try {
  const context = await browser.newContext();
  await routeToFiles(context, origin, site);
  const page = await context.newPage();
  const byKind = { title: [], body: [] };
  for (const q of queries()) {
    await page.goto(origin + "/search/?q=" + encodeURIComponent(q.text));
    await page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience });
    const ours = (await page.locator("#search-results > li h2 a").evaluateAll(
      (as) => as.map((a) => new URL(a.href).pathname))).slice(0, 5);
    const theirs = await page.evaluate(async (text) => {
      const pagefind = await import("/pagefind/pagefind.js");
      const found = await pagefind.search(text);
      const urls = [];
      for (const result of found.results.slice(0, 40)) {
        urls.push(new URL((await result.data()).url, location.href).pathname);
      }
      return urls;
    }, q.text);
    const top = theirs.filter((u) => STORY.test(u)).slice(0, 5);
    if (show) {
      const name = (u) => u.split("/").slice(-2, -1)[0];
      console.log(`${q.kind} "${q.text}"\n  gazette:  ${ours.map(name).join(" ")}\n  Pagefind: ${top.map(name).join(" ")}`);
    }
    const shared = ours.filter((u) => top.includes(u)).length;
    const of = Math.min(5, ours.length, top.length);
    const source = (urls) => urls.some((u) => u.endsWith("/" + q.slug + "/"));
    byKind[q.kind].push({ shared, of, ours: source(ours), theirs: source(top) });
  }
  for (const [kind, rows] of Object.entries(byKind)) {
    const shared = rows.reduce((n, r) => n + r.shared, 0);
    const of = rows.reduce((n, r) => n + r.of, 0);
    const found = (engine) => rows.filter((r) => r[engine]).length;
    console.log(`${kind} queries (${rows.length}): ${shared} of ${of} top-5 places shared ` +
      `(${of ? Math.round((100 * shared) / of) : 0}%); the source article in the top 5: ` +
      `gazette ${found("ours")}, Pagefind ${found("theirs")}`);
  }
} finally {
  await browser.close();
}
