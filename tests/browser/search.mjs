// End-to-end search in Debian's Chromium (driven by playwright-core), on a small site made
// here and served by `gazette serve --watch`: a word found in one story's body brings that
// story first with the word highlighted; a tag filter narrows the results, and alone lists
// the tag's stories; only stories
// with every word are listed, unless none has them all; "More results" continues the
// order on its next page; with JavaScript off the page says
// what to do instead; a story saved while the server runs is found after the reload, and
// is gone once deleted. Run by `cargo test --test integration search::`, or:
//   GAZETTE_BIN=target/debug/gazette node tests/browser/search.mjs

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { Served } from "./serve.mjs";

const bin = process.env.GAZETTE_BIN ?? "target/debug/gazette";
const patience = 60_000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-search-"));
const root = path.join(tmp, "site");

function write(rel, text) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function story(slug, title, date, tags, body) {
  return write(`content/${slug}.md`, [
    "---",
    `title: ${title}`,
    `date: ${date}`,
    `tags: [${tags.join(", ")}]`,
    "source:",
    "  name: Harbour Post",
    `  url: https://example.org/${slug}`,
    "---",
    "",
    body,
    "",
  ].join("\n"));
}

write("site.toml", [
  'title = "Search Fixture"',
  'base_url = "https://search.example.org/"',
  "[search]",
  "enabled = true",
  "",
].join("\n"));
const filler = "The council met on Tuesday and spoke at length about the harbour, the ferries and the budget. ";
story("ferry-timetable", "New ferry timetable", "2024-05-02T08:00:00Z", ["transport"],
  filler.repeat(4) + "Late in the meeting a clerk mentioned the quillwort growing by the old pier’s steps.");
story("library-hours", "Library keeps longer hours", "2024-05-03T08:00:00Z", ["culture"],
  filler.repeat(3) + "Readers asked for evening opening.");
story("bridge-repairs", "Bridge repairs begin", "2024-05-04T08:00:00Z", ["transport"],
  filler.repeat(2) + "Traffic will use one lane until June.");
story("lodz-trams", "Trams return to Łódź", "2024-05-06T08:00:00Z", ["travel"],
  "The tram depot reopened after two years of repairs.");
// Seven stories name a lantern, more than one page of results; one has it in its title.
for (let n = 1; n <= 7; n++) {
  story(`lantern-${n}`, n === 4 ? "Lantern festival returns" : `Evening walk number ${n}`,
    `2024-04-0${n}T08:00:00Z`, ["culture"],
    `Volunteers hung a lantern ${"beside the old gate ".repeat(n)}for the evening walk.`);
}

const served = new Served();
let browser;


const results = (page) => page.locator("#search-results > li");

