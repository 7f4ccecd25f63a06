// `policybook serve` in a real browser: broken front-matter shows an
// overlay in the open page, fixing the file reloads the page and the
// overlay goes; an ordinary edit reloads the page with the new text; search
// answers from the preview's index, in the header box and on search.html;
// a policy's long sentences are highlighted, and can be turned off.
//   node tests/browser/serve.mjs POLICYBOOK_BINARY HANDBOOK_COPY
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { axeViolations, launchOptions } from "./lib.mjs";

const [bin, handbook] = process.argv.slice(2);
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

const server = spawn(bin, ["serve", handbook, "--port", "0", "--today", "2026-11-23"], { stdio: ["ignore", "pipe", "pipe"] });
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("serve did not start")), 20_000);
  server.stdout.on("data", (d) => {
    const m = /at (http:\/\/\S+)/.exec(String(d));
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
});
const browser = await chromium.launch(launchOptions());
const errors = [];
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  const file = path.join(handbook, "people", "lone-working.md");
  const good = await readFile(file, "utf8");
  await page.goto(url + "policies/lone-working.html");
  // The live-reload stream must be open before the file changes.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.includes("__policybook/events")), null, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(300);

  await check("an edit reloads the open page with the new text", async () => {
    await writeFile(file, good.replace("title: Lone Working", "title: Lone Working Today"));
    await page.waitForSelector("h1:has-text('Lone Working Today')", { timeout: 10_000 });
    return "h1 is now “Lone Working Today”";
  });

  await check("broken front-matter shows an overlay naming the file and line", async () => {
    await page.waitForTimeout(300);
    await writeFile(file, "---\ntitle: [unclosed\nowner: x\n---\nText\n");
    const overlay = await page.waitForSelector("#pb-overlay", { timeout: 10_000 });
    const text = await overlay.innerText();
    if (!text.includes("people/lone-working.md:2") || !text.includes("'[' list is not closed")) throw new Error(text);
    return text.split("\n").find((l) => l.includes("lone-working")).trim();
  });

  await check("fixing the file reloads the page and the overlay goes", async () => {
    await page.waitForTimeout(300);
    await writeFile(file, good);
    await page.waitForSelector("h1:has-text('Lone Working')", { timeout: 10_000 });
    await page.waitForFunction(() => !document.getElementById("pb-overlay"), null, { timeout: 10_000 });
    const panel = await page.$("#pb-panel summary");
    return panel ? "problems panel: " + (await panel.innerText()) : "no overlay";
  });

  await check("search in the preview: the header box and search.html find the edited policy", async () => {
    await writeFile(file, good.replace("title: Lone Working", "title: Lone Working Zebrafish"));
    await page.waitForSelector("h1:has-text('Lone Working Zebrafish')", { timeout: 10_000 });
    await page.locator("#search-box").pressSequentially("zebrafis", { delay: 20 });
    await page.waitForSelector("#search-dropdown a[role=option]", { timeout: 10_000 });
    const offered = await page.locator("#search-dropdown a[role=option]").allInnerTexts();
    if (!offered.some((t) => t.includes("Lone Working Zebrafish"))) throw new Error("dropdown: " + JSON.stringify(offered));
    const results = await browser.newPage();
    results.on("pageerror", (e) => errors.push(String(e)));
    await results.goto(url + "search.html?q=zebrafish");
    await results.waitForFunction(() => /result/.test(document.querySelector("[data-search-status]")?.textContent), null, { timeout: 10_000 });
    const status = await results.locator("[data-search-status]").innerText();
    const first = await results.locator("[data-search-results] a").first().innerText();
    await results.close();
    await writeFile(file, good);
    if (!first.includes("Lone Working Zebrafish")) throw new Error(`${status}; first result ${first}`);
    return `${status} ${first.split("\n")[0]}`;
  });

  // The preview publishes drafts, with the problems panel over the page.
  for (const colorScheme of ["light", "dark"]) {
    await check(`a draft in the preview, its problems panel open, has no axe-core violations (${colorScheme})`, async () => {
      const context = await browser.newContext({ colorScheme });
      try {
        const draft = await context.newPage();
        draft.on("pageerror", (e) => errors.push(String(e)));
        await draft.goto(url + "policies/artificial-intelligence-tools.html");
        await draft.waitForSelector(".banner-draft", { timeout: 10_000 });
        const panel = await draft.waitForSelector("#pb-panel summary", { timeout: 10_000 });
        await panel.click();
        const vs = await axeViolations(draft);
        if (vs.length) throw new Error(vs.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target} (${n.summary})`).join("; ")}`).join(" | "));
        return "draft banner, problems panel open, 0 violations";
      } finally {
        await context.close();
      }
    });
  }

  await check("a policy's long sentences are highlighted in the preview, and the editor can turn that off", async () => {
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      p.on("pageerror", (e) => errors.push(String(e)));
      await p.goto(url + "policies/fax-and-post.html");
      const summary = await (await p.waitForSelector("#pb-panel .pb-long-summary", { timeout: 10_000 })).innerText();
      const data = await p.evaluate(async () => (await fetch("/__policybook/sentences/policies/fax-and-post.html")).json());
      if (data.sentences.length !== 13) throw new Error(`${data.sentences.length} long sentences`);
      if (!summary.startsWith("13 sentences on this page have more than 25 words.")) throw new Error(summary);
      // Each sentence's marks (one a text node, sharing the title) read as
      // the sentence: its start and end as measured (a link shows its
      // policy's title where the Markdown has its id).
      const marked = await p.$$eval("mark.pb-long", (ms) => {
        const by = new Map();
        for (const m of ms) by.set(m.title, (by.get(m.title) || "") + m.textContent);
        return [...by].map(([title, text]) => ({ title, text: text.replace(/\s+/g, " ").trim() }));
      });
      if (marked.length !== data.sentences.length) throw new Error(`${marked.length} sentences marked`);
      const squeeze = (t) => t.replace(/\s+/g, " ").trim();
      data.sentences.forEach((s, k) => {
        const want = squeeze(s.text), got = marked[k].text;
        if (!got.startsWith(want.slice(0, 30)) || !got.endsWith(want.slice(-30))) throw new Error(`sentence ${k + 1}: ${got} ≠ ${want}`);
        if (marked[k].title !== `communications/fax-and-post.md:${s.line} ${s.message}`) throw new Error(marked[k].title);
      });
      const vs = await axeViolations(p);
      if (vs.length) throw new Error(vs.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join("; ")}`).join(" | "));
      const background = () => p.$eval("mark.pb-long", (m) => getComputedStyle(m).backgroundColor);
      const on = await background();
      await p.locator("#pb-panel .pb-long-summary input").uncheck();
      const off = await background();
      if (on === off || off !== "rgba(0, 0, 0, 0)") throw new Error(`background ${on} then ${off}`);
      await p.reload();
      await p.waitForSelector("#pb-panel .pb-long-summary", { timeout: 10_000 });
      if (await p.locator("#pb-panel .pb-long-summary input").isChecked() || (await background()) !== off) throw new Error("turning highlights off does not last a reload");
      // A sentence the page shows too differently to find (it starts with
      // a link, shown by its policy's title) is counted, not highlighted.
      await p.locator("#pb-panel .pb-long-summary input").check();
      const fax = path.join(handbook, "communications", "fax-and-post.md");
      const before = await readFile(fax, "utf8");
      const opening = "[[internet-and-email]] is the policy that took the place of this one, and it says how the post and the email of the centre are to be dealt with by the staff of the office each day.";
      await writeFile(fax, before.replace("\nIt should be noted", `\n${opening}\n\nIt should be noted`));
      await p.waitForFunction(() => /^14 sentences/.test(document.querySelector("#pb-panel .pb-long-summary")?.textContent), null, { timeout: 10_000 });
      const partly = await p.locator("#pb-panel .pb-long-summary").innerText();
      const shown = await p.$$eval("mark.pb-long", (ms) => new Set(ms.map((m) => m.title)).size);
      await writeFile(fax, before);
      if (!partly.includes("(1 not found in the page to highlight: policybook check lists them all)")) throw new Error(partly);
      if (shown !== 13) throw new Error(`${shown} sentences marked of 14`);
      const other = await context.newPage();
      await other.goto(url + "policies/lone-working.html");
      await other.waitForSelector("#pb-panel summary", { timeout: 10_000 });
      if (await other.$("#pb-panel .pb-long-summary, mark.pb-long")) throw new Error("a plain policy has highlights");
      return `${marked.length} sentences marked, titled with file, line and check's words; 0 axe violations; off lasts a reload`;
    } finally {
      await context.close();
    }
  });

  await check("no script errors", async () => {
    if (errors.length) throw new Error(errors.join("; "));
  });
} finally {
  await browser.close();
  server.kill("SIGINT");
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
