// ppcli site: the due list's filters. Without JavaScript the form stays hidden and the
// full list shows; with it, each choice hides the rows that do not match.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.due tbody tr"));
  var shown = document.getElementById("shown");
  var words = JSON.parse(document.getElementById("shown-words").textContent).text;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) {
        var want = s.value;
        if (!want) { return true; }
        var have = (row.getAttribute("data-" + s.getAttribute("data-filter")) || "").split(" ");
        return have.indexOf(want) !== -1;
      });
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = words.replace("{shown}", count).replace("{total}", rows.length);
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.hidden = false;
})();
