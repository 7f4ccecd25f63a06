// Accessibility of the built site in a real browser (Chromium via
// playwright-core): axe-core on every kind of page at 390 and 1280 px in
// light and dark, reflow at 320 px, tables in labelled scroll regions,
// screenshots, the keyboard (skip link, "/", the search combobox), the
// focus style, the size of the search page's controls and the current
// page in the header nav. Run through scripts/browser-tests, or by hand:
//
//   node tests/browser/a11y.mjs WWW_ROOT BASE_PATH DRAFTS_WWW_ROOT [MARKDOWN_WWW_ROOT]
//
// WWW_ROOT + BASE_PATH holds the sample handbook built with --base-url
// BASE_PATH --today 2026-11-23; DRAFTS_WWW_ROOT + BASE_PATH the same built
// with --drafts too; MARKDOWN_WWW_ROOT + BASE_PATH, if given,
// tests/fixtures/real-markdown built the same way (callouts, definition
// lists, footnotes: Markdown written for other tools). Screenshots go to $SCREENSHOTS (target/screenshots/).
// Prints one line per check and closes with "N passed, N failed"; exits 1
// if any failed.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { AXE, CHROMIUM, axeViolations, launchOptions, startServer, stopServer, runChecks } from "./lib.mjs";

const WAIT = 10_000; // every single wait in this file is bounded by this
const DEADLINE = 240_000; // the whole run, as a last resort against hangs

const [wwwArg, baseArg, draftsArg, markdownArg] = process.argv.slice(2);
if (!wwwArg || !baseArg || !draftsArg) {
  console.error("usage: node tests/browser/a11y.mjs WWW_ROOT BASE_PATH DRAFTS_WWW_ROOT (e.g. /intranet/policies/)");
  process.exit(2);
}
const WWW = path.resolve(wwwArg), DRAFTS = path.resolve(draftsArg);
const BASE = ("/" + baseArg + "/").replace(/\/+/g, "/");
const SITE = path.join(WWW, BASE), DRAFTS_SITE = path.join(DRAFTS, BASE);
const MARKDOWN = markdownArg ? path.resolve(markdownArg) : null;
const ROOTS = { main: SITE, drafts: DRAFTS_SITE, markdown: MARKDOWN && path.join(MARKDOWN, BASE) };
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SHOTS = path.resolve(process.env.SCREENSHOTS || path.join(REPO, "target/screenshots"));
const YELLOW = "rgb(255, 221, 0)"; // GOV.UK focus colour, #ffdd00
const TODAY = "2026-11-23"; // the sites' --today

// ---------------------------------------------------------------- checks --

