// What the browser benches share: options, Debian's Chromium through the browser tests'
// playwright-core (installed by `(cd tests/browser && npm ci)`), and queries sampled from a
// site's articles.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

export function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// A small deterministic generator, so two runs ask the same queries.
export function generator(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function markdownFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(path.join(dir, e.name))
      : e.name.endsWith(".md") ? [path.join(dir, e.name)] : []);
}

// Random articles of the site at `root`, as { title, words } with the words of the body a
// reader sees (link targets dropped), lower-cased.
export function sampleArticles(root, count, random) {
  const files = markdownFiles(path.join(root, "content"));
  const picked = [];
  while (picked.length < count) {
    const file = files[Math.floor(random() * files.length)];
    const text = fs.readFileSync(file, "utf8");
    const parts = text.split(/^---$/m);
    const title = (parts[1].match(/^title:\s*"?(.*?)"?\s*$/m) ?? ["", ""])[1];
    const body = parts.slice(2).join(" ").replace(/\]\([^)]*\)/g, "]");
    const slug = path.basename(file, ".md");
    picked.push({ slug, title, words: body.toLowerCase().match(/\b[a-z]{3,}\b/g) ?? [] });
  }
  return picked;
}

export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] };
}

// The origin a built site's pages name (its base_url's), read from its search page.
export function siteOrigin(site) {
  const page = fs.readFileSync(path.join(site, "search/index.html"), "utf8");
  return new URL(page.match(/data-index="([^"]+)"/)[1]).origin;
}

// Serves every request to `origin` from the built files in `site`, as a static host would.
export async function routeToFiles(context, origin, site) {
  await context.route(origin + "/**", (route) => {
    let file = path.join(site, decodeURIComponent(new URL(route.request().url()).pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    return fs.existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404 });
  });
}

// `count` words of five letters or more, each from the body of a random article.
export function sampleBodyWords(root, count, seed = 7) {
  const random = generator(seed);
  return sampleArticles(root, count * 2, random)
    .map((a) => a.words.filter((w) => w.length >= 5))
    .filter((words) => words.length)
    .slice(0, count)
    .map((words) => words[Math.floor(random() * words.length)]);
}
