// saksflyt: the secretary's console. Hand-written, no library. The forms work without it;
// this adds the keyboard (single keys outside a field, Ctrl+Enter to send a proposal, "e" for
// a unanimous vote), the proposer found by a few letters, the fields a proposal's effect
// needs, a paragraph chosen by a click, and the vote's result shown before it is saved.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const defaults = {"tilleggsforslag": "add", "forslag": "add", "fellesforslag": "add",
    "endringsforslag": "replace", "strykningsforslag": "strike", "alternativt forslag": "text",
    "utsettelsesforslag": "text", "oversendelsesforslag": "text", "merknad": "text"};
  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const people = Array.from(document.querySelectorAll("#people option"), (o) => o.value);

  function matches(typed) {
    const words = fold(typed).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    if (people.includes(typed.trim())) return [typed.trim()];
    return people.filter((name) => words.every(
      (t) => fold(name).split(/\s+/).some((w) => w.startsWith(t))));
  }

  function effectOf() {
    const chosen = $("effect") ? $("effect").value : "";
    return chosen || defaults[$("kind") ? $("kind").value : ""] || "add";
  }

  function showFields() {
    const effect = effectOf();
    document.querySelectorAll("#propose-form [data-for]").forEach((label) => {
      label.hidden = !label.dataset.for.split(" ").includes(effect);
    });
  }

  const by = $("by");
  if (by) {
    by.addEventListener("input", () => {
      const found = matches(by.value);
      $("by-match").textContent = found.length === 1 ? "→ " + found[0]
        : found.length > 1 ? found.length + " treff: " + found.slice(0, 4).join(", ") : "";
    });
    by.addEventListener("keydown", (e) => {
      const found = matches(by.value);
      if ((e.key === "Tab" || e.key === "Enter") && found.length === 1) by.value = found[0];
    });
  }
  // The voting record names a proposal by its proposer's surname and "forslag" where the
  // default (by kind) does not fit: one key (arrow down) in the label field.
  const label = $("label");
  if (label && by) {
    label.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowDown" || label.value) return;
      const found = matches(by.value);
      const name = found.length === 1 ? found[0] : by.value.trim();
      const surname = name.split(/\s+/).pop() || "";
      if (!surname) return;
      e.preventDefault();
      label.value = surname + (/[sxz]$/i.test(surname) ? "'" : "s") + " forslag";
    });
  }
  ["kind", "effect"].forEach((id) => $(id) && $(id).addEventListener("change", showFields));
  if ($("kind")) showFields();

  document.querySelectorAll("button.para").forEach((button) => {
    button.addEventListener("click", () => {
      const number = $("number");
      if (!number) return;
      number.value = button.dataset.number;
      const words = String(window.getSelection() || "").trim();
      if (words && $("old")) $("old").value = words;
      // A replacement starts from the paragraph's own words: only the changes are typed.
      if (effectOf() === "replace" && $("text") && !$("text").value.trim()) {
        $("text").value = button.dataset.text;
        $("text").focus();
        return;
      }
      number.focus();
    });
  });

  // Word completion in the proposal's text: the case's words (most used first) are in
  // #vocabulary; after two letters of a word, the first one that starts with them is shown,
  // and Tab takes it (Tab moves on as usual when nothing is offered).
  const words = Array.from(document.querySelectorAll("#vocabulary option"), (o) => o.value);
  const text = $("text");
  function offered() {
    if (!text || text.selectionStart !== text.selectionEnd) return null;
    const before = text.value.slice(0, text.selectionStart);
    const after = text.value.slice(text.selectionStart);
    const typed = (before.match(/[\p{L}]+$/u) || [""])[0];
    if (typed.length < 2 || /^[\p{L}\d]/u.test(after)) return null;
    const low = typed.toLowerCase();
    const word = words.find((w) => w.length >= typed.length + 2 && w.toLowerCase().startsWith(low));
    return word ? {word: typed + word.slice(typed.length), rest: word.slice(typed.length)} : null;
  }
  if (text) {
    const hint = $("text-hint");
    const show = () => { const o = offered(); hint.textContent = o ? "Tab: " + o.word : ""; };
    text.addEventListener("input", show);
    text.addEventListener("keydown", (e) => {
      if (e.key !== "Tab" || e.shiftKey || e.ctrlKey || e.altKey) return;
      const o = offered();
      if (!o) return;
      e.preventDefault();
      text.setRangeText(o.rest, text.selectionStart, text.selectionEnd, "end");
      show();
    });
  }

  // The paragraph's number typed for a replacement: its words go into the empty text field.
  if ($("number") && text) {
    $("number").addEventListener("change", () => {
      const chosen = document.querySelector(`button.para[data-number="${parseInt($("number").value, 10)}"]`);
      if (effectOf() === "replace" && chosen && !text.value.trim()) text.value = chosen.dataset.text;
    });
  }

  // An earlier proposal taken up again: its words into the empty text field, to change.
  if ($("revises") && text) {
    $("revises").addEventListener("change", () => {
      const chosen = $("revises").selectedOptions[0];
      if (chosen && chosen.dataset.text && !text.value.trim()) text.value = chosen.dataset.text;
    });
  }

  const form = $("propose-form");
  if (form) {
    form.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
    });
  }

  const tally = $("tally");
  let waiting = null;
  async function preview() {
    const voteForm = $("vote-form");
    const data = new URLSearchParams(new FormData(voteForm));
    data.set("action", "preview");
    const answer = await fetch(voteForm.getAttribute("action") + "?json=1", {method: "POST", body: data,
      headers: {"Accept": "application/json"}, credentials: "same-origin"});
    const shown = await answer.json();
    $("vote-preview").textContent = shown.preview || shown.message || "";
    $("vote-preview").className = shown.ok ? "ok" : "refused";
  }
  if (tally) {
    tally.addEventListener("keydown", (e) => {
      if (e.key === "e" && tally.value === "" && !e.ctrlKey && !e.altKey) {
        e.preventDefault();
        tally.value = "enstemmig";
        $("vote-form").querySelector("button[value=save]").click();
      }
    });
    tally.addEventListener("input", () => {
      clearTimeout(waiting);
      if (tally.value.trim()) waiting = setTimeout(preview, 120);
    });
    tally.form.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.target === tally) {
        e.preventDefault();
        tally.form.querySelector("button[value=save]").click();
      }
    });
  }

  const keys = {"f": "by", "v": "tally", "m": "parties", "u": "undo", "a": "close"};
  document.addEventListener("keydown", (e) => {
    const inField = e.target.closest && e.target.closest("input, textarea, select");
    if (e.key === "Escape" && inField) {
      // From an empty proposal form, Escape goes on to the vote.
      const empty = e.target.id === "by" && !e.target.value && $("tally");
      if (empty) { e.preventDefault(); $("tally").focus(); } else { e.target.blur(); }
      return;
    }
    if (inField || e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === "s" && $("other-steps")) {
      // The other steps: open their section at the first field.
      e.preventDefault();
      $("other-steps").open = true;
      $("other-steps").querySelector("form textarea, form input:not([type=hidden])").focus();
      return;
    }
    const target = e.key === "r" ? document.querySelector("ol.plan button") : $(keys[e.key]);
    if (target) { e.preventDefault(); target.focus(); }
  });
})();
