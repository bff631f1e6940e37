// The workbench's script: editing, accepting, filters, keyboard, suggestions, watching.
// Served as a file (the Content-Security-Policy forbids inline script). Every text
// from the corpus is put in the page with textContent, never as markup.
"use strict";

(function () {
  const token = document.querySelector('meta[name="jpfr-token"]').content;
  const main = document.getElementById("main");
  const statusLine = document.getElementById("status");
  const POLL_MS = 1000;
  const STATE_LABELS = {reviewed: "reviewed", stale: "stale", unreviewed: "never reviewed", missing: "missing"};
  const SEVERITY_LABELS = {error: "error", warning: "warning", info: "notice"};

  function say(text) { if (statusLine) statusLine.textContent = text; }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  async function api(path, body) {
    const init = body === undefined ? {} : {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-JPFR-Token": token},
      body: JSON.stringify(body),
    };
    const resp = await fetch(path, init);
    let data = null;
    try { data = await resp.json(); } catch (e) { data = {error: "the server sent no answer"}; }
    return {ok: resp.ok, status: resp.status, data};
  }

  // ---------------------------------------------------------------- index
  if (!main) return;
  if (main.dataset.corpusVersion !== undefined) {
    setInterval(async () => {
      const r = await api("/api/version");
      if (r.ok && r.data.version !== main.dataset.corpusVersion) location.reload();
    }, POLL_MS * 2);
    return;
  }
  const docId = main.dataset.doc;
  if (!docId) return;
  const base = "/api/doc/" + encodeURIComponent(docId);
  const rowsBox = document.getElementById("rows");

  // ------------------------------------------------ rows (as document.html.j2)
  function findingItem(f) {
    const li = el("li", {class: "finding sev-" + f.severity},
      el("span", {class: "sev"}, SEVERITY_LABELS[f.severity] || f.severity), " ",
      el("a", {class: "code", href: "/rules/" + encodeURIComponent(f.code)}, f.code), " ",
      el("span", {class: "msg"}, f.message));
    if (f.explain.length) {
      const dl = el("dl");
      for (const e of f.explain) dl.append(el("dt", {}, e.title), el("dd", {}, e.body));
      li.append(" ", el("details", {class: "explain"},
        el("summary", {}, "Why? ", el("span", {class: "visually-hidden"}, f.code + " " + f.name)), dl));
    }
    return li;
  }

  function unitBox(row, u, index) {
    if (!u) return el("div", {class: "unit col-" + index + " missing"}, el("p", {class: "text"}, "missing in this language"));
    const words = el("span", {class: "words"});
    for (const p of u.pieces) words.append(p.mark ? el("mark", {class: "m-" + p.mark}, p.text) : document.createTextNode(p.text));
    const text = el("p", {class: "text", lang: u.lang}, u.label ? el("span", {class: "num"}, u.label) : null, words);
    const box = el("div", {class: "unit col-" + index, id: u.dom_id, "data-kind": u.kind, "data-eid": u.eid,
      "data-lang": u.lang, "data-raw": u.raw}, text);
    if (u.is_editable) {
      const tools = el("p", {class: "tools"},
        el("button", {type: "button", class: "edit", "data-action": "edit"}, "Edit", el("span", {class: "visually-hidden"}, " " + u.eid)));
      if (row.accept_id && (row.state === "stale" || row.state === "unreviewed")) {
        tools.append(" ", el("button", {type: "button", class: "accept", "data-action": "accept"}, "Accept",
          el("span", {class: "visually-hidden"}, " " + u.eid)));
      }
      if (row.kind === "clause") {
        tools.append(" ", el("button", {type: "button", class: "suggest", "data-action": "suggest"}, "Suggestions",
          el("span", {class: "visually-hidden"}, " for " + u.eid)));
      }
      box.append(tools);
    }
    if (u.findings.length) box.append(el("ul", {class: "findings"}, ...u.findings.map(findingItem)));
    return box;
  }

  function rowBox(row) {
    let cls = "row row-" + row.kind;
    if (row.state) cls += " state-" + row.state;
    if (row.severity) cls += " has-findings worst-" + row.severity;
    const head = el("p", {class: "rowhead"}, el("span", {class: "eid", id: row.dom_id + "-id"}, row.eid));
    if (row.state) head.append(" ", el("span", {class: "state"}, STATE_LABELS[row.state]));
    const art = el("article", {class: cls, id: row.dom_id, "data-eid": row.eid, "data-kind": row.kind,
      "data-state": row.state || "", "data-accept": row.accept_id || "", tabindex: "-1", "aria-labelledby": row.dom_id + "-id"}, head);
    row.units.forEach((u, i) => art.append(unitBox(row, u, i + 1)));
    return art;
  }

  function showPage(page) {
    const focusedId = currentRow() ? currentRow().id : null;
    const hadFocus = document.activeElement && rowsBox.contains(document.activeElement);
    const fresh = page.rows.map(rowBox);
    rowsBox.replaceChildren(...fresh);
    main.dataset.version = page.version;
    const summary = document.getElementById("summary");
    const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");
    const parts = [
      el("span", {class: "n-error"}, plural(page.summary.error, "error")), ", ",
      el("span", {}, plural(page.summary.warning, "warning")), ", ",
      el("span", {}, plural(page.summary.info, "notice")), " · "];
    Object.keys(STATE_LABELS).forEach((s, i) => {
      if (i) parts.push(", ");
      parts.push(el("span", {}, page.states[s] + " " + STATE_LABELS[s]));
    });
    summary.replaceChildren(...parts);
    const other = document.getElementById("other-findings");
    other.replaceChildren(...page.other_findings.map(findingItem));
    other.parentElement.hidden = page.other_findings.length === 0;
    applyFilter();
    if (focusedId && document.getElementById(focusedId)) {
      current = document.getElementById(focusedId);
      if (hadFocus) current.focus({preventScroll: true});
    }
  }

  // ------------------------------------------------------------ filters
  const filterInputs = Array.from(document.querySelectorAll('input[name="filter"]'));
  function filterValue() { const c = filterInputs.find((i) => i.checked); return c ? c.value : "all"; }
  function matches(row, f) {
    if (row.dataset.kind === "title" || f === "all") return true;
    if (f === "findings") return row.classList.contains("has-findings");
    return row.dataset.state === f;
  }
  function applyFilter() {
    const f = filterValue();
    try { sessionStorage.setItem("jpfr-filter", f); } catch (e) { /* storage off: the filter is not kept */ }
    for (const row of rowsBox.children) row.hidden = !matches(row, f);
  }
  try {
    const kept = sessionStorage.getItem("jpfr-filter");
    const input = filterInputs.find((i) => i.value === kept);
    if (input) input.checked = true;
  } catch (e) { /* no storage */ }
  filterInputs.forEach((i) => i.addEventListener("change", applyFilter));
  applyFilter();

  // ---------------------------------------------------------- navigation
  let current = null;
  function currentRow() { return current && current.isConnected ? current : null; }
  function visibleRows(selector) {
    return Array.from(rowsBox.querySelectorAll(selector)).filter((r) => !r.hidden);
  }
  function go(selector, step) {
    const rows = visibleRows(selector);
    if (!rows.length) { say("nothing to go to with this filter"); return; }
    const all = visibleRows("article.row");
    const at = currentRow() ? all.indexOf(currentRow()) : -1;
    let next;
    if (step > 0) next = rows.find((r) => all.indexOf(r) > at) || rows[0];
    else next = rows.slice().reverse().find((r) => all.indexOf(r) < at) || rows[rows.length - 1];
    focusRow(next);
  }
  function focusRow(row) {
    current = row;
    row.focus();
    row.scrollIntoView({block: "nearest"});
  }
  rowsBox.addEventListener("focusin", (ev) => {
    const row = ev.target.closest("article.row");
    if (row) { current = row; scheduleSuggestions(row); }
  });

  // ------------------------------------------------------------- editing
  let editing = null; // {row, unit, textarea, original}
  function targetUnit(row) {
    return row ? row.querySelector('.unit[data-lang="' + main.dataset.targetLang + '"]') : null;
  }
  function startEdit(row, text) {
    const unit = targetUnit(row);
    if (!unit || !unit.querySelector('[data-action="edit"]')) { say("this text cannot be edited here"); return; }
    if (editing && editing.row !== row) { say("finish or cancel the edit in progress first (Escape cancels)"); editing.textarea.focus(); return; }
    if (editing) { if (text !== undefined) editing.textarea.value = text; editing.textarea.focus(); return; }
    const raw = unit.dataset.raw;
    const id = "ed-" + unit.id;
    const area = el("textarea", {id: id, lang: unit.dataset.lang, rows: "4"});
    area.value = text === undefined ? raw : text;
    const err = el("p", {class: "edit-error", role: "alert"});
    const form = el("div", {class: "editor"},
      el("label", {for: id}, "Translation of " + unit.dataset.eid + " (Ctrl+Enter saves, Escape cancels)"),
      area,
      el("p", {class: "tools"},
        el("button", {type: "button", class: "save", "data-action": "save"}, "Save"), " ",
        el("button", {type: "button", class: "cancel", "data-action": "cancel"}, "Cancel")),
      err);
    unit.querySelector(".text").hidden = true;
    const tools = unit.querySelector(".tools");
    if (tools) tools.hidden = true;
    unit.insertBefore(form, unit.querySelector(".text").nextSibling);
    editing = {row, unit, textarea: area, original: raw, error: err, form, version: main.dataset.version};
    area.focus();
  }
  function endEdit() {
    if (!editing) return;
    const {row, unit, form} = editing;
    form.remove();
    unit.querySelector(".text").hidden = false;
    const tools = unit.querySelector(".tools");
    if (tools) tools.hidden = false;
    editing = null;
    if (row.isConnected) focusRow(row);
  }
  async function save() {
    if (!editing) return;
    const {unit, textarea, error} = editing;
    const kind = unit.dataset.kind;
    const body = {kind, id: kind === "title" ? null : unit.dataset.eid, text: textarea.value, version: editing.version};
    say("saving…");
    const r = await api(base + "/save", body);
    if (!r.ok) {
      error.textContent = r.data.error || ("refused (" + r.status + ")");
      say("not saved: " + (r.data.error || r.status));
      textarea.focus();
      return;
    }
    const rowId = editing.row.id;
    editing = null;
    showPage(r.data.page);
    const row = document.getElementById(rowId);
    if (row) focusRow(row);
    const n = r.data.page.summary.error + r.data.page.summary.warning + r.data.page.summary.info;
    say(r.data.changed.length ? "saved; checked again: " + n + " findings" : "nothing changed");
  }
  async function accept(row) {
    if (!row || !row.dataset.accept) { say("only a clause or a heading is accepted"); return; }
    if (editing) { say("finish or cancel the edit in progress first"); return; }
    const r = await api(base + "/accept", {id: row.dataset.accept, version: main.dataset.version});
    if (!r.ok) { say("not accepted: " + (r.data.error || r.status)); return; }
    showPage(r.data.page);
    const again = document.getElementById(row.id);
    if (again) focusRow(again);
    say(r.data.changed.length ? "accepted " + row.dataset.eid : row.dataset.eid + " was already reviewed");
  }

  // --------------------------------------------------------- suggestions
  const suggList = document.getElementById("sugg-list");
  const suggFor = document.getElementById("sugg-for");
  let suggTimer = null;
  let suggShown = null;
  function scheduleSuggestions(row) {
    clearTimeout(suggTimer);
    suggTimer = setTimeout(() => loadSuggestions(row), 150);
  }
  async function loadSuggestions(row) {
    if (!row || row.dataset.kind !== "clause" || !row.querySelector('.unit[data-lang="' + main.dataset.sourceLang + '"]')) return;
    const eid = row.dataset.eid;
    if (suggShown === eid) return;
    suggShown = eid;
    const r = await api(base + "/suggest/" + encodeURIComponent(eid));
    if (suggShown !== eid) return;
    suggList.replaceChildren();
    if (!r.ok) { suggFor.textContent = r.data.error || "no suggestions"; return; }
    const list = r.data.suggestions;
    suggFor.textContent = list.length
      ? "Similar source clauses of other documents, for " + eid + ":"
      : "No similar source clause in the other documents of the corpus, for " + eid + ".";
    for (const s of list) {
      const use = el("button", {type: "button", class: "use"}, "Use this translation",
        el("span", {class: "visually-hidden"}, " from " + s.doc_id + " " + s.eid));
      use.addEventListener("click", () => { const target = document.getElementById(row.id); if (target) startEdit(target, s.target); });
      suggList.append(el("li", {class: "suggestion"},
        el("p", {class: "sugg-head"}, el("span", {class: "score"}, Math.round(s.score) + "%"), " ",
          el("a", {href: "/doc/" + encodeURIComponent(s.doc_id) + "#row-" + encodeURIComponent(s.eid)}, s.doc_id + " " + s.eid)),
        el("p", {class: "sugg-src", lang: main.dataset.sourceLang}, s.source),
        el("p", {class: "sugg-tgt", lang: s.target_lang}, s.target),
        use));
    }
  }

  // ------------------------------------------------------------- clicks
  document.addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-action]");
    if (!button) return;
    const row = button.closest("article.row");
    const action = button.dataset.action;
    if (row) current = row;
    if (action === "edit") startEdit(row);
    else if (action === "accept") accept(row);
    else if (action === "suggest") {
      suggShown = null;
      loadSuggestions(row);
      document.getElementById("sugg-h").scrollIntoView({block: "nearest"});
    }
    else if (action === "save") save();
    else if (action === "cancel") endEdit();
  });

  // ----------------------------------------------------------- keyboard
  document.addEventListener("keydown", (ev) => {
    const inField = ev.target.closest && ev.target.closest("textarea, input, select");
    if (editing && ev.target === editing.textarea) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); save(); }
      else if (ev.key === "Escape") { ev.preventDefault(); endEdit(); }
      return;
    }
    if (inField && ev.target.type !== "radio") return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const row = currentRow();
    switch (ev.key) {
      case "j": go("article.row.has-findings", 1); break;
      case "k": go("article.row.has-findings", -1); break;
      case "n": go("article.row-clause", 1); break;
      case "p": go("article.row-clause", -1); break;
      case "e": if (row) startEdit(row); else say("go to a clause first (n, j)"); break;
      case "a": if (row) accept(row); else say("go to a clause first (n, j)"); break;
      case "s": if (row) { suggShown = null; loadSuggestions(row); } break;
      default: return;
    }
    ev.preventDefault();
  });

  // ------------------------------------------------------------ watching
  let polling = false;
  let broken = false;
  setInterval(async () => {
    if (polling) return;
    polling = true;
    try {
      const r = await api(base + "/version");
      if (!r.ok) { say("the document cannot be read now: " + (r.data.error || r.status)); broken = true; return; }
      if (broken) { broken = false; say(""); }
      if (r.data.version === main.dataset.version) return;
      if (editing) {
        say("the file changed on disk since this page was loaded: saving will be refused; " +
            "copy your text, cancel, and apply it again on the new version");
        return;
      }
      const page = await api(base);
      if (page.ok) {
        showPage(page.data);
        say("the file changed on disk; the page shows the new version");
      }
    } finally {
      polling = false;
    }
  }, POLL_MS);
})();