const results = [];
function report(name, ok, detail, lines = []) {
  results.push(ok);
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${detail ? ` — ${detail}` : ""}`);
  for (const l of lines) console.log(`      ${l}`);
}
class CheckError extends Error {
  constructor(msg, lines = []) { super(msg); this.lines = lines; }
}
function expect(cond, msg, lines) {
  if (!cond) throw new CheckError(msg, lines);
}
const short = (s, n = 160) => (s.length > n ? s.slice(0, n - 20) + "…" + s.slice(-19) : s);

let browser, servers = [], origins = {};
const contexts = new Map(); // "390 light" → a context of that width and colour scheme

/** One context per width and colour scheme, made on first use and kept;
 * its clock on the day the site was built, so that static/status.js shows
 * the same badges whatever the day the tests run. */
async function context(width, scheme = "light") {
  const key = `${width} ${scheme}`;
  if (!contexts.has(key)) {
    contexts.set(key, browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme }).then(async (c) => {
      await c.clock.setFixedTime(new Date(`${TODAY}T12:00:00`));
      return c;
    }));
  }
  return contexts.get(key);
}

/** Runs one check: fn gets open(pageType, width, scheme) and returns a
 * detail (or [detail, lines]); every page it opened is closed after. */
async function check(name, fn) {
  const pages = [];
  const open = async (type, width = 1280, scheme = "light") => {
    const page = await (await context(width, scheme)).newPage();
    pages.push(page);
    page.setDefaultTimeout(WAIT);
    page.setDefaultNavigationTimeout(WAIT);
    page.errors = [];
    page.on("pageerror", (e) => page.errors.push(`pageerror: ${e.message}`));
    page.on("dialog", (d) => d.dismiss().catch(() => {}));
    await goto(page, type);
    return page;
  };
  try {
    const got = await fn(open);
    const [detail, lines] = Array.isArray(got) ? got : [got, []];
    report(name, true, detail, lines);
  } catch (e) {
    let why = e instanceof CheckError ? e.message : `${e.name}: ${e.message.split("\n")[0]}`;
    const page = pages.at(-1);
    if (page && !page.isClosed()) {
      why += ` [url ${short(page.url())}]`;
      if (page.errors.length) why += ` [page errors: ${page.errors.join(" | ")}]`;
    }
    report(name, false, why, e.lines || []);
  } finally {
    await Promise.allSettled(pages.map((p) => p.close()));
  }
}

/** Opens a page type (its URL, then whatever it needs to be ready). */
async function goto(page, type) {
  if (!type.url) throw new CheckError(`no ${type.name} page was found in the built site${type.missing ? ` (${type.missing})` : ""}`);
  const site = type.site ?? (type.drafts ? "drafts" : "main");
  const url = origins[site] + BASE + type.url;
  const res = await page.goto(url, { waitUntil: "load" });
  const file = path.join(ROOTS[site], type.url.split("?")[0]);
  if (!res || res.status() !== 200) {
    throw new CheckError(`${type.url} is not in the built site (HTTP ${res?.status()}${fs.existsSync(file) ? "" : `; no file ${file}`})`);
  }
  if (type.ready) await type.ready(page);
}

// ------------------------------------------------------------ page types --

/** The first page in a folder of the built site, e.g. categories/*.html. */
function firstIn(dir) {
  const names = fs.existsSync(path.join(SITE, dir)) ? fs.readdirSync(path.join(SITE, dir)).filter((n) => n.endsWith(".html")).sort() : [];
  return names.length ? `${dir}/${names[0]}` : null;
}
/** The draft: the policy page the drafts build has and the other lacks
 * (artificial-intelligence-tools.html in the sample). */
function draftPage() {
  const list = (site) => (fs.existsSync(path.join(site, "policies")) ? fs.readdirSync(path.join(site, "policies")) : []);
  const main = new Set(list(SITE));
  const only = list(DRAFTS_SITE).filter((n) => n.endsWith(".html") && !main.has(n)).sort();
  const named = "artificial-intelligence-tools.html";
  return only.includes(named) ? `policies/${named}` : only.length ? `policies/${only[0]}` : null;
}

async function waitResults(page) {
  await page.waitForFunction(() => document.querySelector("[data-search-results] a[href]"), null, { timeout: WAIT }).catch(async () => {
    const s = await page.locator("[data-search-status]").first().textContent({ timeout: 1000 }).catch(() => "(no status element)");
    throw new CheckError(`search.html?q=safeguarding showed no result links within ${WAIT} ms; status "${short(s ?? "")}"`);
  });
}

/** Types `q` into the header box and waits for the dropdown's options. */
async function openDropdown(page, q = "safe", { viaSlash = false } = {}) {
  if (viaSlash) await page.keyboard.press("/");
  else await page.locator("#search-box").click();
  await page.keyboard.type(q, { delay: 30 });
  await page.waitForFunction(() => {
    const d = document.querySelector("#search-dropdown");
    return d && !d.hidden && d.getClientRects().length && d.querySelector("[role=option]");
  }, null, { timeout: WAIT }).catch(async () => {
    const d = await page.locator("#search-dropdown").textContent({ timeout: 1000 }).catch(() => "(no #search-dropdown)");
    throw new CheckError(`typing ${JSON.stringify(q)} in #search-box did not show #search-dropdown with an option within ${WAIT} ms; it says ${JSON.stringify(short(d ?? ""))}`);
  });
}

