// Printed policies: Chromium (playwright-core) prints policy pages of the
// built sample handbook to A4 PDFs, pdftotext reads them back, and the text
// must hold what a printed copy needs (the organisation, the title, the
// review date, the owner, "Uncontrolled when printed", external links'
// addresses) and none of the screen's navigation. Run through
// scripts/browser-tests, or by hand:
//
//   node tests/browser/print.mjs WWW_ROOT BASE_PATH PDFTEXT_OUT_DIR
//
// WWW_ROOT + BASE_PATH holds the sample handbook built with --base-url
// BASE_PATH; each PDF and its text (pdftotext -layout) are left in
// PDFTEXT_OUT_DIR. Needs pdftotext and pdfinfo (poppler-utils). Prints one
// line per check and closes with "N passed, N failed"; exits 1 if any failed.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, launchOptions, startServer, stopServer, runChecks } from "./lib.mjs";

const WAIT = 10_000; // every single wait in this file is bounded by this
const DEADLINE = 120_000; // the whole run, as a last resort against hangs

const [wwwArg, baseArg, outArg] = process.argv.slice(2);
if (!wwwArg || !baseArg || !outArg) {
  console.error("usage: node tests/browser/print.mjs WWW_ROOT BASE_PATH PDFTEXT_OUT_DIR (e.g. /intranet/policies/)");
  process.exit(2);
}
const WWW = path.resolve(wwwArg), OUT = path.resolve(outArg);
const BASE = ("/" + baseArg + "/").replace(/\/+/g, "/");
const SITE = path.join(WWW, BASE);
const ORG = "Riverside Children's Centre";

// What the sample handbook says of the policies printed.
const POLICIES = [
  { rel: "policies/lone-working.html", title: "Lone Working", owner: "Centre Manager", review: "30 September 2026" },
  { rel: "policies/complaints.html", title: "Complaints from Parents and Carers", owner: "Centre Manager", review: "31 October 2027" },
];

// ---------------------------------------------------------------- checks --

