// End-to-end: `gazette serve --watch` on a temp copy of the fixture site, an article open in
// Debian's Chromium (driven by playwright-core), the Markdown edited on disk. The page must
// show the new text without a manual refresh; broken front matter must show the overlay;
// fixing it must clear the overlay. Run by `cargo test --test integration serve::` (which
// skips it when Chromium or node_modules are missing), or directly:
//   GAZETTE_BIN=target/debug/gazette GAZETTE_FIXTURE=tests/fixtures/serve-site node tests/browser/live-reload.mjs

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { Served } from "./serve.mjs";

const bin = process.env.GAZETTE_BIN ?? "target/debug/gazette";
const fixture = process.env.GAZETTE_FIXTURE ?? "tests/fixtures/serve-site";
const patience = 60_000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-browser-"));
const root = path.join(tmp, "site");
fs.cpSync(fixture, root, { recursive: true });
const article = path.join(root, "content/2024/first-sample.md");
const good = fs.readFileSync(article, "utf8");

const served = new Served();
let browser;


async function main() {
  const base = await served.start(bin, ["--root", root, "serve", "--watch", "--port", "0"], patience);
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
  const page = await browser.newPage();
  const url = base + "2024/05/first-sample/";
  await page.goto(url);
  await page.getByText("ORIGINAL-FIRST-BODY").waitFor({ timeout: patience });
  // Wait until the page's live-reload socket is open.
  await page.waitForFunction(() => window.__gazetteLive === "open", null, { timeout: patience });

  // 1. Edit the Markdown: the open page shows the new text by itself. A reload is told apart by
  // a mark on `window`, which a new document does not have. (Counting "load" events raced: the
  // new text can be visible before the new document's load event fires.)
  const marked = () => page.evaluate(() => window.__gazetteTestMark === true);
  await page.evaluate(() => { window.__gazetteTestMark = true; });
  fs.writeFileSync(article, good.replace("ORIGINAL-FIRST-BODY", "EDITED-IN-THE-BROWSER-TEST"));
  await page.getByText("EDITED-IN-THE-BROWSER-TEST").waitFor({ timeout: patience });
  if (await marked()) throw new Error("the page changed without a reload?");
  console.log("edit: the page reloaded with the new text");

  // 2. Break the front matter: the overlay appears, with the file and line, as text.
  fs.writeFileSync(article, good.replace("date: 2024-05-20T09:00:00Z", "date: <b>someday</b>"));
  const overlay = page.locator("#__gazette_overlay");
  await overlay.waitFor({ state: "visible", timeout: patience });
  // The overlay's text is in its shadow root (Playwright's locators pierce open ones).
  const text = await page.locator("#__gazette_overlay .box").innerText();
  if (!text.includes("first-sample.md:3")) throw new Error("overlay without file:line: " + text);
  if (!text.includes("<b>someday</b>") && !text.includes("someday")) {
    console.log("note: overlay text does not quote the value:", text);
  }
  if ((await overlay.locator("b").count()) !== 0) throw new Error("overlay text was not escaped");
  // The last good page is still there under the overlay.
  await page.getByText("EDITED-IN-THE-BROWSER-TEST").waitFor({ timeout: patience });
  console.log("broken front matter: overlay shown:", JSON.stringify(text));

  // The overlay reads well on any theme, light or dark: a hostile page style cannot reach it,
  // and its text/background contrast is at least 4.5:1 (WCAG AA), from the rendered styles.
  await page.addStyleTag({
    content: "pre, p, div { background: #fff8e7 !important; color: #fff !important; font-size: 4px !important }",
  });
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    const ratios = await page.evaluate(overlayContrast);
    for (const [what, ratio] of Object.entries(ratios)) {
      if (!(ratio >= 4.5)) throw new Error(`overlay ${what} contrast ${ratio.toFixed(2)}:1 in ${colorScheme} mode`);
    }
    if (process.env.GAZETTE_SCREENSHOTS) {
      await page.screenshot({ path: path.join(process.env.GAZETTE_SCREENSHOTS, `overlay-${colorScheme}.png`) });
    }
    console.log(`overlay contrast in ${colorScheme} mode:`, JSON.stringify(ratios));
  }

  // A page opened while the site is broken shows the overlay too.
  const late = await browser.newPage();
  await late.goto(base);
  await late.locator("#__gazette_overlay").waitFor({ state: "visible", timeout: patience });
  console.log("page opened while broken: overlay shown");

  // 3. Fix it: the overlay goes away and the fixed text is shown.
  fs.writeFileSync(article, good.replace("ORIGINAL-FIRST-BODY", "FIXED-IN-THE-BROWSER-TEST"));
  await page.getByText("FIXED-IN-THE-BROWSER-TEST").waitFor({ timeout: patience });
  await overlay.waitFor({ state: "detached", timeout: patience });
  await late.locator("#__gazette_overlay").waitFor({ state: "detached", timeout: patience });
  console.log("fixed: overlay gone in both tabs, new text shown");

  // 4. A stylesheet change is applied without reloading the page.
  await page.waitForFunction(() => window.__gazetteLive === "open", null, { timeout: patience });
  await page.evaluate(() => { window.__gazetteTestMark = true; });
  fs.writeFileSync(path.join(root, "static/extra.css"), "body { background: rgb(1, 2, 3) }\n");
  await page.waitForFunction(
    () => [...document.querySelectorAll('link[rel~="stylesheet"]')].some((l) => l.href.includes("__gazette=")),
    null,
    { timeout: patience },
  );
  if (!(await marked())) throw new Error("a CSS-only change reloaded the page");
  console.log("css: stylesheets re-fetched without a reload");

  console.log("browser test passed");
}

// In the page: the contrast ratio of the overlay's title and message against the background
// actually behind them (the nearest ancestor with an opaque one), by the WCAG formula.
function overlayContrast() {
  const root = document.getElementById("__gazette_overlay").shadowRoot;
  const rgb = (css) => css.match(/[\d.]+/g).map(Number);
  const luminance = (css) => {
    const [r, g, b] = rgb(css).slice(0, 3).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      const alpha = rgb(bg)[3] ?? 1;
      if (alpha === 1) return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const ratio = (el) => {
    const [a, b] = [luminance(getComputedStyle(el).color), luminance(background(el))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  return { title: ratio(root.querySelector("p")), message: ratio(root.querySelector("pre")) };
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  console.error("browser test FAILED:", e);
  console.error("server output:\n" + served.output);
} finally {
  if (browser) await browser.close().catch(() => {});
  served.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