const TYPES = [
  { key: "home", name: "home", url: "index.html" },
  { key: "policy", name: "overdue policy", url: "policies/lone-working.html" },
  { key: "policy-table", name: "policy with a table and contents", url: "policies/complaints.html" },
  { key: "retired", name: "retired policy", url: "policies/fax-and-post.html" },
  { key: "draft", name: "draft policy (drafts site)", url: draftPage(), drafts: true, missing: `no policy page in ${DRAFTS_SITE} that ${SITE} lacks` },
  { key: "category", name: "category", url: firstIn("categories") },
  { key: "owner", name: "owner", url: firstIn("owners") },
  { key: "owners", name: "owners", url: "owners.html" },
  { key: "a-z", name: "A–Z", url: "a-z.html" },
  { key: "reviews", name: "review dashboard", url: "reviews.html" },
  { key: "search", name: "search results", url: "search.html?q=safeguarding", ready: waitResults },
  { key: "dropdown", name: "header search dropdown open", url: "index.html", ready: (p) => openDropdown(p) },
  { key: "404", name: "404", url: "404.html" },
  { key: "accessibility", name: "accessibility statement", url: "accessibility.html" },
  ...(MARKDOWN ? [
    { key: "callouts", name: "policy with alerts and admonitions (real-markdown)", url: "policies/callouts.html", site: "markdown" },
    { key: "references", name: "policy with addresses, a definition list and footnotes (real-markdown)", url: "policies/references.html", site: "markdown" },
  ] : []),
];
const T = Object.fromEntries(TYPES.map((t) => [t.key, t]));
const label = (t) => `${t.name} (${t.url ?? "not found"})`;

// ------------------------------------------------------------------ axe --

const axeSeen = new Map(); // page type key → { "id targets": "390 light" } already printed in full

async function axeCheck(type, width, scheme) {
  await check(`axe ${label(type)} at ${width} px, ${scheme}`, async (open) => {
    const page = await open(type, width, scheme);
    const vs = await axeViolations(page);
    if (!axeSeen.has(type.key)) axeSeen.set(type.key, new Map());
    const seen = axeSeen.get(type.key);
    const lines = [];
    for (const v of vs) {
      const sig = v.id + " " + v.nodes.map((n) => n.target).join(" | ");
      if (seen.has(sig)) { lines.push(`${v.id} (${v.impact}): the same ${v.count} node(s) as at ${seen.get(sig)}`); continue; }
      seen.set(sig, `${width} px, ${scheme}`);
      lines.push(`${v.id} (${v.impact}): ${v.help} — ${v.count} node(s)`);
      for (const n of v.nodes) lines.push(`  ${n.target} — ${n.summary}`);
    }
    expect(vs.length === 0, `${vs.length} violation(s): ${vs.map((v) => v.id).join(", ")}`, lines);
    return `no violations`;
  });
}

// --------------------------------------------------------------- reflow --

/** At the page's width: the document's scroll width, and the elements
 * sticking out past the right edge (not inside .table-wrap or another
 * scroll or clip container), outermost first. */
const measureReflow = () => {
  const W = window.innerWidth;
  const sel = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.documentElement && parts.length < 4; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) { parts.unshift(s + "#" + e.id); break; }
      const cls = [...e.classList].slice(0, 2).map((c) => "." + c).join("");
      s += cls;
      if (!cls && e.parentElement) {
        const same = [...e.parentElement.children].filter((c) => c.tagName === e.tagName);
        if (same.length > 1) s += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      parts.unshift(s);
    }
    return parts.join(" > ");
  };
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (a.matches(".table-wrap")) return true;
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  const out = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > W + 1 && !contained(el)) out.add(el);
  }
  // The outermost ones (whose parent fits) are what to mend; those inside them follow.
  const list = [...out].map((el) => ({ sel: sel(el), right: Math.round(el.getBoundingClientRect().right), outer: !out.has(el.parentElement) }));
  list.sort((a, b) => (b.outer - a.outer) || (b.right - a.right));
  const top = [];
  for (const o of list) if (!top.some((t) => t.sel === o.sel) && top.length < 5) top.push(o);
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: W, count: list.length, outer: list.filter((o) => o.outer).length, top };
};

async function reflowCheck(type) {
  await check(`reflow at 320 px: ${label(type)} does not scroll sideways`, async (open) => {
    const page = await open(type, 320);
    const m = await page.evaluate(measureReflow);
    expect(m.scrollWidth <= m.innerWidth, `document is ${m.scrollWidth} px wide in a ${m.innerWidth} px window; ${m.count} element(s) stick out, ${m.outer} of them outermost`,
      m.top.map((o) => `${o.sel} — right edge at ${o.right} px${o.outer ? "" : " (inside one above)"}`));
    return `scrollWidth ${m.scrollWidth} ≤ ${m.innerWidth}`;
  });
}