const results = [];
function report(name, ok, detail) {
  results.push(ok);
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${detail ? ` — ${detail}` : ""}`);
}
class CheckError extends Error {}
function expect(cond, msg) {
  if (!cond) throw new CheckError(msg);
}
async function check(name, fn) {
  try {
    report(name, true, await fn());
  } catch (e) {
    report(name, false, e instanceof CheckError ? e.message : `${e.name}: ${e.message.split("\n")[0]}`);
  }
}
const short = (s, n = 160) => (s.length > n ? s.slice(0, n - 20) + "…" + s.slice(-19) : s);
/** Curly apostrophes and no-break spaces as plain ones, runs of white space as one. */
const normal = (s) => s.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ");
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let browser, server, origin;
const printed = new Map(); // rel → Promise of { rel, pdf, text, flat, screen, size } or { error }

/** Opens `rel` on screen (what it shows there), then prints it to A4 and
 * reads the PDF back with pdftotext -layout and pdfinfo. Once per page. */
function print(rel) {
  if (!printed.has(rel)) printed.set(rel, printOnce(rel).catch((e) => ({ rel, error: e instanceof CheckError ? e.message : `${e.name}: ${e.message.split("\n")[0]}` })));
  return printed.get(rel);
}
async function printOnce(rel) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    // The day the site was built, so that static/status.js words the review line as built.
    await context.clock.setFixedTime(new Date("2026-11-23T12:00:00"));
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.setDefaultNavigationTimeout(WAIT);
    const res = await page.goto(origin + BASE + rel, { waitUntil: "load" });
    expect(res && res.status() === 200, `${rel} is not in the built site (HTTP ${res?.status()})`);
    const screen = await page.evaluate(() => {
      const button = document.querySelector("button[data-print]");
      const link = document.querySelector('.body a[href^="http"]');
      return {
        button: button ? { text: button.textContent.trim(), shown: button.getClientRects().length > 0 && getComputedStyle(button).visibility !== "hidden" } : null,
        link: link ? { text: link.textContent.trim(), href: link.getAttribute("href") } : null,
      };
    });
    await page.emulateMedia({ media: "print" });
    const stem = path.basename(rel, ".html");
    const pdf = path.join(OUT, `${stem}.pdf`), txt = path.join(OUT, `${stem}.txt`);
    fs.rmSync(pdf, { force: true });
    fs.rmSync(txt, { force: true });
    await page.pdf({ format: "A4", path: pdf, timeout: WAIT });
    execFileSync("pdftotext", ["-layout", pdf, txt], { timeout: WAIT, stdio: ["ignore", "ignore", "pipe"] });
    const info = execFileSync("pdfinfo", [pdf], { timeout: WAIT, encoding: "utf8" });
    const size = /^Page size:\s*([\d.]+) x ([\d.]+) pts(.*)$/m.exec(info);
    const pages = /^Pages:\s*(\d+)/m.exec(info)?.[1];
    const text = fs.readFileSync(txt, "utf8");
    return { rel, pdf, txt, text, flat: normal(text), screen, size: size ? { w: Number(size[1]), h: Number(size[2]), name: size[3].trim() } : null, pages };
  } finally {
    await context.close().catch(() => {});
  }
}
const need = (doc) => {
  if (doc.error) throw new CheckError(`could not print ${doc.rel}: ${doc.error}`);
  return doc;
};
const rel = (f) => (path.relative(process.cwd(), f).startsWith("..") ? f : path.relative(process.cwd(), f));

/** A policy page whose .body links to an address on the web, printed. */
async function pageWithExternalLink() {
  const dir = path.join(SITE, "policies");
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith(".html")).sort() : [];
  for (const r of [...POLICIES.map((p) => p.rel), ...names.map((n) => `policies/${n}`)]) {
    // A cheap look at the HTML first, so that only likely pages are printed.
    const html = fs.readFileSync(path.join(SITE, r), "utf8");
    if (!/href="https?:/.test(html)) continue;
    const doc = await print(r);
    if (!doc.error && doc.screen.link) return doc;
  }
  return null;
}

async function policyChecks(p) {
  const doc = await print(p.rel);
  const name = p.rel;

  await check(`${name}: printed to A4 (595 x 842 pts)`, async () => {
    need(doc);
    expect(doc.size, "pdfinfo gave no page size");
    // A4 is 595.28 x 841.89 pts; Chromium rounds it to whole CSS pixels (595.92 x 842.88).
    expect(Math.abs(doc.size.w - 595.28) < 2 && Math.abs(doc.size.h - 841.89) < 2, `page size ${doc.size.w} x ${doc.size.h} pts ${doc.size.name}`);
    return `${doc.pages} page(s) of ${doc.size.w} x ${doc.size.h} pts ${doc.size.name}; ${rel(doc.pdf)}, ${rel(doc.txt)}`;
  });

  const has = (what, s) => check(`${name}: the printed text has ${what}`, async () => {
    need(doc);
    expect(doc.flat.includes(normal(s)), `${JSON.stringify(s)} is not in the PDF text; it begins ${JSON.stringify(short(doc.flat.trim(), 200))}`);
    return JSON.stringify(s);
  });
  await has("the organisation", ORG);
  await has("the title", p.title);
  await check(`${name}: the printed text has the review line (review … ${p.review})`, async () => {
    need(doc);
    const m = new RegExp(`review[^]{0,80}?${escapeRe(p.review)}`, "i").exec(doc.flat);
    expect(m, `no "review" followed by ${JSON.stringify(p.review)} in the PDF text${doc.flat.includes(p.review) ? " (the date is there, alone)" : ""}`);
    return JSON.stringify(m[0]);
  });
  await has("the owner", p.owner);
  await has("the day its review status is as of", "Review status as of 23 November 2026");
  await has("the day it was printed", "Printed on 23 November 2026");
  await has("the page's address", `${origin}${BASE}${p.rel}`);
  await check(`${name}: every printed page says "Uncontrolled when printed" and its number`, async () => {
    need(doc);
    const sheets = doc.text.split("\f").filter((t) => t.trim());
    expect(sheets.length === Number(doc.pages), `${sheets.length} pages of text for ${doc.pages} pages`);
    sheets.forEach((t, k) => {
      expect(normal(t).includes("Uncontrolled when printed"), `page ${k + 1} does not say "Uncontrolled when printed"`);
      expect(t.includes(`Page ${k + 1} of ${sheets.length}`), `page ${k + 1} has no "Page ${k + 1} of ${sheets.length}"`);
    });
    return `${sheets.length} page(s), each marked`;
  });

  await check(`${name}: an external link's address is printed after its text`, async () => {
    need(doc);
    const from = doc.screen.link ? doc : await pageWithExternalLink();
    expect(from, "no policy page of the built site has an external link in its .body");
    const { text, href } = from.screen.link;
    const where = from === doc ? "" : ` (in ${from.rel}, as ${p.rel}'s .body has none)`;
    const address = href.replace(/\/$/, "");
    // Without white space: a long address may wrap from one line to the next.
    const flat = from.text.replace(/\s+/g, ""), t = normal(text).replace(/\s+/g, ""), a = address.replace(/\s+/g, "");
    const at = flat.indexOf(t);
    expect(at >= 0, `the link text ${JSON.stringify(text)} is not in the PDF text${where}`);
    const addr = flat.indexOf(a, at + t.length);
    expect(addr >= 0 && addr - (at + t.length) <= 40, `${address} is not printed after "${text}"${where}` +
      (flat.includes(a) ? " (it is elsewhere)" : "") + `; see ${rel(from.txt)}`);
    return `"${text}" (${address})${where}`;
  });

  await check(`${name}: no navigation is printed (skip link, search box, header nav, breadcrumb, edit and report links)`, async () => {
    need(doc);
    const chrome = [
      ["Skip to content", /Skip to (main )?content/i],
      ["the search box (Search policies)", /Search policies/i],
      ["the header nav (Home A–Z Reviews Owners)", /Home ?A[–-]Z ?Reviews ?Owners/],
      ["the breadcrumb (Home ›)", /Home ?›/],
      ["Edit this page", /Edit this page/i],
      ["Report a problem", /Report a problem/i],
    ];
    const found = chrome.filter(([, re]) => re.test(doc.flat)).map(([what]) => what);
    expect(found.length === 0, `printed: ${found.join("; ")}`);
    return `none of ${chrome.length} kinds`;
  });

  await check(`${name}: a "Print this policy" button[data-print] is on screen and not in the print`, async () => {
    need(doc);
    const b = doc.screen.button;
    expect(b, "the page has no button[data-print]");
    expect(b.shown, `button[data-print] "${b.text}" is not shown on screen`);
    expect(b.text && !doc.flat.includes(normal(b.text)), `"${b.text}" is in the PDF text`);
    return `"${b.text}"`;
  });
}

async function main() {
  for (const tool of ["pdftotext", "pdfinfo"]) {
    try {
      execFileSync(tool, ["-v"], { stdio: "ignore", timeout: WAIT });
    } catch (e) {
      if (e.code === "ENOENT") throw new Error(`${tool} is missing (apt-get install poppler-utils)`);
    }
  }
  fs.mkdirSync(OUT, { recursive: true });
  server = await startServer(WWW);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch(launchOptions());
  console.log(`serving ${WWW} at ${origin}; site at ${origin}${BASE}; ${CHROMIUM} ${browser.version()}; PDFs and text in ${OUT}`);
  for (const p of POLICIES) await policyChecks(p);
}

runChecks(main, { results, deadline: DEADLINE, cleanup: () => [browser ? browser.close() : null, server ? stopServer(server) : null] });
