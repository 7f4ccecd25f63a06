// End-to-end tests of the site search in a real browser (Chromium via
// playwright-core). Run through scripts/browser-tests, or by hand:
//
//   node tests/browser/search.mjs WWW_ROOT BASE_PATH [DISK_SITE]
//
// WWW_ROOT is a folder served as the web root; the site must have been built
// into WWW_ROOT + BASE_PATH (for example /intranet/policies/). DISK_SITE, if
// given, is a built site opened from disk (file://), best in a folder whose
// path holds a space, "&", "#" and "%". Prints one line per check and closes
// with "N passed, N failed"; exits 1 if any failed.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, launchOptions, startServer, stopServer, runChecks } from "./lib.mjs";

const WAIT = 10_000; // every single wait in this file is bounded by this
const DEADLINE = 240_000; // the whole run, as a last resort against hangs

const [wwwArg, baseArg, diskArg] = process.argv.slice(2);
if (!wwwArg || !baseArg) {
  console.error("usage: node tests/browser/search.mjs WWW_ROOT BASE_PATH [DISK_SITE] (e.g. /intranet/policies/)");
  process.exit(2);
}
const WWW = path.resolve(wwwArg);
const BASE = ("/" + baseArg + "/").replace(/\/+/g, "/");

// ---------------------------------------------------------------- server --

const served = []; // every path the server was asked for

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

let browser, server, origin;

