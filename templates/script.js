/* Highlight the counterpart of the clause under the pointer, in focus or in
   the URL fragment; copy a clause's link; keep the language switch in the URL
   (?show=ja). Works from a file:// URL; no request is made. */
(function () {
  "use strict";
  var root = document.documentElement;
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
  // A fragment names one language's clause (#ja-…, #fr-…) or the pair (#…):
  // highlight the counterpart, or both, and keep the whole paragraph in view.
  var targeted = [];
  function unit(el) {
    return el.closest("tr, .para-group, .heading-group") || el;
  }
  function onHash() {
    targeted.forEach(function (e) { e.classList.remove("counterpart-target", "pair-target"); });
    targeted = [];
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (!el) { return; }
    if (el.classList.contains("cl")) {
      var other = counterpart(el);
      if (other) { other.classList.add("counterpart-target"); targeted.push(other); }
    } else if (el.classList.contains("pair-anchor")) {
      document.querySelectorAll('.cl[data-pair="' + id.replace(/"/g, "") + '"]').forEach(function (c) {
        c.classList.add("counterpart-target"); targeted.push(c);
      });
    }
    // The browser scrolls the clause to the top, cutting off the start of its
    // paragraph: show the whole paragraph when it fits, else the clause centred.
    var box = unit(el).getBoundingClientRect();
    var rect = el.getBoundingClientRect();
    var y = box.height < window.innerHeight * 0.85 ? box.top - 16
      : rect.top - (window.innerHeight - rect.height) / 2;
    window.scrollTo(window.scrollX, window.scrollY + y);
  }
  window.addEventListener("hashchange", onHash);
  // after the browser's own scroll to the fragment, which comes with the load
  window.addEventListener("load", function () { if (location.hash) { onHash(); } });
  // Copy a clause's link (the URL of the page with its fragment) to the clipboard.
  document.addEventListener("click", function (ev) {
    var link = ev.target && ev.target.closest ? ev.target.closest(".copy-link") : null;
    if (!link) { return; }
    var url = location.href.split("#")[0] + link.getAttribute("href");
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () {
        link.classList.add("copied");
        setTimeout(function () { link.classList.remove("copied"); }, 1500);
      }, function () { /* no clipboard permission: the link is followed */ });
    }
  });
  // The language switch: both columns, or only one; the choice is kept in the URL.
  function show(input) {
    var col = input.getAttribute("data-col");
    if (col === "both") { delete root.dataset.show; } else { root.dataset.show = col; }
  }
  function remember(value) {
    var params = new URLSearchParams(location.search);
    if (value === "both") { params.delete("show"); } else { params.set("show", value); }
    var query = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    } catch (e) { /* some browsers refuse replaceState on file:// URLs */ }
  }
  document.addEventListener("change", function (ev) {
    if (ev.target && ev.target.name === "show") { show(ev.target); remember(ev.target.value); }
  });
  var wanted = new URLSearchParams(location.search).get("show");
  var chosen = wanted ? document.querySelector('input[name="show"][value="' + wanted.replace(/[^a-z-]/g, "") + '"]') : null;
  if (chosen) { chosen.checked = true; }
  var checked = document.querySelector('input[name="show"]:checked');
  if (checked) { show(checked); }
  // Newer CSS than the validators know: trim the blank halves of full-width
  // punctuation at a line start and between two marks; limit hyphenation.
  var extra = document.createElement("style");
  extra.textContent = ":lang(ja) { text-spacing-trim: trim-start; } :lang(fr) { hyphenate-limit-chars: 6 3 3; }";
  document.head.appendChild(extra);
  // Justify French only where the browser hyphenates it (else rivers open).
  var probe = document.createElement("span");
  probe.lang = "fr";
  probe.textContent = "anticonstitutionnellement";
  probe.style.cssText = "position:absolute;visibility:hidden;width:4em;hyphens:auto;display:block;overflow-wrap:normal;word-break:normal";
  document.body.appendChild(probe);
  var lineHeight = parseFloat(getComputedStyle(probe).lineHeight) || 20;
  if (probe.getBoundingClientRect().height > lineHeight * 1.5) { root.classList.add("hyphenates"); }
  probe.remove();
  onHash();
})();
