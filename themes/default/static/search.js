// policybook search: the header box on every page, and search.html.
// A classic script after search-core.js (modules do not run from file://).
(function () {
"use strict";

const { Index, bestSection, excerpt, escapeHtml } = window.PolicybookSearch;
// Dates as the pages write them ("30 April 2027"): static/page.js.
const human = (window.policybookDates && window.policybookDates.human) || String;
const FACETS = ["category", "owner", "status", "tag"];
const STATUS = { overdue: "Overdue", "due-soon": "Due soon", current: "Current", "no-date": "No review date", retired: "Retired", draft: "Draft" };
// What the page says when the index does not load (`e.file`: which file).
const unavailable = (e) => typeof DecompressionStream === "undefined"
  ? "Search needs a newer browser: this one cannot read the search index."
  : `Search is not available: the browser did not load ${(e && e.file) || "the search index"}` +
    (location.protocol === "file:" ? " from disk. Check that the search folder was copied with the site." : ". Try reloading the page.");
const root = new URL("../", document.currentScript.src);
// Index files are scripts, loaded by <script> elements both over HTTP and
// from disk (where browsers refuse fetch).
const index = new Index((name) => new Promise((resolve, reject) => {
  const el = document.createElement("script");
  el.src = new URL("search/" + name + ".js", root).href;
  el.onload = () => { el.remove(); resolve(); };
  el.onerror = () => { el.remove(); reject(Object.assign(new Error("not loaded"), { file: `search/${name}.js` })); };
  document.head.append(el);
}));
// search.html shows a message unless this mark is set (style.css).
document.documentElement.classList.add("search-ran");

function link(rec, sec) {
  return new URL(rec.u + (sec[0] ? "#" + encodeURIComponent(sec[0]) : ""), root).href;
}

/** Loads records for results until `want` are shown (phrases checked). */
async function resolve(found, from, want) {
  const out = [];
  let i = from;
  for (; i < found.pages.length && out.length < want && i < from + want * 4; i++) {
    const rec = await index.record(found.pages[i].page);
    const best = bestSection(rec, found);
    if (!best.phraseOk) continue;
    out.push({ rec, sec: best.section });
  }
  return { items: out, next: i };
}

function statusBadge(rec) {
  // The days its status changes, for status.js to show today's.
  const live = Array.isArray(rec.w) && rec.w.length === 2
    ? ` data-due-soon-from="${escapeHtml(rec.w[0])}" data-overdue-from="${escapeHtml(rec.w[1])}"` : "";
  return `<span class="status status-${escapeHtml(rec.s)}"${live}>${escapeHtml(rec.l)}</span>`;
}

// Brings the badges just shown up to the reader's day (static/status.js).
function liveStatus(el) {
  if (window.policybookStatus) window.policybookStatus.update(el);
}

// ---- The header box: results as you type, as an ARIA combobox. ----
function headerBox(form) {
  const input = form.querySelector("input[name=q]");
  const list = form.querySelector(".search-dropdown");
  const live = form.querySelector("[data-search-live]");
  if (!input || !list) return;
  let timer, active = -1, seq = 0;
  const options = () => [...list.querySelectorAll("[role=option]:not([aria-disabled=true])")];
  const say = (text) => { if (live) live.textContent = text; };
  const close = () => {
    seq++; // a search still loading does not open the list after this
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const choose = (i) => {
    const all = options();
    active = i;
    all.forEach((o, k) => o.setAttribute("aria-selected", String(k === i)));
    if (all[i]) {
      input.setAttribute("aria-activedescendant", all[i].id);
      all[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  // Each option a link, so that it can be opened in a new tab too; not a
  // tab stop (the arrows move among them, from the box).
  const option = (k, href, html, cls = "") =>
    `<a role="option" tabindex="-1" id="search-option-${k}" aria-selected="false" href="${escapeHtml(href)}"${cls ? ` class="${cls}"` : ""}>${html}</a>`;
  const note = (text) => `<p role="option" aria-disabled="true" aria-selected="false" id="search-option-none">${escapeHtml(text)}</p>`;
  async function run() {
    const q = input.value, mine = ++seq;
    if (!q.trim()) { say(""); return close(); }
    try {
      const found = await index.search(q, { typing: true });
      const { items: shown } = await resolve(found, 0, 6);
      if (mine !== seq) return;
      const n = found.pages.length;
      list.innerHTML = shown.length
        ? shown.map(({ rec, sec }, k) => option(k, link(rec, sec), `<strong>${escapeHtml(rec.t)}</strong>` +
            (sec[1] ? ` <span class="muted">› ${escapeHtml(sec[1])}</span>` : "") + ` ${statusBadge(rec)}`)).join("") +
          option(shown.length, new URL("search.html?q=" + encodeURIComponent(q), root).href, `All ${n} ${n === 1 ? "result" : "results"}`, "all")
        : note(`No results for “${q}”.`);
      say(n ? `${n} ${n === 1 ? "result" : "results"} for “${q}”: use the up and down arrows to choose one.` : `No results for “${q}”.`);
      liveStatus(list);
    } catch (e) {
      if (mine !== seq) return;
      list.innerHTML = note(unavailable(e));
      say(unavailable(e));
    }
    // Only for the reader still in the box.
    if (document.activeElement !== input) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    choose(-1);
  }
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 100); });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) {
      // Closed: the arrows open it (on what is typed); Escape is the
      // browser's, which empties the box.
      if (e.key === "ArrowDown" && input.value.trim()) { run(); e.preventDefault(); }
      return;
    }
    const all = options();
    if (e.key === "ArrowDown" && all.length) { choose((active + 1) % all.length); e.preventDefault(); }
    else if (e.key === "ArrowUp" && all.length) { choose(active <= 0 ? all.length - 1 : active - 1); e.preventDefault(); }
    else if (e.key === "Enter" && active >= 0 && all[active]) { e.preventDefault(); location.href = all[active].href; }
    // The first Escape closes the list and keeps what was typed.
    else if (e.key === "Escape") { e.preventDefault(); close(); }
  });
  // A pointer over an option makes it the one chosen.
  list.addEventListener("mousemove", (e) => {
    const o = e.target.closest("[role=option]:not([aria-disabled=true])");
    const i = options().indexOf(o);
    if (i >= 0 && i !== active) choose(i);
  });
  // Focus leaving the box closes the list (to the Search button too),
  // unless it went to an option being clicked.
  input.addEventListener("blur", () => setTimeout(() => { if (!list.contains(document.activeElement)) close(); }, 150));
  document.addEventListener("click", (e) => { if (!form.contains(e.target)) close(); });
}

