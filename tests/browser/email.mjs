// The email edition in a real browser: every edition's email.html of a built site, opened
// in Debian's Chromium (playwright-core) at a desktop mail program's width (600 px) and a
// phone's (375 px), in light and dark mode. Each view is screenshotted and must not scroll
// sideways; dark mode must actually darken the page; the hidden preheader must stay hidden;
// and the email must not try to load anything (mail programs block remote content).
// Run by `cargo test --test integration newsletter::` or directly:
//   EMAIL_SITE=public node tests/browser/email.mjs   (after `gazette build`)

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const site = process.env.EMAIL_SITE ?? "public";
const shots = process.env.GAZETTE_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), "gazette-email-"));
fs.mkdirSync(shots, { recursive: true });

const editions = fs.readdirSync(path.join(site, "editions")).filter((id) =>
  fs.existsSync(path.join(site, "editions", id, "email.html")),
);
if (editions.length === 0) throw new Error(`no editions/*/email.html under ${site}`);

// Relative luminance of an `rgb(...)` colour (WCAG).
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  let views = 0;
  for (const id of editions) {
    const file = path.resolve(site, "editions", id, "email.html");
    for (const width of [600, 375]) {
      for (const colorScheme of ["light", "dark"]) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
        const fetched = [];
        await page.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith("file:")) return route.continue();
          fetched.push(url);
          return route.abort();
        });
        await page.goto(pathToFileURL(file).href);
        const seen = await page.evaluate(() => {
          const body = getComputedStyle(document.body);
          const column = document.querySelector(".column") ?? document.body;
          const pre = document.querySelector(".preheader");
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            widest: Math.max(...[...document.querySelectorAll("body *")].map((e) => e.getBoundingClientRect().right)),
            columnWidth: column.getBoundingClientRect().width,
            background: getComputedStyle(column).backgroundColor,
            color: getComputedStyle(column).color,
            bodyFont: body.fontFamily,
            preheaderShown: pre ? pre.getBoundingClientRect().height > 1 && getComputedStyle(pre).display !== "none" : false,
          };
        });
        const where = `${id} at ${width}px, ${colorScheme}`;
        const shot = path.join(shots, `email-${id}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        if (seen.scrollWidth > seen.innerWidth || seen.widest > seen.innerWidth + 0.5) {
          throw new Error(`${where}: scrolls sideways (${seen.scrollWidth}px / rightmost ${seen.widest}px in ${seen.innerWidth}px)`);
        }
        if (seen.columnWidth > 600) throw new Error(`${where}: column ${seen.columnWidth}px wide`);
        if (seen.preheaderShown) throw new Error(`${where}: the preheader is visible`);
        if (fetched.length) throw new Error(`${where}: tried to load ${fetched.join(", ")}`);
        const bg = luminance(seen.background);
        const fg = luminance(seen.color);
        const dark = colorScheme === "dark";
        if (dark ? !(bg < 0.1 && fg > 0.5) : !(bg > 0.8 && fg < 0.1)) {
          throw new Error(`${where}: colours ${seen.color} on ${seen.background}`);
        }
        const contrast = (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
        if (contrast < 7) throw new Error(`${where}: text contrast ${contrast.toFixed(1)}:1`);
        console.log(`${where}: ok, ${seen.color} on ${seen.background}, contrast ${contrast.toFixed(1)}:1 -> ${shot}`);
        views++;
        await page.close();
      }
    }
  }
  console.log(`email browser test passed (${views} views, screenshots in ${shots})`);
} finally {
  await browser.close();
}