/** A fresh page in its own context (so its own cache), with errors recorded. */
async function newPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.setDefaultNavigationTimeout(WAIT);
  page.errors = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const at = m.location()?.url;
    // The site has no <link rel=icon>, so Chromium itself asks the host for
    // /favicon.ico (outside the site); that 404 is the browser's, not the search's.
    if (at && new URL(at).pathname === "/favicon.ico") return;
    page.errors.push(`console: ${m.text()}${at ? ` (${at})` : ""}`);
  });
  page.on("pageerror", (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => { page.errors.push(`dialog: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on("request", (r) => allRequests.push(r.url()));
  page.on("response", (r) => { if (r.status() >= 400) page.errors.push(`HTTP ${r.status()} for ${r.url()}`); });
  return page;
}
const allRequests = [];

async function statusText(page) {
  return (await page.locator("[data-search-status]").textContent({ timeout: 2000 }).catch(() => null)) ?? "(no status element)";
}

const short = (s, n = 160) => (s.length > n ? s.slice(0, n - 20) + "…" + s.slice(-19) : s);

/** Runs one check; a failure prints the reason and the search status line. */
async function check(name, fn, base = origin + BASE) {
  let page;
  const open = async (url) => {
    page = await newPage();
    await page.goto(base + url, { waitUntil: "load" });
    return page;
  };
  try {
    const detail = await fn(open);
    if (page && page.errors.length) throw new CheckError(`errors on the page: ${page.errors.join(" | ")}`);
    report(name, true, detail);
  } catch (e) {
    let why = e instanceof CheckError ? e.message : `${e.name}: ${e.message.split("\n")[0]}`;
    if (page && !page.isClosed()) {
      why += ` [url ${short(page.url())}; status: "${short(await statusText(page))}"]`;
      if (page.errors.length) why += ` [page errors: ${page.errors.join(" | ")}]`;
    }
    report(name, false, why);
  } finally {
    if (page && !page.isClosed()) await page.context().close().catch(() => {});
  }
}

/** Counts every write to the status line, so a wait can tell a finished
 * search from the one before even when the text stays the same. */
async function watchStatus(page) {
  await page.locator("[data-search-status]").waitFor({ state: "attached" });
  await page.evaluate(() => {
    if (window.__statusWrites !== undefined) return;
    window.__statusWrites = 0;
    const el = document.querySelector("[data-search-status]");
    new MutationObserver(() => window.__statusWrites++).observe(el, { childList: true, characterData: true, subtree: true });
  });
}
const statusWrites = (page) => page.evaluate(() => window.__statusWrites);
async function waitStatusAfter(page, before) {
  await page.waitForFunction((n) => window.__statusWrites > n, before, { timeout: WAIT });
  return statusText(page);
}

/** Opens search.html?QUERY and waits for the first search to finish. */
async function openSearch(open, query) {
  const page = await open("search.html" + query);
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-search-status]");
    return s && s.textContent.trim() !== "";
  }, null, { timeout: WAIT });
  return page;
}
const resultLinks = (page) => page.locator("[data-search-results] a[href]");
const countFromStatus = (s) => (/^No results/.test(s) ? 0 : /^(\d+) results?\b/.test(s) ? Number(RegExp.$1) : NaN);

async function waitDropdown(page, q, { links = true } = {}) {
  // The "All N results" link carries the query, so it marks the dropdown of
  // the last search typed, not of one before it.
  const all = `#search-dropdown a.all[href*="q=${encodeURIComponent(q)}"]`;
  const none = `No results for “${q}”`;
  await page.waitForFunction(([sel, none]) => {
    const d = document.querySelector("#search-dropdown");
    return d && !d.hidden && (document.querySelector(sel) || d.textContent.includes(none) || /not available/.test(d.textContent) || d.querySelector("img"));
  }, [all, none], { timeout: WAIT }).catch(async (e) => {
    throw new CheckError(`the dropdown for ${JSON.stringify(q)} did not appear within ${WAIT} ms; ` +
      `it says ${JSON.stringify(await page.locator("#search-dropdown").textContent())} (${e.message.split("\n")[0]})`);
  });
  const texts = await page.locator("#search-dropdown a[role=option]").allInnerTexts();
  if (links && !texts.length) throw new CheckError(`the dropdown for ${JSON.stringify(q)} has no links; it says ${JSON.stringify(await page.locator("#search-dropdown").textContent())}`);
  return texts;
}

async function main() {
  server = await startServer(WWW, (url) => served.push(url));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch(launchOptions());
  console.log(`serving ${WWW} at ${origin}; site at ${origin}${BASE}; ${CHROMIUM} ${browser.version()}`);

  await check("1 header dropdown: typing \"mobile phone\" lists Mobile Phones and Smart Devices", async (open) => {
    const page = await open("index.html");
    await page.locator(".search-form input[name=q]").pressSequentially("mobile phone", { delay: 30 });
    const texts = await waitDropdown(page, "mobile phone");
    expect(texts.some((t) => t.includes("Mobile Phones and Smart Devices")),
      `dropdown links were: ${JSON.stringify(texts)}`);
    return `${texts.length} dropdown links`;
  });

  await check("2 keyboard: / focuses the box, arrows + Enter open Fire Safety for \"fire drill\"", async (open) => {
    const page = await open("index.html");
    await page.keyboard.press("/");
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(focused === "search-box", `after pressing "/" the focused element is #${focused}, not #search-box`);
    const typed = await page.locator("#search-box").inputValue();
    expect(typed === "", `"/" was typed into the box: ${JSON.stringify(typed)}`);
    await page.keyboard.type("fire drill", { delay: 30 });
    const texts = await waitDropdown(page, "fire drill");
    expect(texts.length > 1, `dropdown has no result links: ${JSON.stringify(texts)}`);
    // Down, down, up: back on the first link.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    const selected = await page.locator('#search-dropdown a[aria-selected="true"]').allInnerTexts();
    expect(selected.length === 1 && selected[0] === texts[0], `after ArrowDown, ArrowDown, ArrowUp the selected links are ${JSON.stringify(selected)}`);
    await Promise.all([page.waitForURL((u) => u.pathname !== BASE + "index.html", { timeout: WAIT }), page.keyboard.press("Enter")]);
    const url = new URL(page.url());
    expect(url.pathname === BASE + "policies/fire-safety.html",
      `Enter went to ${page.url()}; the first dropdown link was ${JSON.stringify(texts[0])}`);
    return `landed on ${url.pathname}${url.hash}`;
  });

  let complaintsBytes = null;
  await check("3 search page: ?q=complaints puts Complaints from Parents and Carers first", async (open) => {
    const sizes = [];
    const page = await newPage();
    page.on("response", (r) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith(BASE + "search/") || (p.startsWith(BASE + "static/") && /\.m?js$/.test(p))) {
        sizes.push(r.body().then((b) => [p, b.length], () => [p, 0]));
      }
    });
    await page.goto(origin + BASE + "search.html?q=complaints");
    await page.waitForFunction(() => document.querySelector("[data-search-status]")?.textContent.trim(), null, { timeout: WAIT });
    const status = await statusText(page);
    const links = resultLinks(page);
    const n = await links.count();
    const first = n ? await links.first().innerText() : null;
    const files = await Promise.all(sizes);
    complaintsBytes = { total: files.reduce((a, [, b]) => a + b, 0), files: files.length };
    await page.context().close();
    expect(page.errors.length === 0, `errors on the page: ${page.errors.join(" | ")}`);
    expect(n > 0, `no result links; status: "${status}"`);
    expect(first.includes("Complaints from Parents and Carers"), `first result is ${JSON.stringify(first)}`);
    return `${n} result links; status "${status}"`;
  });

  await check("4 filter: category Safeguarding narrows ?q=safeguarding and goes into the URL", async (open) => {
    const page = await openSearch(open, "?q=safeguarding");
    await watchStatus(page);
    const before = await statusText(page);
    const nBefore = countFromStatus(before), linksBefore = await resultLinks(page).count();
    expect(nBefore > 0, `before filtering: status "${before}"`);
    const select = page.locator("select[name=category]");
    const values = await select.locator("option").evaluateAll((os) => os.map((o) => o.value));
    expect(values.includes("Safeguarding"), `category options are ${JSON.stringify(values)}`);
    const writes = await statusWrites(page);
    await select.selectOption("Safeguarding");
    const after = await waitStatusAfter(page, writes);
    const nAfter = countFromStatus(after), linksAfter = await resultLinks(page).count();
    const url = new URL(page.url());
    expect(url.searchParams.get("category") === "Safeguarding", `URL after filtering is ${page.url()}`);
    expect(url.searchParams.get("q") === "safeguarding", `URL lost the query: ${page.url()}`);
    expect(nAfter > 0 && nAfter <= nBefore, `results went from ${nBefore} ("${before}") to ${nAfter} ("${after}")`);
    expect(linksAfter > 0 && linksAfter <= linksBefore, `result links went from ${linksBefore} to ${linksAfter}`);
    expect(after !== before || nAfter === nBefore, `status line did not change: "${after}"`);
    // Every result shown must be in the category: its meta line names it.
    const metas = await page.locator("[data-search-results] .result-meta").allInnerTexts();
    const wrong = metas.filter((m) => !m.includes("Safeguarding"));
    expect(wrong.length === 0, `results outside the category: ${JSON.stringify(wrong)}`);
    return `${nBefore} → ${nAfter} results ("${after}")`;
  });

  await check("5 section result: a \"fire drill\" result opens the page at its section anchor", async (open) => {
    const page = await openSearch(open, "?q=%22fire%20drill%22");
    const hrefs = await resultLinks(page).evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    const i = hrefs.findIndex((h) => h.includes("#"));
    expect(i >= 0, `no result link has a #fragment: ${JSON.stringify(hrefs)}`);
    const href = new URL(hrefs[i], page.url());
    await Promise.all([page.waitForURL((u) => u.pathname === href.pathname, { timeout: WAIT }), resultLinks(page).nth(i).click()]);
    await page.waitForLoadState("load");
    const landed = new URL(page.url());
    expect(landed.hash && landed.hash === href.hash, `landed on ${page.url()}, the link was ${href}`);
    const found = await page.evaluate(() => {
      const id = decodeURIComponent(location.hash.slice(1));
      const el = document.getElementById(id);
      return el ? `<${el.tagName.toLowerCase()} id="${id}">${el.textContent.trim()}` : null;
    });
    expect(found, `no element with id ${JSON.stringify(decodeURIComponent(landed.hash.slice(1)))} on ${landed.pathname}`);
    return `${landed.pathname}${landed.hash} → ${found}`;
  });

  await check(`6 sub-path: every request so far stayed under ${origin}${BASE}`, async () => {
    const web = allRequests.filter((u) => !/^(data|blob|about):/.test(u));
    const outside = web.filter((u) => { const x = new URL(u); return x.origin !== origin || !x.pathname.startsWith(BASE); });
    expect(web.length > 0, "no requests were recorded");
    expect(outside.length === 0, `requests outside the site: ${JSON.stringify([...new Set(outside)])}`);
    expect(web.some((u) => new URL(u).pathname.startsWith(BASE + "search/")), "no request for the search index was recorded");
    // What the server saw too, less Chromium's own favicon probe (see above).
    const probe = served.filter((u) => u === "/favicon.ico").length;
    const strays = served.filter((u) => u !== "/favicon.ico" && !u.startsWith(BASE));
    expect(strays.length === 0, `the server was asked for paths outside the site: ${JSON.stringify([...new Set(strays)])}`);
    return `${web.length} page requests, ${served.length} served (${probe} of them the browser's /favicon.ico probe)`;
  });

  await check("7 bytes fetched for \"complaints\" (index files + scripts) at most 150000", async () => {
    expect(complaintsBytes, "check 3 did not record the bytes");
    console.log(`      bytes fetched for "complaints": ${complaintsBytes.total} in ${complaintsBytes.files} files`);
    expect(complaintsBytes.files > 0 && complaintsBytes.total > 0, "no index or script bytes were recorded");
    expect(complaintsBytes.total <= 150_000, `${complaintsBytes.total} bytes is over 150000`);
    return `${complaintsBytes.total} bytes`;
  });

  const vocab = "staff child review fire policy safeguarding data phone parents complaint".split(" ");
  let longQuery = "";
  for (let i = 0; longQuery.length < 2000; i++) longQuery += (i ? " " : "") + vocab[i % vocab.length];
  longQuery = longQuery.slice(0, 2000);
  const bad = [
    ["unclosed quote", '"unclosed'],
    ["regex characters", "a+b*(c)[d]"],
    ["HTML", "<img src=x onerror=alert(1)>"],
    ["emoji", "😀🎉"],
    ["2,000 characters", longQuery],
  ];
  await check("8 bad input: odd queries give a result line, no errors, no injected HTML", async (open) => {
    const page = await openSearch(open, "");
    await watchStatus(page);
    const box = page.locator("[data-search-page] input[name=q]");
    const seen = [];
    for (const [label, q] of bad) {
      const writes = await statusWrites(page);
      await box.fill(q);
      let s = await waitStatusAfter(page, writes).catch(() => null);
      expect(s !== null, `${label}: the status line was not updated within ${WAIT} ms (it says "${await statusText(page)}")`);
      // A search started before this one may land first; wait for ours.
      const deadline = Date.now() + WAIT;
      while (!s.includes(q) && Date.now() < deadline) {
        await page.waitForTimeout(50);
        s = await statusText(page);
      }
      expect(s.includes(q), `${label}: status line does not echo the query: "${s.slice(0, 200)}"`);
      expect(/^(\d+ results? for|No results for) “/.test(s), `${label}: status line says "${s.slice(0, 200)}"`);
      expect(page.errors.length === 0, `${label}: ${page.errors.join(" | ")}`);
      const imgs = await page.locator("[data-search-results] img, [data-search-status] img").count();
      expect(imgs === 0, `${label}: ${imgs} <img> element(s) appeared in the results`);
      seen.push(`${label}: ${s.length > 60 ? s.slice(0, 25) + "…" + s.slice(-20) : s}`);
    }
    // The header box too: the dropdown must not render the HTML either.
    await page.locator("#search-box").pressSequentially("<img src=x onerror=alert(1)>", { delay: 5 });
    await waitDropdown(page, "<img src=x onerror=alert(1)>", { links: false });
    const dropdownImgs = await page.locator("#search-dropdown img").count();
    expect(dropdownImgs === 0, `${dropdownImgs} <img> element(s) appeared in the header dropdown`);
    return seen.join("; ");
  });

  await check("9 drafts: \"artificial intelligence\" finds no draft policy", async (open) => {
    const page = await openSearch(open, "?q=artificial%20intelligence");
    const hrefs = await resultLinks(page).evaluateAll((as) => as.map((a) => a.href));
    const drafts = hrefs.filter((h) => h.includes("artificial-intelligence-tools.html"));
    expect(drafts.length === 0, `results link to the draft: ${JSON.stringify(drafts)}`);
    const s = await statusText(page);
    expect(/^(\d+ results? for|No results for) “/.test(s), `status line says "${s}"`);
    return `${hrefs.length} result links; status "${s}"`;
  });

  await check("10 replaced: \"fax\" finds Fax and Post, which leads to the policy that replaces it", async (open) => {
    const page = await openSearch(open, "?q=fax");
    const items = await page.locator("[data-search-results] li").allInnerTexts();
    const fax = items.find((t) => t.includes("Fax and Post"));
    expect(fax, `no result for Fax and Post; results: ${JSON.stringify(items.map((t) => t.slice(0, 80)))}`);
    expect(fax.includes("Replaced by Internet Usage and Email Etiquette"), `the Fax and Post result does not say what replaces it: ${JSON.stringify(fax)}`);
    const href = await page.locator("[data-search-results] li", { hasText: "Fax and Post" }).first().locator("a").first().getAttribute("href");
    expect(href && href.includes("policies/internet-and-email.html"), `the Fax and Post result links to ${href}`);
    return fax.split("\n").pop();
  });

  // Typing must never find fewer results than submitting the same words.
  const typedTable = ["photos", "Photos", "photos ", "complaints", "policies", "children", "safeguarding", "working",
    "training", "trained", "recorded", "approved", "FIRE Drill", "Mobile Phones", "fire an", "dsl"];
  await check(`11 typing finds at least what submitting finds, for ${typedTable.length} queries (header box and search page)`, async (open) => {
    const rows = [];
    let page;
    for (const q of typedTable) {
      if (page) await page.context().close();
      page = await openSearch(open, "?q=" + encodeURIComponent(q));
      const submitted = countFromStatus(await statusText(page));
      const submittedLinks = await allResultLinks(page);
      const header = await headerCount(page, q);
      const typed = await typedOnSearchPage(page, q);
      const typedLinks = await allResultLinks(page);
      expect(Number.isFinite(submitted) && Number.isFinite(header) && Number.isFinite(typed), `${JSON.stringify(q)}: counts ${submitted}, ${header}, ${typed}`);
      expect(header >= submitted, `${JSON.stringify(q)}: the header box finds ${header} while typing, ${submitted} submitted`);
      const missing = submittedLinks.filter((h) => !typedLinks.includes(h));
      expect(typed >= submitted && !missing.length, `${JSON.stringify(q)}: the search page finds ${typed} while typing, ${submitted} submitted; typing misses ${JSON.stringify(missing)}`);
      if (/^photos/i.test(q)) expect(submitted > 0, `${JSON.stringify(q)} finds nothing submitted`);
      rows.push(`${JSON.stringify(q)} ${submitted}/${header}/${typed}`);
    }
    return "submitted/header box/search page: " + rows.join(", ");
  });

  if (diskArg) await diskChecks(path.resolve(diskArg));
}

/** The page of every result on the search page (not the section: the
 * best section can differ while typing), "More results" pressed until
 * there are no more. */
async function allResultLinks(page) {
  const more = page.locator("[data-search-more]");
  for (let i = 0; i < 20 && await more.isVisible(); i++) {
    const n = await resultLinks(page).count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll("[data-search-results] a[href]").length > n ||
      document.querySelector("[data-search-more]").hidden, n, { timeout: WAIT });
  }
  return resultLinks(page).evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href").split("#")[0]))]);
}

