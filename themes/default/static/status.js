// Review status on the day a page is read, not only the day it was built.
// Every status badge carries the days (ISO) on which its policy becomes
// due soon and overdue, worked out when the site was built; this compares
// them with the reader's date as text and changes the words, the badge's
// colour and the policy page's sentence. The home page's counts carry the
// days on which they change. No date arithmetic happens here. Without
// JavaScript, each page shows the status on the day it was built, and
// says which day that was.
(function () {
  "use strict";
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var labels = {};
  try { labels = JSON.parse(document.body.getAttribute("data-status-labels") || "{}"); } catch (e) { /* keep the built words */ }
  var built = document.querySelector("footer time[datetime]");
  var builtOn = built ? built.getAttribute("datetime") : "";
  // A reader's clock behind the build (a time zone, a wrong clock) shows
  // the page as built: statuses only ever move on.
  if (today < builtOn) today = builtOn;
  var changed = today !== builtOn;

  function keyOn(el) {
    if (today >= el.getAttribute("data-overdue-from")) return "overdue";
    if (today >= el.getAttribute("data-due-soon-from")) return "due-soon";
    return "current";
  }
  function recolour(el, key) {
    el.className = el.className.replace(/\bstatus-(overdue|due-soon|current)\b/, "status-" + key);
  }
  var moved = false;
  function badge(el, key) {
    // The built sentence in the tooltip is of the day it was built.
    if (!el.classList.contains("status-" + key)) {
      el.removeAttribute("title");
      moved = true;
    }
    recolour(el, key);
    if (labels[key]) el.textContent = labels[key];
    if (el.hasAttribute("data-hide-current")) el.hidden = key === "current";
  }

  function update(root) {
    var els = root.querySelectorAll("[data-overdue-from]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i], key = keyOn(el);
      if (el.classList.contains("status-box")) {
        // The built sentence ("review due in 17 days, on …") stands until
        // the status moves on.
        var same = el.classList.contains("status-" + key);
        recolour(el, key);
        var b = el.querySelector(".status");
        if (b) badge(b, key);
        var d = el.querySelector("[data-detail-" + key + "]");
        if (d && !same) d.textContent = d.getAttribute("data-detail-" + key);
      } else {
        badge(el, key);
      }
    }
    // The home page's counts: each change up to today, in order.
    var counts = root.querySelector("[data-changes]");
    if (counts) {
      // From the counts as built (kept aside the first time), so that
      // calling this again changes nothing.
      var n = {};
      ["current", "due-soon", "overdue"].forEach(function (k) {
        var c = counts.querySelector("[data-count=" + k + "]");
        if (c && !c.hasAttribute("data-built")) c.setAttribute("data-built", c.textContent);
        n[k] = c ? parseInt(c.getAttribute("data-built"), 10) || 0 : 0;
      });
      (counts.getAttribute("data-changes") || "").split(" ").forEach(function (change) {
        var f = change.split(",");
        if (f.length !== 4 || f[0] > today) return;
        n.current += +f[1]; n["due-soon"] += +f[2]; n.overdue += +f[3];
      });
      Object.keys(n).forEach(function (k) {
        var c = counts.querySelector("[data-count=" + k + "]");
        if (c) c.textContent = String(n[k]);
      });
    }
  }

  update(document);
  // Badges that moved on, in lists made on the day of the build: say so.
  var note = document.querySelector("[data-stale-note]");
  if (note && moved) note.hidden = false;
  if (changed) {
    var human = window.policybookDates ? window.policybookDates.human : String;
    var asOf = document.querySelector("[data-status-as-of]");
    if (asOf) asOf.textContent = "review status shown as of today, " + human(today);
    var printed = document.querySelectorAll("[data-as-of]");
    for (var j = 0; j < printed.length; j++) printed[j].textContent = human(today);
  }
  window.policybookStatus = { update: update };
})();