async function tablesCheck(type) {
  await check(`tables on ${label(type)} are each in a .table-wrap with role=region, tabindex=0 and an aria-label`, async (open) => {
    const page = await open(type, 1280);
    const tables = await page.evaluate(() => [...document.querySelectorAll("main table, table")].filter((t, i, a) => a.indexOf(t) === i).map((t) => {
      const w = t.closest(".table-wrap");
      const cap = t.querySelector("caption")?.textContent.trim() || t.querySelector("th")?.textContent.trim() || "";
      return {
        name: cap.slice(0, 40),
        wrap: !!w,
        role: w?.getAttribute("role") ?? null,
        tabindex: w?.getAttribute("tabindex") ?? null,
        label: w?.getAttribute("aria-label")?.trim() ?? null,
      };
    }));
    expect(tables.length > 0, "the page has no table");
    const bad = tables.filter((t) => !t.wrap || t.role !== "region" || t.tabindex !== "0" || !t.label);
    expect(bad.length === 0, `${bad.length} of ${tables.length} table(s) not in such a container`,
      bad.map((t) => `table "${t.name}": ${t.wrap ? `.table-wrap role=${t.role} tabindex=${t.tabindex} aria-label=${JSON.stringify(t.label)}` : "no .table-wrap around it"}`));
    return `${tables.length} table(s), labelled ${tables.map((t) => JSON.stringify(t.label)).join(", ")}`;
  });
}

// -------------------------------------------------------------- screens --

