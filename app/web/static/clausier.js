/* Clausier — progressive enhancement only: every page works without this file.
   - proposals page: "tout cocher / tout décocher" per theme and a live count of ticked clauses;
   - variables page: the clause preview follows the values as they are typed (server-rendered);
   - import page: a live progress bar (the page refreshes itself without JavaScript).
   No framework, no inline script (CSP script-src 'self'). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function plural(count, one, many) {
    return count + " " + (count > 1 ? many : one);
  }

  /* ---- Proposals: select / deselect and count ---- */
  function setUpSelection(form) {
    var counter = form.querySelector("[data-compteur]");
    var boxes = form.querySelectorAll("input[type=checkbox][name=clause]");
    function update() {
      var ticked = 0;
      boxes.forEach(function (box) { if (box.checked) { ticked += 1; } });
      if (counter) { counter.textContent = plural(ticked, "clause cochée", "clauses cochées"); }
    }
    form.querySelectorAll("[data-theme]").forEach(function (section) {
      var tools = section.querySelector("[data-outils]");
      var inSection = section.querySelectorAll("input[type=checkbox][name=clause]");
      if (!tools || inSection.length < 2) { return; }
      var name = section.getAttribute("data-theme");
      [["Tout cocher", true], ["Tout décocher", false]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "bouton-lien";
        button.textContent = spec[0];
        button.setAttribute("aria-label", spec[0] + " : " + name);
        button.addEventListener("click", function () {
          inSection.forEach(function (box) { box.checked = spec[1]; });
          update();
        });
        tools.appendChild(button);
      });
    });
    form.addEventListener("change", update);
    update();
  }

  /* ---- Variables: live preview ---- */
  function setUpPreview(section) {
    var target = section.querySelector("[data-apercu-texte]");
    var url = section.getAttribute("data-apercu");
    var timer = null;
    var pending = null;
    if (!target || !url || !window.fetch) { return; }
    function refresh() {
      var body = new URLSearchParams();
      body.append("clause", section.getAttribute("data-clause"));
      section.querySelectorAll("input, select, textarea").forEach(function (field) {
        if (field.name && field.type !== "file") { body.append(field.name, field.value); }
      });
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(url, { method: "POST", body: body, signal: pending.signal, credentials: "same-origin",
                   headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) { target.innerHTML = html; } })
        .catch(function () { /* keep the last preview; the button still refreshes it */ });
    }
    section.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 250);
    });
    section.addEventListener("change", refresh);
  }

  /* ---- Import in progress: a live progress bar (without JavaScript the page refreshes itself) ---- */
  function followImport(box) {
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-pourcentage]");
    var url = "/donnees/import/" + box.getAttribute("data-import") + ".json";
    if (!window.fetch) { return; }
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (state === null || state.finished) { window.location.reload(); return; }
          if (state.percent !== null) {
            bar.value = state.percent;
            label.textContent = state.percent + " %";
          }
          window.setTimeout(poll, 500);
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    }
    window.setTimeout(poll, 300);
  }

  function start() {
    document.querySelectorAll("form[data-selection]").forEach(setUpSelection);
    document.querySelectorAll("[data-apercu]").forEach(setUpPreview);
    document.querySelectorAll("[data-import]").forEach(followImport);
    var summary = document.querySelector("[data-focus]");
    if (summary) { summary.focus(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
