// Pointing at a fact's row lights up its figure in the text, and the other way round.
(function () {
  "use strict";
  function marksFor(position) {
    return document.querySelectorAll('.reporttext .mark[data-facts~="' + position + '"]');
  }
  function light(position, on) {
    marksFor(position).forEach(function (m) { m.classList.toggle("hot", on); });
    var row = document.getElementById("fact-" + position);
    if (row) { row.classList.toggle("hot", on); }
  }
  document.querySelectorAll(".factgrid tr[data-fact]").forEach(function (row) {
    var position = row.getAttribute("data-fact");
    row.addEventListener("mouseenter", function () { light(position, true); });
    row.addEventListener("mouseleave", function () { light(position, false); });
    row.addEventListener("click", function (event) {
      if (event.target.closest("a, button, form")) { return; }
      var mark = marksFor(position)[0];
      if (mark) { mark.scrollIntoView({ block: "center", behavior: "smooth" }); }
    });
  });
  document.querySelectorAll(".reporttext .mark").forEach(function (mark) {
    var positions = mark.getAttribute("data-facts").trim().split(/\s+/);
    mark.addEventListener("mouseenter", function () { positions.forEach(function (p) { light(p, true); }); });
    mark.addEventListener("mouseleave", function () { positions.forEach(function (p) { light(p, false); }); });
  });
})();
