// Accessibility, measured: axe-core's WCAG 2.1 A and AA rules run in Debian's Chromium on
// every page type of a site served by `gazette serve` (front page, an article with
// highlighted code, tags, a tag, an edition, the archive, sources, a source, a standalone
// page, the 404 page, the search page with results, a draft with its badge: served with --drafts), in the light and the dark colour
// scheme. Any violation fails.
// Run by `cargo test --test integration serve::`, or directly:
//   GAZETTE_BIN=target/debug/gazette GAZETTE_SITE=. node tests/browser/accessibility.mjs

import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { Served } from "./serve.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const bin = process.env.GAZETTE_BIN ?? "target/debug/gazette";
const site = process.env.GAZETTE_SITE ?? ".";
const patience = 60_000;

const served = new Served();
let browser;


// One URL of each page type, found from the sitemap and the pages themselves.
async function pagesToCheck(base) {
  const sitemap = await (await fetch(base + "sitemap.xml")).text();
  const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  const path = (u) => new URL(u).pathname;
  const first = (what, test) => {
    const found = urls.find((u) => test(path(u)));
    if (!found) throw new Error(`no ${what} page in the sitemap`);
    return [what, found];
  };
  const pages = [
    ["front page", base],
    first("tags", (p) => p === "/tags/"),
    first("tag", (p) => /^\/tags\/[^/]+\/$/.test(p)),
    first("edition", (p) => /^\/editions\/[^/]+\/$/.test(p)),
    first("archive", (p) => p === "/archive/"),
    first("sources", (p) => p === "/sources/"),
    first("source", (p) => /^\/sources\/[^/]+\/$/.test(p)),
    first("page", (p) => p === "/about/"),
    ["404", base + "no-such-page/"],
    ["search", base + "search/?q=solar"],
  ];
  // Served with --drafts: a draft's page carries the draft badge.
  const articles = urls.filter((u) => /^\/\d{4}\//.test(path(u)));
  const wanted = [["article with code", "hl-code"], ["draft article", "draft-badge"]];
  for (const [what, marker] of wanted) {
    let found = null;
    for (const url of articles) {
      if ((await (await fetch(url)).text()).includes(marker)) {
        found = url;
        break;
      }
    }
    if (!found) throw new Error(`no ${what}`);
    pages.push([what, found]);
  }
  return pages;
}

async function main() {
  const base = await served.start(bin, ["--root", site, "serve", "--drafts", "--port", "0"], patience);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const pages = await pagesToCheck(base);
  const page = await browser.newPage();
  const problems = [];
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    for (const [what, url] of pages) {
      await page.goto(url);
      if (what === "search") {
        await page.locator("#search-results > li").first().waitFor({ timeout: patience });
      }
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        }),
      );
      for (const v of result.violations) {
        const nodes = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`);
        problems.push(`${what} (${colorScheme}) ${url}: ${v.id} on ${v.nodes.length} nodes\n    ${nodes.join("\n    ")}`);
      }
      console.log(`${what} (${colorScheme}): ${result.violations.length} violations, ${result.passes.length} rules passed`);
    }
  }
  if (problems.length) throw new Error("axe found violations:\n" + problems.join("\n"));

  // Inline code in a story card does not break inside a short span, at phone and desktop
  // widths; a span longer than the line still wraps instead of overflowing.
  for (const width of [320, 375, 768]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(base);
    const result = await page.evaluate(() => {
      const summary = document.querySelector(".story .summary");
      const p = document.createElement("p");
      summary.append(p);
      // Slide the span along the line so that some position puts it at the line's end.
      let short = 1;
      for (let n = 0; n < 80; n++) {
        p.innerHTML = `${"a ".repeat(n)}<code id="short">const { ... }</code> end.`;
        short = Math.max(short, document.getElementById("short").getClientRects().length);
      }
      p.innerHTML = `Before <code id="long">${"segment ".repeat(40)}</code> end.`;
      const long = document.getElementById("long").getBoundingClientRect();
      return { short, longFits: long.right <= document.documentElement.clientWidth + 1 };
    });
    if (result.short !== 1) throw new Error(`a short code span broke across ${result.short} lines at ${width}px`);
    if (!result.longFits) throw new Error(`a long code span overflowed at ${width}px`);
    console.log(`inline code at ${width}px: short span whole, long span wraps`);
  }
  console.log("accessibility test passed");
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  console.error("accessibility test FAILED:", e.message ?? e);
  console.error("server output:\n" + served.output);
} finally {
  if (browser) await browser.close().catch(() => {});
  served.stop();
}
process.exit(failed ? 1 : 0);
