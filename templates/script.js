/* Highlight the counterpart of the clause under the pointer, in focus or in
   the URL fragment. Works from a file:// URL; no request is made. */
(function () {
  "use strict";
  function counterpart(el) {
    var id = el && el.getAttribute("data-counterpart");
    return id ? document.getElementById(id) : null;
  }
  function mark(el, on, cls) {
    var other = counterpart(el);
    if (other) { other.classList.toggle(cls, on); }
  }
  function clauseOf(node) {
    return node && node.closest ? node.closest(".cl") : null;
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      var el = clauseOf(ev.target);
      if (el) { mark(el, true, "counterpart"); }
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      var el = clauseOf(ev.target);
      if (el) { mark(el, false, "counterpart"); }
    });
  });
  var targeted = null;
  function onHash() {
    if (targeted) { targeted.classList.remove("counterpart-target"); targeted = null; }
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    var other = el && el.classList.contains("cl") ? counterpart(el) : null;
    if (other) { other.classList.add("counterpart-target"); targeted = other; }
  }
  window.addEventListener("hashchange", onHash);
  onHash();
  // The language switch: both columns, or only one.
  function show(value) {
    if (value === "both") { delete document.documentElement.dataset.show; }
    else { document.documentElement.dataset.show = value; }
  }
  document.addEventListener("change", function (ev) {
    if (ev.target && ev.target.name === "show") { show(ev.target.value); }
  });
  var checked = document.querySelector('input[name="show"]:checked');
  if (checked) { show(checked.value); }
})();