/** How many results the header box offers for `q` typed into it. */
async function headerCount(page, q) {
  await page.locator("#search-box").pressSequentially(q, { delay: 10 });
  await waitDropdown(page, q, { links: false });
  const all = await page.locator("#search-dropdown a.all").allInnerTexts();
  if (all.length) return Number(/All (\d+) results/.exec(all[0])?.[1]);
  const text = await page.locator("#search-dropdown").textContent();
  return text.includes(`No results for “${q}”`) ? 0 : NaN;
}

/** How many results search.html says for `q` typed into its own box. */
async function typedOnSearchPage(page, q) {
  await watchStatus(page);
  const box = page.locator("[data-search-page] input[name=q]");
  await box.fill("");
  const writes = await statusWrites(page);
  await box.pressSequentially(q, { delay: 10 });
  let s = await waitStatusAfter(page, writes);
  // Earlier keystrokes' searches may land first; wait for the last one's.
  const deadline = Date.now() + WAIT;
  while (!s.includes(`“${q}”`) && Date.now() < deadline) {
    await page.waitForTimeout(50);
    s = await statusText(page);
  }
  return countFromStatus(s);
}

// ------------------------------------------------------------- from disk --

async function diskChecks(site) {
  const base = pathToFileURL(site).href + "/";
  const sitePath = (u) => decodeURIComponent(new URL(u).pathname);
  console.log(`opening ${site} from disk as ${base}`);

  await check("12 from disk: the header box lists results for \"photos\" and its links open the policy", async (open) => {
    const page = await open("index.html");
    const features = await page.evaluate(() => ({ protocol: location.protocol, decompress: typeof DecompressionStream }));
    expect(features.protocol === "file:", `the page is at ${page.url()}`);
    expect(features.decompress === "function", `DecompressionStream from file:// is ${features.decompress}`);
    await page.locator("#search-box").pressSequentially("photos", { delay: 30 });
    const texts = await waitDropdown(page, "photos");
    expect(texts.some((t) => t.includes("Photography and Images")), `dropdown links were: ${JSON.stringify(texts)}`);
    const first = page.locator("#search-dropdown a[role=option]").first();
    const href = await first.getAttribute("href");
    expect(href.startsWith(base), `the first link is ${href}, not below ${base}`);
    await Promise.all([page.waitForURL((u) => u.href.split("#")[0] === href.split("#")[0], { timeout: WAIT }), first.click()]);
    await page.waitForLoadState("load");
    const h1 = await page.locator("h1").first().innerText();
    expect(sitePath(page.url()).startsWith(site + "/policies/"), `landed on ${sitePath(page.url())}`);
    return `${texts.length} links; the first opened "${h1}" at ${page.url().slice(base.length)}`;
  }, base);

  await check("13 from disk: Enter in the header box opens search.html?q=photos with results", async (open) => {
    const page = await open("policies/complaints.html");
    await page.locator("#search-box").pressSequentially("photos", { delay: 20 });
    await waitDropdown(page, "photos");
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith("/search.html"), { timeout: WAIT }), page.keyboard.press("Enter")]);
    await page.waitForFunction(() => document.querySelector("[data-search-status]")?.textContent.trim(), null, { timeout: WAIT });
    const status = await statusText(page);
    expect(/^\d+ results? for “photos”/.test(status), `status: "${status}"`);
    expect(sitePath(page.url()) === site + "/search.html", `the search page is ${sitePath(page.url())}`);
    return `status "${status}"`;
  }, base);

  await check("14 from disk: search.html?q=complaints shows results whose links open the section", async (open) => {
    const requestsBefore = allRequests.length;
    const page = await openSearch(open, "?q=complaints");
    const status = await statusText(page);
    const links = resultLinks(page);
    const n = await links.count();
    expect(n > 0, `no result links; status "${status}"`);
    // The files this search read from disk: the scripts and the index files.
    // (Chromium keeps no resource timing of file:// loads; Playwright sees them.)
    const read = [...new Set(allRequests.slice(requestsBefore))]
      .filter((u) => u.startsWith(base) && /\/(search\/.*|static\/[^/]*)\.js$/.test(u))
      .map((u) => fs.statSync(sitePath(u)).size);
    const bytes = read.reduce((a, b) => a + b, 0);
    console.log(`      bytes read from disk for "complaints": ${bytes} in ${read.length} files`);
    expect(read.length > 2 && bytes <= 150_000, `${bytes} bytes in ${read.length} files`);
    const first = await links.first().innerText();
    expect(first.includes("Complaints from Parents and Carers"), `first result is ${JSON.stringify(first)}`);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
    const i = hrefs.findIndex((h) => h.includes("#"));
    expect(i >= 0, `no result link has a #fragment: ${JSON.stringify(hrefs)}`);
    const target = new URL(hrefs[i]);
    await Promise.all([page.waitForURL((u) => u.pathname === target.pathname, { timeout: WAIT }), links.nth(i).click()]);
    await page.waitForLoadState("load");
    const found = await page.evaluate(() => !!document.getElementById(decodeURIComponent(location.hash.slice(1))));
    expect(found, `no element for ${page.url()}`);
    return `${n} results ("${status}"); opened ${sitePath(page.url()).slice(site.length)}${new URL(page.url()).hash}`;
  }, base);

  // A copy of the site without its index, and one without search.js: the
  // page must say that search is not available, not stay silent.
  const broken = fs.mkdtempSync(path.join(os.tmpdir(), "pb search & broken #"));
  try {
    fs.cpSync(site, path.join(broken, "no-index"), { recursive: true });
    fs.rmSync(path.join(broken, "no-index", "search"), { recursive: true });
    fs.cpSync(site, path.join(broken, "no-script"), { recursive: true });
    fs.rmSync(path.join(broken, "no-script", "static", "search.js"));
    const brokenBase = pathToFileURL(broken).href + "/";
    await check("15 from disk, index missing: the search page and the header box say search is not available", async (open) => {
      const page = await open("no-index/search.html?q=photos");
      await page.waitForFunction(() => document.querySelector("[data-search-status]")?.textContent.trim(), null, { timeout: WAIT });
      const status = await statusText(page);
      expect(/Search is not available: .*search\/manifest\.js from disk/.test(status), `status: "${status}"`);
      await page.locator("#search-box").pressSequentially("photos", { delay: 10 });
      await waitDropdown(page, "photos", { links: false });
      const dropdown = await page.locator("#search-dropdown").innerText();
      expect(/Search is not available/.test(dropdown), `dropdown: "${dropdown}"`);
      page.errors = page.errors.filter((e) => !/search\/manifest\.js|ERR_FILE_NOT_FOUND/.test(e));
      return `"${status}"`;
    }, brokenBase);
    await check("16 from disk, search.js missing: the search page says search has not started", async (open) => {
      const page = await open("no-script/search.html?q=photos");
      const banner = page.locator(".search-not-started");
      await page.waitForFunction(() => {
        const el = document.querySelector(".search-not-started");
        return el && getComputedStyle(el).visibility === "visible" && el.offsetParent !== null;
      }, null, { timeout: WAIT });
      const text = await banner.innerText();
      expect(/Search has not started/.test(text), `banner: "${text}"`);
      page.errors = page.errors.filter((e) => !/search\.js|ERR_FILE_NOT_FOUND/.test(e));
      return `"${text.slice(0, 80)}…"`;
    }, brokenBase);
  } finally {
    fs.rmSync(broken, { recursive: true, force: true });
  }
}

runChecks(main, { results, deadline: DEADLINE, cleanup: () => [browser ? browser.close() : null, server ? stopServer(server) : null] });