async function main() {
  const base = await served.start(bin, ["--root", root, "serve", "--watch", "--port", "0"], patience);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });

  // 1. A word from one story's body, typed into the page: that story first, word marked.
  const page = await browser.newPage();
  const manifests = [];
  page.on("request", (r) => { if (r.url().endsWith("/manifest.json")) manifests.push(r); });
  await page.goto(base + "search/");
  await page.waitForSelector("#search[data-state=ready]", { timeout: patience });
  // search.js carries the manifest (written in by the build): no request for it.
  if (manifests.length !== 0) {
    throw new Error(`manifest requests: ${manifests.map((r) => r.resourceType()).join(", ")}`);
  }
  await page.locator("#search-q").pressSequentially("quillwort", { delay: 20 });
  // The whole word's answer: a prefix typed on the way ("quillw") matches the same story.
  await page.locator("#search-status").filter({ hasText: "1 story matches “quillwort”" }).waitFor({ timeout: patience });
  const first = results(page).first();
  const href = await first.locator("h2 a").getAttribute("href");
  if (!href.endsWith("/ferry-timetable/")) throw new Error(`first result is ${href}`);
  const marked = await first.locator(".search-excerpt mark").allTextContents();
  if (!marked.includes("quillwort")) throw new Error(`excerpt marks ${JSON.stringify(marked)}`);
  if (!page.url().endsWith("?q=quillwort")) throw new Error(`the URL is ${page.url()}`);
  // The date as the story's own page writes it (the index carries it; no Intl in the page).
  const shown = await first.locator("time").textContent();
  const stamp = await first.locator("time").getAttribute("datetime");
  const storyPage = await (await fetch(new URL(href, base))).text();
  if (stamp !== "2024-05-02" || !storyPage.includes(`>${shown}</time>`)) {
    throw new Error(`result dated ${stamp} "${shown}", not as the story's page`);
  }
  console.log("unique word: its story first, highlighted, dated as its page");

  // A prefix finds it too, as a reader types.
  await page.locator("#search-q").fill("quillw");
  await page.locator("#search-status").filter({ hasText: "1 story matches" }).waitFor({ timeout: patience });

  // 2. Filter by tag: of the three stories about the harbour, two are tagged transport.
  await page.goto(base + "search/?q=harbour");
  await page.locator("#search-status").filter({ hasText: "3 stories match" }).waitFor({ timeout: patience });
  await page.locator(".search-filters summary").click();
  await page.locator("#search-tag option[value=transport]").waitFor({ state: "attached", timeout: patience });
  await page.locator("#search-tag").selectOption("transport");
  await page.locator("#search-status").filter({ hasText: "2 stories match" }).waitFor({ timeout: patience });
  const hrefs = await results(page).locator("h2 a").evaluateAll((as) => as.map((a) => a.href));
  if (hrefs.some((h) => h.includes("library"))) throw new Error(`an untagged story: ${hrefs}`);
  if (!page.url().includes("tag=transport")) throw new Error(`the URL is ${page.url()}`);
  // The header box of any page submits to the search page.
  await page.goto(base);
  await page.locator("#site-search-q").fill("quillwort");
  await page.locator("#site-search-q").press("Enter");
  await page.locator("#search-status").filter({ hasText: "1 story matches" }).waitFor({ timeout: patience });
  console.log("tag filter: only tagged stories; header box: submits to the search page");

  // A filter and no words: the tag's stories, newest first, from a link or a choice.
  await page.goto(base + "search/?tag=transport");
  await page.locator("#search-status").filter({ hasText: "2 stories" }).waitFor({ timeout: patience });
  await page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience });
  const tagged = await results(page).locator("h2 a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  if (!/\/bridge-repairs\/,.*\/ferry-timetable\/$/.test(tagged.join())) throw new Error(`tag listing: ${tagged}`);
  await page.locator("#search-tag").selectOption("culture");
  await page.locator("#search-status").filter({ hasText: "8 stories" }).waitFor({ timeout: patience });
  await page.locator("#search-tag").selectOption("");
  await page.locator("#search-status").filter({ hasText: /^$/ }).waitFor({ state: "attached", timeout: patience });
  if ((await results(page).count()) !== 0) throw new Error("results listed with no words and no filter");
  // A tag the site does not have, from an old link: said, not a blank page.
  await page.goto(base + "search/?tag=no-such-tag");
  await page.locator("#search-status").filter({ hasText: "0 stories" }).waitFor({ timeout: patience });
  console.log("a filter alone: its stories, newest first");

  // Every word, or else some: three stories mention the harbour, one the quillwort, so
  // "harbour quillwort" lists and counts one; no story has both "quillwort" and "traffic",
  // so each story with one of them is listed under a message that says so.
  // `data-state=done`: the query run on load has its results on the page, not only counted.
  await page.goto(base + "search/?q=harbour+quillwort");
  await page.locator("#search-status").filter({ hasText: "1 story matches" }).waitFor({ timeout: patience });
  await page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience });
  if ((await results(page).count()) !== 1) throw new Error(`${await results(page).count()} results listed`);
  // A letter with a stroke is typed without it: "lodz" finds Łódź, and marks it.
  await page.goto(base + "search/?q=lodz");
  await page.locator("#search-status").filter({ hasText: "1 story matches" }).waitFor({ timeout: patience });
  await page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience });
  const stroked = await results(page).first().locator("h2 mark").allTextContents();
  if (stroked.join() !== "Łódź") throw new Error(`title marks ${JSON.stringify(stroked)}`);
  // A possessive is its word: "pier's" asks for `pier`, and no lone `s` is required or marked.
  await page.goto(base + "search/?q=" + encodeURIComponent("pier's quillwort"));
  await page.locator("#search-status").filter({ hasText: "1 story matches" }).waitFor({ timeout: patience });
  await page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience });
  const possessive = await results(page).first().locator(".search-excerpt mark").allTextContents();
  if (possessive.some((m) => m.toLowerCase() === "s")) throw new Error(`marks ${JSON.stringify(possessive)}`);
  await page.goto(base + "search/?q=quillwort+traffic");
  await page.locator("#search-status")
    .filter({ hasText: "No story has every word of “quillwort traffic”; 2 stories have some of them." })
    .waitFor({ timeout: patience });
  await page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience });
  if ((await results(page).count()) !== 2) throw new Error(`${await results(page).count()} results listed`);
  console.log("every word or some: full matches alone, counted; else partial ones, said so");

  // More results: five at first, then the other two, each once and in order across the
  // two pages, newest first with "Newest first" and by score without.
  await page.goto(base + "search/?q=lantern&sort=date");
  await page.locator("#search-status").filter({ hasText: "7 stories match" }).waitFor({ timeout: patience });
  await page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience });
  if ((await results(page).count()) !== 5) throw new Error(`${await results(page).count()} results on the first page`);
  await page.locator("#search-more").click();
  await results(page).nth(6).waitFor({ timeout: patience });
  const listed = await results(page).locator("h2 a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  const newest = [7, 6, 5, 4, 3, 2, 1].map((n) => `/lantern-${n}/`);
  if (listed.length !== 7 || listed.some((p, i) => !p.endsWith(newest[i]))) {
    throw new Error(`newest first across pages: ${listed}`);
  }
  if (!(await page.locator("#search-more").isHidden())) throw new Error("More results after the last");
  await page.goto(base + "search/?q=lantern");
  await page.locator("#search[data-state=done]").waitFor({ state: "attached", timeout: patience });
  await page.locator("#search-more").click();
  await results(page).nth(6).waitFor({ timeout: patience });
  const ranked = await results(page).locator("h2 a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  // The title's story, then the others by length (BM25: the shorter the body, the higher).
  const best = [4, 1, 2, 3, 5, 6, 7].map((n) => `/lantern-${n}/`);
  if (ranked.length !== 7 || ranked.some((p, i) => !p.endsWith(best[i]))) throw new Error(`ranked: ${ranked}`);
  console.log("more results: the rest once each, in order across pages");

  // 3. JavaScript off: the page still renders and says what to do.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const still = await noJs.newPage();
  await still.goto(base + "search/?q=harbour");
  const note = still.locator(".search-nojs");
  await note.waitFor({ timeout: patience });
  const text = await note.textContent();
  if (!/needs JavaScript/.test(text)) throw new Error(`no-JS note: ${text}`);
  const links = await note.locator("a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  if (!links.includes("/archive/") || !links.includes("/tags/")) throw new Error(`links ${links}`);
  if (await still.locator("#search-q").isVisible()) throw new Error("a search box that cannot work");
  await noJs.close();
  console.log("no JavaScript: the page explains and links the archive and tags");

  // 4. serve --watch: a new story's word is found after the reload, and not once deleted.
  await page.goto(base + "search/?q=zebrafinch");
  await page.locator("#search-status").filter({ hasText: "No stories match" }).waitFor({ timeout: patience });
  await page.waitForFunction(() => window.__gazetteLive === "open", null, { timeout: patience });
  const added = story("finch-count", "Birds counted on the pier", "2024-05-05T08:00:00Z", ["nature"],
    "Volunteers counted a zebrafinch that had escaped from a garden.");
  await page.locator("#search-status").filter({ hasText: "1 story matches" }).waitFor({ timeout: patience });
  const found = await results(page).first().locator("h2 a").getAttribute("href");
  if (!found.endsWith("/finch-count/")) throw new Error(`found ${found}`);
  fs.rmSync(added);
  await page.locator("#search-status").filter({ hasText: "No stories match" }).waitFor({ timeout: patience });
  console.log("serve --watch: a new story is found after the reload, and gone once deleted");
  console.log("search browser test passed");
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  console.error("search browser test FAILED:", e.message ?? e);
  console.error("server output:\n" + served.output);
} finally {
  if (browser) await browser.close().catch(() => {});
  served.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
