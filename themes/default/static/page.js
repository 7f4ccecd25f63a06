// policybook: what every page does in the browser besides search and
// review status. The "Print this policy" button (shown only where it can
// work), the line a printed page ends with: the address the page was
// opened at and the day it was printed, and folded callouts opened for
// printing. Dates are written as the pages
// write them ("30 April 2027"), by `policybookDates.human`, which
// status.js and search.js use too.
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  // "2027-04-30" → "30 April 2027"; anything else as it is.
  function human(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
    if (!m || +m[2] < 1 || +m[2] > 12) return String(iso || "");
    return +m[3] + " " + MONTHS[+m[2] - 1] + " " + m[1];
  }
  function todayIso() {
    var d = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  window.policybookDates = { human: human, today: todayIso };

  function stampPrint() {
    var on = document.querySelector("[data-printed-on]");
    if (on) on.textContent = "Printed on " + human(todayIso());
    var at = document.querySelector("[data-page-address]");
    if (at && /^(https?|file):$/.test(location.protocol)) {
      var address = location.href.split("#")[0];
      // A folder on a shared drive as people write it (spaces, not %20).
      try { address = decodeURI(address); } catch (e) { /* keep it encoded */ }
      at.textContent = address;
    }
  }
  stampPrint();
  window.addEventListener("beforeprint", stampPrint);

  // A folded callout (an admonition written ???) prints open: a printed
  // policy has all its words. It folds again once printed.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var folded = document.querySelectorAll("details.callout:not([open])");
    for (var i = 0; i < folded.length; i++) {
      folded[i].open = true;
      opened.push(folded[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (opened.length) opened.pop().open = false;
  });

  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    if (typeof window.print !== "function") continue;
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