document.addEventListener("keydown", (e) => {
  const t = e.target;
  if (e.key === "/" && !(t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t.isContentEditable)) {
    const box = document.querySelector(".search-form input[name=q]");
    if (box) { e.preventDefault(); box.focus(); }
  }
});

// ---- The search page. ----
async function searchPage(page) {
  const form = page.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const results = page.querySelector("[data-search-results]");
  const status = page.querySelector("[data-search-status]");
  const more = page.querySelector("[data-search-more]");
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  let m;
  try { m = await index.manifest(); } catch (e) { status.textContent = unavailable(e); return; }
  for (const facet of FACETS) {
    const select = form.querySelector(`select[name=${facet}]`);
    if (!select) continue;
    for (const [value, count] of m.facets[facet] || []) {
      const o = document.createElement("option");
      o.value = value;
      o.textContent = `${facet === "status" ? STATUS[value] || value : value} (${count})`;
      select.append(o);
    }
    select.value = params.get(facet) || "";
  }
  const sort = form.querySelector("select[name=sort]");
  sort.value = params.get("sort") || "relevance";
  let seq = 0, found = null, next = 0;
  const render = (items, append) => {
    const html = items.map(({ rec, sec }) =>
      `<li><a href="${escapeHtml(link(rec, sec))}"><span class="result-title">${escapeHtml(rec.t)}</span>` +
      (sec[1] ? `<span class="result-heading"> › ${escapeHtml(sec[1])}</span>` : "") + `</a>` +
      `<p class="result-excerpt">${excerpt(sec[2] || "", found)}</p>` +
      `<p class="result-meta">${statusBadge(rec)} ${escapeHtml(rec.c)} · ${escapeHtml(rec.o)}` +
      (rec.d ? ` · review due ${escapeHtml(human(rec.d))}` : "") + `</p></li>`).join("");
    const list = results.querySelector("ol");
    if (append && list) list.insertAdjacentHTML("beforeend", html);
    else if (items.length || !append) results.innerHTML = items.length ? `<ol class="results">${html}</ol>` : "";
    liveStatus(results);
  };
  async function run(push) {
    const q = input.value, mine = ++seq;
    const filters = {}, url = new URLSearchParams();
    if (q) url.set("q", q);
    for (const facet of FACETS) {
      const v = form.querySelector(`select[name=${facet}]`)?.value;
      if (v) { filters[facet] = [v]; url.set(facet, v); }
    }
    if (sort.value !== "relevance") url.set("sort", sort.value);
    if (push) history.replaceState(null, "", "?" + url.toString());
    if (!q.trim() && !Object.keys(filters).length) {
      results.innerHTML = ""; status.textContent = "Type a word to search the policies."; more.hidden = true; return;
    }
    try {
      const f = await index.search(q, { filters, sort: sort.value, typing: push === "typing" });
      const page1 = await resolve(f, 0, 10);
      if (mine !== seq) return;
      found = f; next = page1.next;
      render(page1.items, false);
      const n = f.pages.length;
      status.textContent = n ? `${n} ${n === 1 ? "result" : "results"}${q ? ` for “${q}”` : ""}.` : `No results${q ? ` for “${q}”` : ""}.`;
      more.hidden = next >= n;
    } catch (e) {
      status.textContent = unavailable(e);
    }
  }
  more.addEventListener("click", async () => {
    const r = await resolve(found, next, 10);
    next = r.next;
    render(r.items, true);
    more.hidden = next >= found.pages.length;
  });
  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => run("typing"), 150); });
  form.addEventListener("change", () => run(true));
  form.addEventListener("submit", (e) => { e.preventDefault(); run(true); });
  run(false);
}

for (const form of document.querySelectorAll(".search-form")) headerBox(form);
const page = document.querySelector("[data-search-page]");
if (page) searchPage(page);
})();