async function screenshotCheck(type, stem) {
  const shots = [[320, "light"], [390, "light"], [768, "light"], [1280, "light"]];
  if (stem === "policy") shots.push([1280, "dark"]);
  await check(`screenshots of ${label(type)} at ${shots.map(([w, s]) => w + (s === "dark" ? " dark" : "")).join(", ")} px in ${path.relative(process.cwd(), SHOTS) || "."}/`, async (open) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const names = [];
    for (const [w, s] of shots) {
      const page = await open(type, w, s);
      const name = `${stem}-${w}${s === "dark" ? "-dark" : ""}.png`;
      const file = path.join(SHOTS, name);
      fs.rmSync(file, { force: true });
      await page.screenshot({ path: file, fullPage: true, timeout: WAIT });
      const head = fs.readFileSync(file).subarray(0, 8);
      expect(head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${name} is not a PNG`);
      names.push(`${name} (${Math.round(fs.statSync(file).size / 1024)} KiB)`);
      await page.close();
    }
    // The first screenful at 1280 px, for the README (docs/screenshots/,
    // copied there by scripts/browser-tests --update-screenshots).
    const page = await open(type, 1280, "light");
    await page.screenshot({ path: path.join(SHOTS, `${stem}-readme.png`), timeout: WAIT });
    names.push(`${stem}-readme.png`);
    return names.join(", ");
  });
}

// ------------------------------------------------------------- keyboard --

const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a) return null;
  const text = a === document.body ? "" : (a.textContent || "").replace(/\s+/g, " ").trim().slice(0, 40);
  return { tag: a.tagName.toLowerCase(), id: a.id, cls: typeof a.className === "string" ? a.className : "", text, inMain: !!a.closest("#main") };
});
const describe = (a) => (a ? `<${a.tag}${a.id ? ` id="${a.id}"` : ""}${a.cls ? ` class="${a.cls}"` : ""}>${a.text ? ` "${a.text}"` : ""}` : "nothing");
const boxAttrs = (page) => page.locator("#search-box").evaluate((el) => ({
  role: el.getAttribute("role"), controls: el.getAttribute("aria-controls"), expanded: el.getAttribute("aria-expanded"),
  activedescendant: el.getAttribute("aria-activedescendant"),
}));
const options = (page) => page.locator("#search-dropdown [role=option]").evaluateAll((os) =>
  os.map((o) => ({ id: o.id, selected: o.getAttribute("aria-selected"), href: o.getAttribute("href") ? o.href : null, text: o.textContent.trim().slice(0, 50) })));
const dropdownShown = (page) => page.locator("#search-dropdown").evaluate((d) => !d.hidden && d.getClientRects().length > 0 && getComputedStyle(d).visibility !== "hidden");

async function keyboardChecks() {
  const policy = T.policy;

  await check(`keyboard: on ${label(policy)} the first Tab focuses the skip link, and Enter on it moves focus to #main`, async (open) => {
    const page = await open(policy);
    await page.keyboard.press("Tab");
    const first = await active(page);
    expect(first && /\bskip-link\b/.test(first.cls), `the first Tab focused ${describe(first)}, not .skip-link`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => location.hash === "#main" || document.activeElement?.closest("#main"), null, { timeout: WAIT }).catch(() => {});
    const after = await active(page);
    expect(after && after.inMain, `after Enter on the skip link the focus is on ${describe(after)}, not on or in #main (url ${page.url()})`);
    return `focus moved to ${describe(after)}`;
  });

  await check(`keyboard: "/" (focus on the page) focuses #search-box`, async (open) => {
    const page = await open(policy);
    const before = await active(page);
    expect(before && before.tag === "body", `focus was on ${describe(before)} before "/"`);
    await page.keyboard.press("/");
    const after = await active(page);
    expect(after && after.id === "search-box", `after "/" the focus is on ${describe(after)}`);
    const typed = await page.locator("#search-box").inputValue();
    expect(typed === "", `"/" was typed into the box: ${JSON.stringify(typed)}`);
    return "focused #search-box";
  });

  await check(`keyboard: #search-box is a combobox (role, aria-controls, aria-expanded false, then true once "safe" opens the dropdown)`, async (open) => {
    const page = await open(policy);
    const before = await boxAttrs(page);
    await openDropdown(page, "safe", { viaSlash: true });
    const after = await boxAttrs(page);
    const got = `role=${before.role} aria-controls=${before.controls} aria-expanded=${before.expanded} → ${after.expanded}`;
    expect(before.role === "combobox", `role is ${JSON.stringify(before.role)}, not "combobox" (${got})`);
    expect(before.controls === "search-dropdown", `aria-controls is ${JSON.stringify(before.controls)} (${got})`);
    expect(before.expanded === "false", `aria-expanded before typing is ${JSON.stringify(before.expanded)} (${got})`);
    expect(after.expanded === "true", `aria-expanded with the dropdown open is ${JSON.stringify(after.expanded)} (${got})`);
    return got;
  });

  await check(`keyboard: ArrowDown sets aria-activedescendant to the first option (aria-selected), a second ArrowDown to the second`, async (open) => {
    const page = await open(policy);
    await openDropdown(page, "safe", { viaSlash: true });
    await page.keyboard.press("ArrowDown");
    const [a1, o1] = [await boxAttrs(page), await options(page)];
    expect(o1.length >= 2, `the dropdown has ${o1.length} option(s)`);
    expect(o1[0].id, `the first option has no id (aria-activedescendant is ${JSON.stringify(a1.activedescendant)})`);
    expect(a1.activedescendant === o1[0].id, `after ArrowDown aria-activedescendant is ${JSON.stringify(a1.activedescendant)}, the first option's id is "${o1[0].id}"`);
    expect(o1[0].selected === "true", `the first option has aria-selected=${JSON.stringify(o1[0].selected)}`);
    const focus = await active(page);
    expect(focus && focus.id === "search-box", `focus left the box for ${describe(focus)}`);
    await page.keyboard.press("ArrowDown");
    const [a2, o2] = [await boxAttrs(page), await options(page)];
    expect(o2[1].id && a2.activedescendant === o2[1].id, `after a second ArrowDown aria-activedescendant is ${JSON.stringify(a2.activedescendant)}, the second option's id is "${o2[1].id}"`);
    expect(o2[1].selected === "true" && o2[0].selected !== "true", `aria-selected of the first two options: ${o2[0].selected}, ${o2[1].selected}`);
    return `#${o1[0].id} → #${o2[1].id}`;
  });

  await check(`keyboard: a live region in the header search form ([data-search-live], role=status or aria-live=polite) gives the number of results`, async (open) => {
    const page = await open(policy);
    await openDropdown(page, "safe", { viaSlash: true });
    const find = () => page.evaluate(() => {
      const form = document.querySelector("#search-box")?.closest("form");
      const el = form?.querySelector("[data-search-live]");
      return el ? { role: el.getAttribute("role"), live: el.getAttribute("aria-live"), text: el.textContent.trim() } : null;
    });
    let live = await find();
    expect(live, "the search form has no [data-search-live] element");
    expect(live.role === "status" || live.live === "polite", `[data-search-live] has role=${live.role} aria-live=${live.live}`);
    // It may be written a moment after the dropdown (so that it is announced).
    const deadline = Date.now() + WAIT;
    while (!/\d+.*result|result.*\d+/i.test(live.text) && Date.now() < deadline) {
      await page.waitForTimeout(100);
      live = await find();
    }
    expect(/\d+.*result|result.*\d+/i.test(live.text), `[data-search-live] says ${JSON.stringify(live.text)}`);
    return JSON.stringify(live.text);
  });

  await check(`keyboard: ArrowDown twice then Enter opens the second option's policy page`, async (open) => {
    const page = await open(policy);
    await openDropdown(page, "safe", { viaSlash: true });
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const os = await options(page);
    expect(os.length >= 2 && os[1].href, `the dropdown's options: ${JSON.stringify(os)}`);
    const want = new URL(os[1].href);
    const from = page.url();
    await Promise.all([page.waitForURL((u) => u.href !== from, { timeout: WAIT }), page.keyboard.press("Enter")]);
    const got = new URL(page.url());
    expect(got.pathname.startsWith(BASE + "policies/"), `Enter went to ${page.url()}, not a policies/ page`);
    expect(got.pathname === want.pathname, `Enter went to ${got.pathname}, the second option links to ${want.pathname}`);
    return `"${os[1].text}" → ${got.pathname}${got.hash}`;
  });

  await check(`keyboard: Escape closes the dropdown (aria-expanded=false, hidden)`, async (open) => {
    const page = await open(policy);
    await openDropdown(page, "safe", { viaSlash: true });
    expect(await dropdownShown(page), "the dropdown is not shown before Escape");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => document.querySelector("#search-dropdown").hidden || !document.querySelector("#search-dropdown").getClientRects().length, null, { timeout: 2000 }).catch(() => {});
    const a = await boxAttrs(page);
    const shown = await dropdownShown(page);
    expect(a.expanded === "false", `after Escape aria-expanded is ${JSON.stringify(a.expanded)}`);
    expect(!shown, "after Escape the dropdown is still shown");
    const typed = await page.locator("#search-box").inputValue();
    expect(typed === "safe", `the first Escape emptied the box (it holds ${JSON.stringify(typed)})`);
    // Closed, an arrow on an empty box points at no old option.
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowDown");
    const after = await boxAttrs(page);
    expect(!after.activedescendant, `with the list closed, aria-activedescendant is ${after.activedescendant}`);
    return "closed, keeping what was typed; a second Escape empties the box";
  });

  await check(`keyboard: Tab from the box to the Search button closes the dropdown`, async (open) => {
    const page = await open(policy);
    await openDropdown(page, "safe", { viaSlash: true });
    await page.keyboard.press("Tab");
    await page.waitForFunction(() => document.querySelector("#search-box").getAttribute("aria-expanded") === "false", null, { timeout: 2000 }).catch(() => {});
    const a = await boxAttrs(page), on = await active(page);
    expect(on && on.tag === "button", `Tab went to ${describe(on)}`);
    expect(a.expanded === "false" && !(await dropdownShown(page)), "the dropdown stayed open");
    return "closed on Tab";
  });

  await check(`focus style: a link in the main content, reached with Tab, is yellow ${YELLOW} with a box-shadow underline`, async (open) => {
    const page = await open(policy);
    let a = null;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      a = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el.tagName !== "A" || !el.closest("main")) return null;
        const cs = getComputedStyle(el);
        return { text: el.textContent.trim().slice(0, 40), bg: cs.backgroundColor, shadow: cs.boxShadow, outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`, tabs: 0 };
      });
      if (a) { a.tabs = i + 1; break; }
    }
    expect(a, "80 presses of Tab reached no link inside <main>");
    const got = `link "${a.text}" after ${a.tabs} Tab(s): background ${a.bg}, box-shadow ${a.shadow}, outline ${a.outline}`;
    expect(a.bg === YELLOW, `background is not ${YELLOW}: ${got}`);
    expect(a.shadow && a.shadow !== "none", `no box-shadow: ${got}`);
    return got;
  });
}

// -------------------------------------------------------------- controls --

async function controlsCheck() {
  await check(`controls: on ${label(T.search)} every visible select, search box and button is at least 44 px tall (390 and 1280 px)`, async (open) => {
    const small = [];
    let n = 0;
    for (const w of [390, 1280]) {
      const page = await open(T.search, w);
      const cs = await page.evaluate(() => [...document.querySelectorAll("select, input[type=search], button")]
        .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
        .map((el) => ({ what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : el.name ? `[name=${el.name}]` : "") + (el.tagName === "BUTTON" ? ` "${el.textContent.trim().slice(0, 20)}"` : ""), h: el.getBoundingClientRect().height })));
      n += cs.length;
      for (const c of cs) if (c.h < 44) small.push(`${w} px: ${c.what} is ${c.h.toFixed(1)} px tall`);
      await page.close();
    }
    expect(n > 0, "no visible controls were found");
    expect(small.length === 0, `${small.length} of ${n} control(s) under 44 px`, small);
    return `${n} controls`;
  });
}

// ------------------------------------------------------------ navigation --

const navLinks = (page) => page.evaluate(() => {
  const navs = [...document.querySelectorAll("header nav, [role=banner] nav")];
  const nav = navs.find((n) => n.querySelector('a[href$="reviews.html"]'));
  return nav ? [...nav.querySelectorAll("a")].map((a) => ({ text: a.textContent.trim(), href: a.getAttribute("href"), current: a.getAttribute("aria-current") })) : null;
});

async function navChecks() {
  await check(`navigation: on ${label(T.reviews)} the header nav's Reviews link has aria-current="page" (and no other does)`, async (open) => {
    const page = await open(T.reviews);
    const links = await navLinks(page);
    expect(links, "the header has no nav with a link to reviews.html");
    const rev = links.find((l) => /(^|\/)reviews\.html$/.test(l.href));
    const others = links.filter((l) => l !== rev && l.current);
    expect(rev.current === "page", `the Reviews link has aria-current=${JSON.stringify(rev.current)}`);
    expect(others.length === 0, `others have aria-current too: ${JSON.stringify(others)}`);
    return `${JSON.stringify(rev.text)} aria-current="page"`;
  });
  await check(`navigation: on ${label(T.policy)} no header nav link has aria-current`, async (open) => {
    const page = await open(T.policy);
    const links = await navLinks(page);
    expect(links && links.length, "the header has no nav with a link to reviews.html");
    const cur = links.filter((l) => l.current);
    expect(cur.length === 0, `links with aria-current: ${JSON.stringify(cur)}`);
    return `${links.length} nav links, none current`;
  });
}

