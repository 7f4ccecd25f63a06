// policybook search: the part without a page. Loads only the index files
// a query needs (see src/search/mod.rs for their layout) and ranks pages.
// A classic script (modules do not run from file://), no dependencies;
// runs in browsers and in Node (tests/js/query.mjs). Defines
// PolicybookSearch, and policybookIndex, which each index file calls.
(function (global) {
"use strict";

// The index layout this client reads: the manifest's `version`, which
// src/site/search/mod.rs writes (a test keeps the two equal).
const INDEX_VERSION = 4;

/** Folded words of a text, split as the indexer splits them. */
function words(text) {
  return String(text).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
    .split(/[^\p{L}\p{N}]+/u).filter((w) => w && !(w.length === 1 && /\p{L}/u.test(w)));
}

/** Splits a query into quoted phrases and words; the last word is a
 * prefix while the user is still typing it. */
function parseQuery(q, typing, stop) {
  q = String(q || "").slice(0, 500);
  const phrases = [];
  const rest = q.replace(/"([^"]*)"?/g, (_, p) => { const w = words(p); if (w.length) phrases.push(w); return " "; });
  let free = words(rest);
  // Still typing the last word: it ends the query, outside any quotes.
  const prefixLast = typing && /[\p{L}\p{N}]$/u.test(q) && q.split('"').length % 2 === 1 && free.length > 0;
  const content = free.filter((w) => !stop.has(w));
  // A query of only stopwords searches for them as they are.
  if (content.length) free = content.concat(prefixLast && stop.has(free[free.length - 1]) ? [free[free.length - 1]] : []);
  return { words: free, phrases, prefixLast: prefixLast && free.length > 0 };
}

function readVarint(bytes, pos) {
  let n = 0, shift = 0, b;
  do { b = bytes[pos.i++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return n;
}

function decodeShard(bytes) {
  const dec = new TextDecoder(), pos = { i: 4 };
  const words = [], stems = [];
  for (let n = readVarint(bytes, pos); n > 0; n--) {
    const len = readVarint(bytes, pos);
    const w = dec.decode(bytes.subarray(pos.i, pos.i + len));
    pos.i += len;
    words.push([w, readVarint(bytes, pos)]);
  }
  for (let n = readVarint(bytes, pos); n > 0; n--) {
    const id = readVarint(bytes, pos), count = readVarint(bytes, pos), postings = new Array(count);
    let page = 0;
    for (let k = 0; k < count; k++) {
      page += readVarint(bytes, pos);
      const v = readVarint(bytes, pos);
      postings[k] = [page, v >> 1, v & 1];
    }
    stems.push({ id, postings });
  }
  return { words, stems };
}

// An index file is policybookIndex("t/6162", "<base93 of gzip>").
const arrived = new Map();
global.policybookIndex = (name, payload) => { arrived.set(String(name), String(payload)); };

/** base93 text to bytes (src/search/encode.rs): two characters hold 13
 * bits, least significant first; a lone last one holds 6. */
function unbase93(text) {
  const out = new Uint8Array(Math.floor(text.length * 13 / 16) + 1);
  const value = (c) => c - 32 - (c > 34) - (c > 92);
  let buf = 0, bits = 0, n = 0;
  for (let i = 0; i < text.length; i += 2) {
    if (i + 1 < text.length) { buf |= (value(text.charCodeAt(i)) + 93 * value(text.charCodeAt(i + 1))) << bits; bits += 13; }
    else { buf |= value(text.charCodeAt(i)) << bits; bits += 6; }
    for (; bits >= 8; bits -= 8) { out[n++] = buf & 255; buf >>>= 8; }
  }
  return out.subarray(0, n);
}

const hex = (s) => Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, "0")).join("");
const SUFFIXES = ["ing", "ed", "es", "s", "er", "ers", "ly", "ment", "ments", "ion", "ions", "al"];

class Index {
  /** `load(name)` runs search/<name>.js and resolves once it has run. */
  constructor(load) {
    this.load = load;
    this.cache = new Map();
  }

  /** The bytes of the index file `name` ("t/6162", "manifest"), inflated. */
  async bytes(name) {
    if (!this.cache.has(name)) {
      this.cache.set(name, (async () => {
        await this.load(name);
        const payload = arrived.get(name);
        arrived.delete(name);
        if (payload === undefined) throw Object.assign(new Error("not an index file"), { file: `search/${name}.js` });
        const b = unbase93(payload);
        const s = new Blob([b]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Uint8Array(await new Response(s).arrayBuffer());
      })());
    }
    return this.cache.get(name);
  }

  async manifest() {
    if (!this.m) this.m = this.bytes("manifest").then((b) => {
      const m = JSON.parse(new TextDecoder().decode(b));
      if (m.version !== INDEX_VERSION) {
        throw new Error(`this site's search index was made by another version of policybook (index version ${m.version}, this page reads ${INDEX_VERSION}): build the site again`);
      }
      // The words too common to index, as the indexer has them.
      m.stop = new Set(m.stopwords || []);
      return m;
    });
    return this.m;
  }

  async shard(key) {
    const k = "t/" + hex(key);
    if (!this.cache.has("s:" + k)) this.cache.set("s:" + k, this.bytes(k).then(decodeShard));
    return this.cache.get("s:" + k);
  }

  /** The shards that can hold `word` (and, for a prefix, its longer words). */
  async shardsFor(word, prefix) {
    const keys = (await this.manifest()).shards;
    let best = "";
    for (const k of keys) if (word.startsWith(k) && k.length > best.length) best = k;
    const out = best ? [best] : [];
    // A short prefix may span many shards; fetch up to 32 of them.
    if (prefix) for (const k of keys) if (k.length > word.length && k.startsWith(word) && out.length < 32) out.push(k);
    return Promise.all(out.map((k) => this.shard(k)));
  }

  /** Pages with a word (any form of its stem): Map page → [impact, inTitle],
   * and the surface words that matched, for highlighting. */
  async term(word, prefix) {
    const shards = await this.shardsFor(word, prefix);
    const pages = new Map(), surface = new Set();
    const tryMatch = (test) => {
      for (const s of shards) {
        const hit = new Set();
        for (const [w, st] of s.words) if (test(w)) hit.add(st);
        if (!hit.size) continue;
        for (const [w, st] of s.words) if (hit.has(st)) surface.add(w);
        for (const st of hit) for (const [p, imp, t] of s.stems[st].postings) {
          const old = pages.get(p);
          if (!old || old[0] < imp) pages.set(p, [imp, t || (old ? old[1] : 0)]);
          else if (t) old[1] = 1;
        }
      }
    };
    tryMatch(prefix ? (w) => w.startsWith(word) : (w) => w === word);
    if (!pages.size && !prefix) {
      // No stemmer here: try the word without a common ending, then longer forms.
      const cands = new Set(SUFFIXES.filter((x) => word.endsWith(x) && word.length - x.length >= 3).map((x) => word.slice(0, -x.length)));
      if (word.endsWith("ies")) cands.add(word.slice(0, -3) + "y");
      tryMatch((w) => cands.has(w) || (w.startsWith(word) && w.length - word.length <= 3));
      if (!pages.size && word.length >= 3) tryMatch((w) => w.startsWith(word));
      // "photos" finds "photographs": the word without its ending, as a prefix.
      if (!pages.size) tryMatch((w) => [...cands].some((c) => c.length >= 4 && w.startsWith(c)));
    }
    return { pages, surface };
  }

  /** Runs a query. `filters` maps facet → list of values; `sort` is
   * "relevance", "title" or "date". Returns ranked pages and the words to
   * highlight. */
  async search(q, { typing = false, filters = {}, sort = "relevance" } = {}) {
    const m = await this.manifest();
    const query = parseQuery(q, typing, m.stop);
    let { result, surface } = await this.match(query, m);
    if (query.prefixLast) {
      // The last word typed also finds longer words ("photo": "photographs"),
      // and all it finds once submitted ("photos": "photographs" through
      // "photo"; "fire an": "fire"), so typing never finds less than Enter.
      const whole = await this.match(parseQuery(q, false, m.stop), m);
      result = union(result, whole.result);
      surface = Array.from({ length: Math.max(surface.length, whole.surface.length) },
        (_, i) => new Set([...(surface[i] || []), ...(whole.surface[i] || [])]));
    }
    const allowed = await this.filter(filters, m);
    let pages;
    if (result) pages = [...result].filter(([p]) => !allowed || allowed.has(p)).map(([p, v]) => ({ page: p, score: v[0], title: v[1] }));
    else if (allowed) pages = [...allowed].map((p) => ({ page: p, score: 0, title: 0 }));
    else pages = [];
    if (sort === "title" || sort === "date") {
      const rank = await this.rank(sort, m);
      pages.sort((a, b) => rank[a.page] - rank[b.page]);
    } else pages.sort((a, b) => b.title - a.title || b.score - a.score || a.page - b.page);
    return { pages, surface, phrases: query.phrases, words: query.words };
  }

  /** The pages a parsed query matches (Map page → [score, title words];
   * null for a query with no words) and, per query slot, the words found. */
  async match(query, m) {
    const slots = this.slots(query, m.synonyms || [], m.stop);
    let result = null;
    const surface = [];
    for (const slot of slots) {
      const slotPages = new Map(), slotWords = new Set();
      for (const alt of slot) {
        let altPages = null;
        for (const { word, prefix } of alt) {
          const t = await this.term(word, prefix);
          t.surface.forEach((w) => slotWords.add(w));
          altPages = altPages ? intersect(altPages, t.pages) : t.pages;
        }
        for (const [p, v] of altPages || []) {
          const old = slotPages.get(p);
          if (!old || old[0] < v[0]) slotPages.set(p, v);
        }
      }
      surface.push(slotWords);
      result = result ? intersect(result, slotPages, true) : new Map([...slotPages].map(([p, v]) => [p, [v[0], v[1]]]));
    }
    return { result, surface };
  }

  /** Query slots: each is a list of alternatives, each a list of words
   * that must all match. Synonyms add alternatives. */
  slots(query, synonyms, stop) {
    const ws = query.words.map((w, i) => ({ word: w, prefix: query.prefixLast && i === query.words.length - 1 }));
    const slots = [];
    for (let i = 0; i < ws.length;) {
      let matched = null;
      for (const [a, b] of synonyms) {
        for (const [from, to] of [[a, b], [b, a]]) {
          const f = from.split(" ");
          if (!matched && f.every((w, k) => ws[i + k] && (ws[i + k].word === w || (ws[i + k].prefix && w.startsWith(ws[i + k].word))))) {
            matched = [ws.slice(i, i + f.length), to.split(" ").filter((w) => !stop.has(w)).map((w) => ({ word: w, prefix: false }))];
            matched.len = f.length;
          }
        }
      }
      if (matched) { slots.push(matched); i += matched.len; } else { slots.push([[ws[i]]]); i++; }
    }
    for (const p of query.phrases) {
      const content = p.filter((w) => !stop.has(w));
      for (const w of content.length ? content : p) slots.push([[{ word: w, prefix: false }]]);
    }
    return slots;
  }

  async filter(filters, m) {
    let allowed = null;
    for (const [facet, values] of Object.entries(filters)) {
      const list = (m.facets[facet] || []);
      const idx = values.map((v) => list.findIndex(([name]) => name === v)).filter((i) => i >= 0);
      if (!values.length) continue;
      const set = new Set();
      for (const i of idx) {
        const bits = await this.bytes(`f/${facet}/${i}`);
        for (let p = 0; p < m.pages; p++) if (bits[p >> 3] & (1 << (p & 7))) set.add(p);
      }
      allowed = allowed ? new Set([...allowed].filter((p) => set.has(p))) : set;
    }
    return allowed;
  }

  /** Each page's rank in "title" or "date" order. */
  async rank(order, m) {
    const bytes = await this.bytes(order), pos = { i: 0 }, rank = new Array(m.pages).fill(m.pages);
    for (let r = 0; pos.i < bytes.length; r++) rank[readVarint(bytes, pos)] = r;
    return rank;
  }

  /** A page's record; records are packed `records_per_file` to a file. */
  async record(page) {
    const k = (await this.manifest()).records_per_file || 1, path = `r/${Math.floor(page / k)}`;
    if (!this.cache.has("j:" + path)) this.cache.set("j:" + path, this.bytes(path).then((b) => JSON.parse(new TextDecoder().decode(b))));
    return (await this.cache.get("j:" + path))[page % k];
  }
}

/** Pages in either result, each with the better of its scores. */
function union(a, b) {
  if (!a || !b) return a || b;
  const out = new Map(a);
  for (const [p, v] of b) {
    const w = out.get(p);
    out.set(p, w ? [Math.max(v[0], w[0]), Math.max(v[1], w[1])] : v);
  }
  return out;
}

function intersect(a, b, sum) {
  const out = new Map();
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const [p, v] of small) {
    const w = big.get(p);
    if (w) out.set(p, sum ? [v[0] + w[0], v[1] + w[1]] : [v[0] + w[0], v[1] | w[1]]);
  }
  return out;
}

/** The section of a record that best matches, and whether it holds every
 * phrase. Returns { section: [anchor, heading, text], phraseOk }. */
function bestSection(record, found) {
  let best = null, bestScore = -1;
  const sections = record.x.length ? record.x : [["", "", ""]];
  for (const s of sections) {
    const hw = words(s[1]), tw = words(s[2]), all = hw.concat(tw);
    // Each query word found counts; in the heading it counts more.
    let score = 0;
    for (const set of found.surface) {
      const inHeading = new Set(hw.filter((w) => set.has(w))).size;
      score += inHeading ? 3 + inHeading : tw.some((w) => set.has(w)) ? 2 : 0;
    }
    const joined = " " + all.join(" ") + " ", title = " " + words(record.t).join(" ") + " ";
    const phraseOk = found.phrases.every((p) => joined.includes(" " + p.join(" ") + " ") || title.includes(" " + p.join(" ") + " "));
    if (phraseOk) score += 10;
    if (score > bestScore) { best = { section: s, phraseOk }; bestScore = score; }
  }
  return best;
}

const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

/** An excerpt of `text` around the first matched word, HTML-escaped, with
 * matched words in <mark>. */
function excerpt(text, found, length = 180) {
  const match = (w) => found.surface.some((set) => set.has(w)) || found.phrases.some((p) => p.includes(w));
  const re = /[\p{L}\p{N}]+/gu;
  let first = -1, m;
  while ((m = re.exec(text))) if (match(words(m[0])[0] || "")) { first = m.index; break; }
  let start = first < 0 ? 0 : Math.max(0, first - 60);
  if (start > 0) { const sp = text.indexOf(" ", start); if (sp >= 0 && sp < first) start = sp + 1; }
  let end = Math.min(text.length, start + length);
  if (end < text.length) { const sp = text.lastIndexOf(" ", end); if (sp > start) end = sp; }
  const part = text.slice(start, end);
  let out = "", last = 0;
  re.lastIndex = 0;
  while ((m = re.exec(part))) {
    if (match(words(m[0])[0] || "")) {
      out += escapeHtml(part.slice(last, m.index)) + "<mark>" + escapeHtml(m[0]) + "</mark>";
      last = m.index + m[0].length;
    }
  }
  out += escapeHtml(part.slice(last));
  return (start > 0 ? "… " : "") + out + (end < text.length ? " …" : "");
}

global.PolicybookSearch = { Index, words, parseQuery, bestSection, excerpt, escapeHtml, unbase93 };
})(globalThis);
