// Abbreviations (BRÅ, HBT): the first time each one appears on a page it can
// be reached with the keyboard, so that Material's tooltip explains it on
// focus as well as on hover.
document$.subscribe(function () {
  var seen = {};
  document.querySelectorAll("article abbr").forEach(function (abbr) {
    var term = abbr.textContent.trim();
    if (seen[term]) return;
    seen[term] = true;
    abbr.setAttribute("tabindex", "0");
  });
});
