// Review status on the day a page is read: the sample handbook, built as
// of 2026-11-23 and opened from disk, read with the browser's clock on the
// day it was built, a month later and a year later, on every kind of page
// that shows a status; then with JavaScript off, where each page keeps the
// status of the day it was built and says which day that was.
//   node tests/browser/status.mjs SITE_ON_DISK EXPECTED.json...
// Each EXPECTED.json: `policybook check --format json` of the same
// handbook as of a later day (its `as_of`), whose counts the home page
// read on that day must show.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [site, ...expectedFiles] = process.argv.slice(2);
const expected = await Promise.all(expectedFiles.map(async (f) => JSON.parse(await readFile(f, "utf8"))));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const at = (rel) => pathToFileURL(path.join(site, rel)).href;
let passed = 0, failed = 0;
const check = async (name, fn) => {
  try {
    const detail = await fn();
    passed++;
    console.log(`PASS  ${name}${detail ? " — " + detail : ""}`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name} — ${e.message}`);
  }
};
const expect = (what, got, want) => {
  if (got !== want) throw new Error(`${what}: ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
};

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  timeout: 30_000,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

// A page as read on `day` (local noon), with JavaScript on or off.
async function open(rel, day, javaScriptEnabled = true, query = "") {
  const context = await browser.newContext({ javaScriptEnabled });
  if (javaScriptEnabled) await context.clock.setFixedTime(new Date(`${day}T12:00:00`));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(at(rel) + query);
  return { page, errors, close: () => context.close() };
}

// The badge of a policy in a listing row, by its title.
const rowBadge = (page, title) =>
  page.locator("tr", { has: page.locator(`a:text-is("${title}")`) }).locator(".status").first();

try {
  await check("on the day it was built, the built status stands", async () => {
    const { page, errors, close } = await open("policies/confidentiality.html", "2026-11-23");
    expect("badge", await page.locator(".status-box .status").innerText(), "Current");
    const aid = await open("policies/first-aid.html", "2026-11-23");
    expect("sentence", await aid.page.locator(".status-detail").innerText(), "This policy is due for review on 10 December 2026.");
    await aid.close();
    expect("footer", await page.locator("[data-status-as-of]").innerText(), "review status as of that day");
    expect("errors", errors.join(" "), "");
    await close();
  });

  await check("a policy page read a year later says the review is overdue", async () => {
    const { page, errors, close } = await open("policies/confidentiality.html", "2027-11-23");
    const box = page.locator(".status-box");
    expect("badge", await box.locator(".status").innerText(), "Overdue");
    expect("colour", await box.evaluate((el) => el.classList.contains("status-overdue")), true);
    expect("sentence", await box.locator(".status-detail").innerText(), "This policy was due for review on 6 January 2027. It may be out of date: check with the Centre Manager before relying on it.");
    expect("footer", await page.locator("[data-status-as-of]").innerText(), "review status shown as of today, 23 November 2027");
    expect("errors", errors.join(" "), "");
    await close();
    return "Current → Overdue, with the date it was due";
  });

  await check("a month later, one review has become overdue and another due soon", async () => {
    const aid = await open("policies/first-aid.html", "2026-12-20");
    expect("first aid", await aid.page.locator(".status-box .status").innerText(), "Overdue");
    await aid.close();
    const conf = await open("policies/confidentiality.html", "2026-12-20");
    expect("confidentiality", await conf.page.locator(".status-box .status").innerText(), "Due soon");
    expect("sentence", await conf.page.locator(".status-detail").innerText(), "This policy is due for review on 6 January 2027.");
    await conf.close();
  });

  await check("the dashboard's badges change, its lists stay as built, and it says so", async () => {
    const before = await open("reviews.html", "2026-11-23");
    expect("no note on the day", await before.page.locator("[data-stale-note]").isVisible(), false);
    await before.close();
    const { page, close } = await open("reviews.html", "2027-11-23");
    expect("a note a year on", await page.locator("[data-stale-note]").isVisible(), true);
    expect("confidentiality", await rowBadge(page, "Confidentiality").innerText(), "Overdue");
    // Still listed under Current, as the page was built.
    const current = await page.locator("h2#current ~ .table-wrap table").first().innerText();
    if (!current.includes("Confidentiality")) throw new Error("Confidentiality moved out of Current");
    await close();
  });

  for (const [name, rel, title] of [
    ["a category page", "categories/data-protection.html", "Confidentiality"],
    ["an owner's page", "owners/centre-manager.html", "Confidentiality"],
  ]) {
    await check(`${name}'s badges change`, async () => {
      const { page, close } = await open(rel, "2027-11-23");
      expect(title, await rowBadge(page, title).innerText(), "Overdue");
      await close();
    });
  }

  await check("the A–Z index shows a badge it hid while the policy was current", async () => {
    const before = await open("a-z.html", "2026-11-23");
    const item = (page) => page.locator("li", { has: page.locator('a:text-is("Confidentiality")') }).locator(".status");
    expect("hidden on the day", await item(before.page).isVisible(), false);
    await before.close();
    const { page, close } = await open("a-z.html", "2027-11-23");
    expect("visible a year on", await item(page).isVisible(), true);
    expect("words", await item(page).innerText(), "Overdue");
    await close();
  });

  await check("a policy page's related policies change too", async () => {
    const { page, close } = await open("policies/data-protection.html", "2027-11-23");
    const badge = page.locator("section.related li", { has: page.locator('a:text-is("Confidentiality")') }).locator(".status");
    expect("related", await badge.innerText(), "Overdue");
    await close();
  });

  for (const later of expected) {
    await check(`the home page counts what is overdue and due soon on ${later.as_of}`, async () => {
      const { page, close } = await open("index.html", later.as_of);
      const count = async (k) => Number(await page.locator(`[data-count=${k}]`).innerText());
      expect("overdue", await count("overdue"), later.summary.overdue);
      expect("due soon", await count("due-soon"), later.summary.due_soon);
      await close();
      return `${later.summary.overdue} overdue, ${later.summary.due_soon} due soon, as check says`;
    });
  }

  await check("search results show the status on the day", async () => {
    const { page, close } = await open("search.html", "2027-11-23", true, "?q=confidentiality");
    const result = page.locator("ol.results li", { has: page.locator('.result-title:text-is("Confidentiality")') });
    await result.waitFor({ timeout: 10_000 });
    expect("badge", await result.locator(".status").innerText(), "Overdue");
    await close();
  });

  await check("without JavaScript a page keeps the built status and says its day", async () => {
    const { page, close } = await open("policies/confidentiality.html", "2027-11-23", false);
    expect("badge", await page.locator(".status-box .status").innerText(), "Current");
    const footer = await page.locator(".site-footer").innerText();
    if (!footer.includes("Built on 23 November 2026: review status as of that day")) throw new Error(footer);
    await close();
  });
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
