// A policy's old names (aliases:) in a real browser: every page the site
// keeps at an old name sends Chromium on to the policy, served under a
// sub-path and opened from disk; every link and picture on every page of
// the site leads to a file that is there (a crawl from the home page,
// which reaches a picture kept beside a policy); and a redirect page,
// held still, passes axe-core. Run through
// scripts/browser-tests, or by hand:
//
//   node tests/browser/redirects.mjs WWW_ROOT BASE_PATH SITE_ON_DISK
//
// WWW_ROOT + BASE_PATH and SITE_ON_DISK hold tests/fixtures/aliases built
// with --base-url BASE_PATH and without. Prints one line per check and
// closes with "N passed, N failed"; exits 1 if any failed.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { axeViolations, launchOptions, runChecks, startServer, stopServer } from "./lib.mjs";

const WAIT = 10_000;
const [wwwArg, baseArg, diskArg] = process.argv.slice(2);
if (!wwwArg || !baseArg || !diskArg) {
  console.error("usage: node tests/browser/redirects.mjs WWW_ROOT BASE_PATH SITE_ON_DISK");
  process.exit(2);
}
const WWW = path.resolve(wwwArg), DISK = path.resolve(diskArg);
const BASE = ("/" + baseArg + "/").replace(/\/+/g, "/");
const SITE = path.join(WWW, BASE);

const results = [];
function report(name, ok, detail) {
  results.push(ok);
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${detail ? ` — ${detail}` : ""}`);
}

// The redirect pages the build wrote, and the policy page each names.
function redirects(site) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html")) {
        const html = fs.readFileSync(p, "utf8");
        const m = html.match(/<meta http-equiv="refresh" content="0; url=([^"]+)">/);
        if (m) found.push({ rel: path.relative(site, p).split(path.sep).join("/"), target: m[1] });
      }
    }
  };
  walk(site);
  return found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

let browser, server;

async function main() {
  browser = await chromium.launch(launchOptions());
  const page = await browser.newPage();
  const pages = redirects(SITE);
  const expected = ["Old Site/Internet Policy.html", "it/internet-and-email/index.html",  // in code-point order
    "policies/internet-email.html", "policies/internet-use.html", "policies/visitor-policy.html"];
  report("the build kept a page at each old name", JSON.stringify(pages.map((p) => p.rel)) === JSON.stringify(expected),
    pages.map((p) => p.rel).join(", "));

  // Served under the sub-path: each old address, as a bookmark would
  // hold it (a folder's without index.html), ends on the policy's page.
  const requested = [];
  server = await startServer(WWW, (url) => requested.push(url));
  const origin = `http://127.0.0.1:${server.address().port}`;
  for (const { rel, target } of pages) {
    const address = origin + BASE + encodeURI(rel.replace(/index\.html$/, ""));
    const want = new URL(target, origin + BASE + encodeURI(rel)).href;
    try {
      await page.goto(address, { timeout: WAIT });
      await page.waitForURL(want, { timeout: WAIT });
      const h1 = await page.locator("main h1").first().textContent({ timeout: WAIT });
      report(`served: ${BASE}${rel} goes on to its policy`, !/moved/i.test(h1), `${page.url()} — "${h1.trim()}"`);
    } catch (e) {
      report(`served: ${BASE}${rel} goes on to its policy`, false, `${page.url()}: ${e.message.split("\n")[0]}`);
    }
  }

  // Opened from disk, as from a shared drive.
  for (const { rel, target } of redirects(DISK)) {
    const address = pathToFileURL(path.join(DISK, rel)).href;
    const want = new URL(target, address).href;
    try {
      await page.goto(address, { timeout: WAIT });
      await page.waitForURL(want, { timeout: WAIT });
      report(`from disk: ${rel} goes on to its policy`, fs.existsSync(new URL(want)), page.url());
    } catch (e) {
      report(`from disk: ${rel} goes on to its policy`, false, `${page.url()}: ${e.message.split("\n")[0]}`);
    }
  }

  // A crawl from the home page under the sub-path: every link within the
  // site reaches a page that is there (links by old names included).
  const seen = new Set(), queue = [origin + BASE + "index.html"], missing = [];
  while (queue.length && seen.size < 500) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await fetch(url);
    if (res.status !== 200) { missing.push(`${url} (${res.status})`); continue; }
    if (!(res.headers.get("content-type") || "").startsWith("text/html")) continue;
    const html = await res.text();
    for (const m of html.matchAll(/(?:href|src)="([^"#]+)(#[^"]*)?"/g)) {
      const link = new URL(m[1].replace(/&amp;/g, "&"), url);
      if (link.origin !== origin || link.pathname.includes("__policybook")) continue;
      link.search = "";
      if (!link.pathname.startsWith(BASE)) { missing.push(`${link.href} (outside ${BASE}, from ${url})`); continue; }
      if (!seen.has(link.href)) queue.push(link.href);
    }
  }
  const picture = [...seen].some((u) => u.endsWith("/files/img/fair.png"));
  report("crawl: the picture beside a policy is on the site", picture, "files/img/fair.png");
  report("crawl: every link on every page leads to a page that is there", missing.length === 0 && seen.size > 10,
    missing.length ? missing.slice(0, 5).join("; ") : `${seen.size} addresses`);

  // The page itself, held still (its refresh taken out), for axe-core.
  const still = fs.readFileSync(path.join(SITE, "it/internet-and-email/index.html"), "utf8")
    .replace(/<meta http-equiv="refresh"[^>]*>/, "");
  await page.route("**/still.html", (route) => route.fulfill({ contentType: "text/html", body: still }));
  await page.goto(origin + BASE + "it/internet-and-email/still.html", { timeout: WAIT });
  const violations = await axeViolations(page);
  report("axe: a redirect page", violations.length === 0, violations.map((v) => `${v.id} (${v.count})`).join(", "));
}

runChecks(main, {
  results,
  deadline: 120_000,
  cleanup: () => [browser?.close(), server && stopServer(server)],
});
