// policybook serve: reloads the page when the handbook changes, and shows
// the current problems (an overlay for broken front-matter, a panel for
// the rest) and, in a policy's page, highlights its long sentences.
// Injected into every page by `policybook serve` only: what it adds is
// drawn in the browser, so the pages served stay those a build writes.
(() => {
  const script = document.currentScript;
  const base = script.dataset.base;
  const page = script.dataset.page || "";
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const item = (p) => `<li><strong>${esc(p.file)}${p.line ? ":" + p.line : ""}</strong> ${esc(p.message)}</li>`;
  const css = "position:fixed;z-index:9999;font:14px/1.4 system-ui,sans-serif;";
  // Whether the editor turned the highlights off, kept across reloads.
  const HIDDEN = "policybook-serve-highlights-hidden";
  const hidden = () => { try { return localStorage.getItem(HIDDEN) === "1"; } catch { return false; } };
  const setHidden = (v) => { try { localStorage.setItem(HIDDEN, v ? "1" : "0"); } catch { /* not kept */ } };

  // The page's text as a reader sees it, with where each character is:
  // white space runs as one space, code and headings left out (as plain
  // English measures), footnote marks and what serve adds too.
  const SKIP = "CODE,PRE,H1,H2,H3,H4,H5,H6,SCRIPT,STYLE,SUP,#pb-panel,#pb-overlay";
  const INLINE = /^(A|ABBR|B|BDI|BDO|CITE|DATA|DEL|DFN|EM|I|INS|KBD|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|TIME|U|VAR)$/;
  function pageText(root) {
    // Built as an array joined once (a string grown a character at a time
    // and asked whether it ends in a space is copied each time), with
    // each character's text node and offset in two flat arrays.
    const out = [], nodes = [], nodeOf = [], offsetOf = [];
    let spaced = true;
    const space = () => {
      if (!spaced) { out.push(" "); nodeOf.push(-1); offsetOf.push(0); spaced = true; }
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(n) {
        if (n.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
        if (n.matches(SKIP)) {
          // Code is a space in the measured text; a footnote mark nothing.
          if (n.tagName !== "SUP") space();
          return NodeFilter.FILTER_REJECT;
        }
        if (!INLINE.test(n.tagName)) space();
        return NodeFilter.FILTER_SKIP;
      },
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const k = nodes.push(n) - 1;
      const s = n.data;
      for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (WHITE.test(c)) {
          if (spaced) continue;
          out.push(" ");
          spaced = true;
        } else {
          out.push(c);
          spaced = false;
        }
        nodeOf.push(k);
        offsetOf.push(i);
      }
    }
    return { text: out.join(""), at: (j) => (nodeOf[j] < 0 ? null : [nodes[nodeOf[j]], offsetOf[j]]) };
  }
  const WHITE = /\s/;
  const squeeze = (s) => s.replace(/\s+/g, " ").trim();

  // Where each sentence is in the page text: at the first place after the
  // sentence before where its first words are and then either the whole
  // sentence or, within twice its length, its last words (the page shows
  // it a little differently: a link by its policy's title). Looking only
  // forward, each sentence found costs the text up to it; one not found
  // costs the rest of the page, so after a few such the rest are not
  // looked for, and the work stays in proportion to the page.
  const MISSES = 8;
  function locate(text, sentences) {
    const found = [];
    let from = 0, misses = 0;
    for (const s of sentences) {
      if (misses >= MISSES) break;
      const want = squeeze(s.text);
      const head = want.slice(0, 30), tail = want.slice(-30);
      const most = 2 * want.length + 80;
      let at, end = -1, last = -1;
      for (at = text.indexOf(head, from); at >= 0; at = text.indexOf(head, at + 1)) {
        if (text.startsWith(want, at)) { end = at + want.length; break; }
        if (last < at) last = text.indexOf(tail, at);
        if (last < 0) { at = -1; break; }
        end = last + tail.length;
        if (end - at <= most) break;
      }
      if (at < 0) { misses++; continue; }
      found.push({ at, end, s });
      from = end;
    }
    return found;
  }

  // Wraps characters at..end of the page text in marks, one a text node,
  // last sentence first, so that splitting a node leaves the places of
  // the sentences before it as they were.
  function mark(at_, found, title) {
    for (const { at, end, s } of found.slice().reverse()) {
      const pieces = new Map();
      for (let k = at; k < end; k++) {
        const place = at_(k);
        if (!place) continue;
        const [node, i] = place;
        const p = pieces.get(node) || { from: i, to: i };
        p.to = i + 1;
        pieces.set(node, p);
      }
      for (const [node, { from, to }] of [...pieces].reverse()) {
        if (to < node.length) node.splitText(to);
        const part = from > 0 ? node.splitText(from) : node;
        const m = document.createElement("mark");
        m.className = "pb-long";
        m.title = title(s);
        // Dark text on the yellow in either colour scheme; a link's text
        // stays blue and underlined, so that it still reads as a link.
        const link = part.parentElement?.closest("a");
        m.style.cssText = "background:#fff0a8;box-shadow:0 0 0 1px #8a6d00;border-radius:2px;padding:0;" +
          (link ? "color:#0b3d91;text-decoration:underline" : "color:#111");
        part.replaceWith(m);
        m.append(part);
      }
    }
  }

  function highlight(data) {
    const root = document.querySelector("article.policy .body") || document.querySelector("main");
    if (!data.sentences.length) return { found: 0, total: 0 };
    if (!root) return { found: 0, total: data.sentences.length };
    const { text, at } = pageText(root);
    const found = locate(text, data.sentences);
    mark(at, found, (s) => `${data.file}:${s.line} ${s.message}`);
    document.documentElement.classList.toggle("pb-highlights-hidden", hidden());
    return { found: found.length, total: data.sentences.length };
  }

  // `long`: how many long sentences the page has, and how many of them
  // were found in it to highlight.
  function show(status, long, maxWords) {
    document.getElementById("pb-overlay")?.remove();
    document.getElementById("pb-panel")?.remove();
    if (status.blocking.length) {
      const o = document.createElement("div");
      o.id = "pb-overlay";
      o.setAttribute("role", "alertdialog");
      o.setAttribute("aria-label", "Problems to fix");
      o.style.cssText = css + "inset:0;background:rgba(20,20,20,.85);color:#fff;padding:2rem;overflow:auto";
      o.innerHTML = `<div style="max-width:50rem;margin:auto;background:#7a0013;padding:1.5rem;border-radius:6px">` +
        `<h2 style="margin-top:0">This handbook has ${status.blocking.length === 1 ? "a problem" : status.blocking.length + " problems"} to fix</h2>` +
        `<ul>${status.blocking.map(item).join("")}</ul><p>Save the file again once it is fixed: this page reloads by itself.</p>` +
        `<button type="button" style="font:inherit">Hide</button></div>`;
      o.querySelector("button").onclick = () => o.remove();
      document.body.append(o);
    }
    if (status.problems.length || long.total) {
      // A landmark of its own, so that nothing on the page is outside one.
      const p = document.createElement("aside");
      p.id = "pb-panel";
      p.setAttribute("aria-label", status.problems.length ? "Problems in this handbook" : "Long sentences on this page");
      p.style.cssText = css + "right:1rem;bottom:1rem;max-width:min(32rem,calc(100vw - 2rem));max-height:50vh;overflow:auto;background:#fff;color:#111;border:2px solid #b00020;border-radius:6px;padding:.5rem 1rem;box-shadow:0 4px 16px rgba(0,0,0,.3)";
      if (status.problems.length) {
        p.innerHTML = `<details><summary>${status.problems.length} ${status.problems.length === 1 ? "problem" : "problems"} in this handbook</summary><ul>${status.problems.map(item).join("")}</ul></details>`;
      }
      if (long.total) {
        const one = long.total === 1;
        const missed = long.total - long.found;
        const line = document.createElement("p");
        line.className = "pb-long-summary";
        line.style.margin = ".25rem 0";
        line.innerHTML = `${long.total} ${one ? "sentence" : "sentences"} on this page ${one ? "has" : "have"} more than ${Number(maxWords)} words` +
          (missed ? ` (${missed} not found in the page to highlight: <code>policybook check</code> lists them all)` : "") + ". " +
          `<label style="white-space:nowrap"><input type="checkbox"> Highlight ${one ? "it" : "them"}</label>`;
        const box = line.querySelector("input");
        box.checked = !hidden();
        box.onchange = () => {
          setHidden(!box.checked);
          document.documentElement.classList.toggle("pb-highlights-hidden", !box.checked);
        };
        p.append(line);
      }
      document.body.append(p);
    }
  }

  const style = document.createElement("style");
  style.textContent = ".pb-highlights-hidden mark.pb-long{background:none!important;box-shadow:none!important;color:inherit!important;text-decoration:inherit!important}";
  document.head.append(style);
  const json = (path) => fetch(base + "__policybook/" + path).then((r) => r.json());
  const sentences = page ? json("sentences/" + page.split("/").map(encodeURIComponent).join("/")).catch(() => null) : Promise.resolve(null);
  Promise.all([json("status.json"), sentences]).then(([status, data]) => {
    const long = data ? highlight(data) : { found: 0, total: 0 };
    show(status, long, data ? data.max_words : 0);
  }).catch(() => {});
  const events = new EventSource(base + "__policybook/events");
  events.addEventListener("reload", () => location.reload());
})();
