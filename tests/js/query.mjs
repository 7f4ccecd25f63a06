// Runs search queries against a built site with the real client code
// (themes/default/static/search-core.js), in Node.
//   node tests/js/query.mjs SITE_DIR QUERY [QUERY...]
// Prints one JSON line per query: the ranked results (title and section
// anchor of each of the first 10) and the bytes fetched.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [site, ...queries] = process.argv.slice(2);
// SITE is a folder, or the URL of a running `policybook serve`.
const remote = /^https?:/.test(site);
const core = remote
  ? await import("data:text/javascript," + encodeURIComponent(await (await fetch(new URL("static/search-core.js", site))).text()))
  : await import(pathToFileURL(path.join(site, "static", "search-core.js")).href);
const load = remote
  ? async (p) => { const r = await fetch(new URL("search/" + p, site)); if (!r.ok) throw new Error(p + ": " + r.status); return new Uint8Array(await r.arrayBuffer()); }
  : async (p) => new Uint8Array(await readFile(path.join(site, "search", p)));

for (const q of queries) {
  const index = new core.Index(load);
  let spec = { q, filters: {}, sort: "relevance", typing: false };
  if (q.startsWith("{")) spec = { ...spec, ...JSON.parse(q) };
  const found = await index.search(spec.q, { filters: spec.filters, sort: spec.sort, typing: spec.typing });
  if (spec.find) {
    // Is the page at this url among all the results?
    let hit = false;
    for (const { page } of found.pages) if ((await index.record(page)).u === spec.find) { hit = true; break; }
    console.log(JSON.stringify({ q: spec.q, total: found.pages.length, found: hit }));
    continue;
  }
  const results = [];
  for (const { page } of found.pages) {
    if (results.length >= 10) break;
    const rec = await index.record(page);
    const best = core.bestSection(rec, found);
    if (!best.phraseOk) continue;
    results.push({ title: rec.t, url: rec.u, anchor: best.section[0], status: rec.s, excerpt: core.excerpt(best.section[2] || "", found) });
  }
  console.log(JSON.stringify({ q: spec.q, total: found.pages.length, results, bytes: index.fetched }));
}