// ------------------------------------------------------------------ main --

async function main() {
  expect(fs.existsSync(AXE), `no ${AXE}: run npm ci`);
  for (const [key, root] of [["main", WWW], ["drafts", DRAFTS], ...(MARKDOWN ? [["markdown", MARKDOWN]] : [])]) {
    const server = await startServer(root);
    servers.push(server);
    origins[key] = `http://127.0.0.1:${server.address().port}`;
  }
  browser = await chromium.launch(launchOptions());
  console.log(`serving ${WWW} at ${origins.main} and ${DRAFTS} at ${origins.drafts}; site at ${BASE}; ${CHROMIUM} ${browser.version()}; axe-core ${JSON.parse(fs.readFileSync(path.join(path.dirname(AXE), "package.json"))).version}`);

  for (const type of TYPES) {
    for (const [w, s] of [[390, "light"], [390, "dark"], [1280, "light"], [1280, "dark"]]) await axeCheck(type, w, s);
  }
  for (const type of TYPES) await reflowCheck(type);
  await tablesCheck(T["policy-table"]);
  await tablesCheck(T.reviews);
  await screenshotCheck(T.policy, "policy");
  await screenshotCheck(T.reviews, "reviews");
  await keyboardChecks();
  await controlsCheck();
  await navChecks();
  await mediaChecks();
  await readingCheck();
}

