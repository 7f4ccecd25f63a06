// policybook serve: reloads the page when the handbook changes, and shows
// the current problems (an overlay for broken front-matter, a panel for
// the rest). Injected into every page by `policybook serve` only.
(() => {
  const base = document.currentScript.dataset.base;
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const item = (p) => `<li><strong>${esc(p.file)}${p.line ? ":" + p.line : ""}</strong> ${esc(p.message)}</li>`;
  const css = "position:fixed;z-index:9999;font:14px/1.4 system-ui,sans-serif;";
  function show(status) {
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
    if (status.problems.length) {
      // A landmark of its own, so that nothing on the page is outside one.
      const p = document.createElement("aside");
      p.id = "pb-panel";
      p.setAttribute("aria-label", "Problems in this handbook");
      p.style.cssText = css + "right:1rem;bottom:1rem;max-width:min(32rem,calc(100vw - 2rem));max-height:50vh;overflow:auto;background:#fff;color:#111;border:2px solid #b00020;border-radius:6px;padding:.5rem 1rem;box-shadow:0 4px 16px rgba(0,0,0,.3)";
      p.innerHTML = `<details><summary>${status.problems.length} ${status.problems.length === 1 ? "problem" : "problems"} in this handbook</summary><ul>${status.problems.map(item).join("")}</ul></details>`;
      document.body.append(p);
    }
  }
  fetch(base + "__policybook/status.json").then((r) => r.json()).then(show).catch(() => {});
  const events = new EventSource(base + "__policybook/events");
  events.addEventListener("reload", () => location.reload());
})();
