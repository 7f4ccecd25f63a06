// Runs search queries against a built site with the real client code
// (themes/default/static/search-core.js), in Node.
//   node tests/js/query.mjs SITE QUERY [QUERY...]
// SITE is a folder, or the URL of a running `policybook serve`. A QUERY is
// words, or JSON: {"q": ..., "typing": true, "filters": {...}, "sort": ...,
// "find": url (is that page among all the results?), "pages": true (list
// every result's url)}.
// Prints one JSON line per query: the ranked results (title and section
// anchor of each of the first 10), the bytes of the index files read and
// how many files.
//
// As in the browser, search-core.js is a classic script and each index file
// a script that calls policybookIndex(...): both run here in a vm context
// holding only the web APIs the client uses, so that it cannot lean on
// anything of Node's.
import { readFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";

const [site, ...queries] = process.argv.slice(2);
const remote = /^https?:/.test(site);
const read = remote
  ? async (p) => {
    const r = await fetch(new URL(p, site));
    if (!r.ok) throw new Error(p + ": " + r.status);
    return Buffer.from(await r.arrayBuffer());
  }
  : (p) => readFile(path.join(site, ...p.split("/")));

const context = vm.createContext({ Blob, DecompressionStream, Response, TextDecoder, TextEncoder });
const coreFile = "static/search-core.js";
vm.runInContext((await read(coreFile)).toString("utf8"), context, { filename: coreFile });
const core = context.PolicybookSearch;

let bytes = 0, files = 0;
// What the browser's <script> element does: fetch search/NAME.js and run it.
async function load(name) {
  const file = `search/${name}.js`;
  const text = await read(file);
  bytes += text.length;
  files++;
  vm.runInContext(text.toString("utf8"), context, { filename: file });
}

for (const q of queries) {
  const index = new core.Index(load);
  bytes = 0;
  files = 0;
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
  if (spec.pages) {
    const urls = [];
    for (const { page } of found.pages) urls.push((await index.record(page)).u);
    console.log(JSON.stringify({ q: spec.q, typing: spec.typing, total: found.pages.length, urls }));
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
  console.log(JSON.stringify({ q: spec.q, total: found.pages.length, results, bytes, files }));
}