// -------------------------------------------------------------- reading --

async function readingCheck() {
  await check(`reading: on ${label(T.policy)} body text is at least 19 px on a desktop and 16 px on a phone, lines at most about 75 characters`, async (open) => {
    const measure = (page) => page.evaluate(() => {
      const p = [...document.querySelectorAll(".body p")].sort((a, b) => b.textContent.length - a.textContent.length)[0];
      const cs = getComputedStyle(p), size = parseFloat(cs.fontSize);
      // Characters on the first line: those whose box is on its top.
      const range = document.createRange(), text = p.firstChild;
      let chars = 0;
      const top = (i) => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().top; };
      const first = top(0);
      while (chars < text.length && Math.abs(top(chars) - first) < size / 2) chars++;
      return { size, chars, width: Math.round(p.getBoundingClientRect().width) };
    });
    const desk = await measure(await open(T.policy, 1280));
    const phone = await measure(await open(T.policy, 390));
    expect(desk.size >= 19, `desktop text is ${desk.size} px`);
    expect(phone.size >= 16, `phone text is ${phone.size} px`);
    expect(desk.chars <= 80, `a desktop line holds ${desk.chars} characters (${desk.width} px)`);
    return `desktop ${desk.size} px, ${desk.chars} characters a line (${desk.width} px); phone ${phone.size} px`;
  });
}

// ---------------------------------------------- forced colours, motion --

async function mediaChecks() {
  await check(`forced colours (Windows high contrast): on ${label(T.policy)} the status keeps its words and a border`, async (open) => {
    const page = await open(T.policy, 1280);
    await page.emulateMedia({ forcedColors: "active" });
    const st = await page.locator(".status-box").evaluate((el) => {
      const b = el.querySelector(".status"), cs = getComputedStyle(el), bs = getComputedStyle(b);
      return {
        forced: matchMedia("(forced-colors: active)").matches, text: b.textContent.trim(),
        box: [cs.borderTopStyle, parseFloat(cs.borderTopWidth)], badge: [bs.borderTopStyle, parseFloat(bs.borderTopWidth)],
      };
    });
    expect(st.forced, "the browser did not apply forced colours");
    expect(st.text === "Overdue", `the badge says ${JSON.stringify(st.text)}`);
    expect(st.box[0] !== "none" && st.box[1] >= 2, `the status box's border is ${st.box.join(" ")} px`);
    expect(st.badge[0] !== "none" && st.badge[1] >= 1, `the badge's border is ${st.badge.join(" ")} px`);
    return `badge "${st.text}", box border ${st.box.join(" ")} px, badge border ${st.badge.join(" ")} px`;
  });
  // A current policy's box is marked by colour and its left edge only,
  // until colours are forced: then it has a border all round.
  const current = { name: "current policy", url: "policies/confidentiality.html" };
  await check(`forced colours: on ${label(current)} the status box gets a border all round`, async (open) => {
    const page = await open(current, 1280);
    const top = () => page.locator(".status-box").evaluate((el) => getComputedStyle(el).borderTopStyle);
    const before = await top();
    await page.emulateMedia({ forcedColors: "active" });
    const forced = await top();
    expect(before === "none", `without forced colours the box's top border is ${before}`);
    expect(forced !== "none", `with forced colours the box's top border is ${forced}`);
    return `top border ${before} → ${forced}`;
  });
  await check("reduced motion: the page scrolls without animation when the reader asks for less motion", async (open) => {
    const page = await open(T.policy, 1280);
    const behaviour = () => page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    await page.emulateMedia({ reducedMotion: "no-preference" });
    const smooth = await behaviour();
    await page.emulateMedia({ reducedMotion: "reduce" });
    const reduced = await behaviour();
    expect(smooth === "smooth", `with no preference, scroll-behavior is ${smooth}`);
    expect(reduced === "auto", `with reduced motion, scroll-behavior is ${reduced}`);
    return "smooth by default, instant with prefers-reduced-motion: reduce";
  });
}

runChecks(main, { results, deadline: DEADLINE, cleanup: () => [browser ? browser.close() : null, ...servers.map(stopServer)] });
