// Banso's one script: small enhancements; every page works without it.
"use strict";
(function () {
  // A form with data-confirm asks before it is sent (deleting, revoking, closing a period).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });

  // A check-in being written survives a closed tab: its fields are kept in this browser until it is sent.
  function autosave(form) {
    var key = "banso:draft:" + location.pathname + ":" + (form.elements.period ? form.elements.period.value : "");
    var fields = ["actual", "comment", "blockers"];
    var store;
    try { store = window.localStorage; } catch (e) { return; }
    if (!store) { return; }
    var saved = null;
    try { saved = JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved) {
      fields.forEach(function (name) {
        var field = form.elements[name];
        if (field && !field.value && saved[name]) { field.value = saved[name]; }
      });
      if (saved.confidence && !form.querySelector("input[name=confidence]:checked")) {
        var choice = form.querySelector("input[name=confidence][value='" + saved.confidence + "']");
        if (choice) { choice.checked = true; }
      }
    }
    form.addEventListener("input", function () {
      var draft = {};
      fields.forEach(function (name) { if (form.elements[name]) { draft[name] = form.elements[name].value; } });
      var checked = form.querySelector("input[name=confidence]:checked");
      if (checked) { draft.confidence = checked.value; }
      try { store.setItem(key, JSON.stringify(draft)); } catch (e) { /* storage full or disabled: the server keeps drafts */ }
    });
    form.addEventListener("submit", function () { try { store.removeItem(key); } catch (e) { /* nothing kept */ } });
  }
  document.querySelectorAll("form[data-autosave]").forEach(autosave);

  // A new-goal form shows its SMART verdicts as it is filled in: the same check a create runs, asked of the
  // server a moment after typing stops. The answer is written with textContent only.
  function smartCheck(form) {
    var box = document.getElementById(form.getAttribute("data-smart-target"));
    if (!box || !window.fetch || !window.URLSearchParams) { return; }
    var summary = box.querySelector(".smart-summary");
    var list = box.querySelector("ul.smart");
    var timer = null, asked = 0;
    function show(answer) {
      summary.textContent = answer.summary || "";
      while (list.firstChild) { list.removeChild(list.firstChild); }
      (answer.verdicts || []).forEach(function (v) {
        var item = document.createElement("li");
        item.className = v.pass ? "pass" : "fail";
        var letter = document.createElement("span");
        letter.className = "letter";
        letter.setAttribute("aria-hidden", "true");
        letter.textContent = v.letter;
        var name = document.createElement("strong");
        name.textContent = v.name;
        var mark = document.createElement("span");
        mark.className = "verdict";
        mark.textContent = v.mark;
        var reason = document.createElement("span");
        reason.className = "reason";
        reason.textContent = v.reason;
        item.append(letter, " ", name, " ", mark, document.createElement("br"), reason);
        list.appendChild(item);
      });
      box.hidden = false;
    }
    function ask() {
      if (!form.elements.title || !form.elements.title.value.trim()) { box.hidden = true; return; }
      var mine = ++asked;
      fetch(form.getAttribute("data-smart-check"), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
        body: new URLSearchParams(new FormData(form)).toString()
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (answer) {
        if (answer && mine === asked) { show(answer); }
      }).catch(function () { /* offline or signed out: the check runs again when the form is sent */ });
    }
    function later() { clearTimeout(timer); timer = setTimeout(ask, 400); }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }
  document.querySelectorAll("form[data-smart-check]").forEach(smartCheck);

  // On a phone the menu folds behind a button, so the page starts at its content; without script it stays open.
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 40rem)");
    var fold = function (folded) {
      nav.classList.toggle("folded", folded);
      toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    };
    toggle.hidden = false;
    fold(narrow.matches);
    toggle.addEventListener("click", function () { fold(!nav.classList.contains("folded")); });
    var refold = function () { fold(narrow.matches); };
    if (narrow.addEventListener) { narrow.addEventListener("change", refold); }
  }

  // A refused form comes back where it was sent from, often far down the page: the first field it names gets the
  // focus, so the message beside it is read out and in view.
  var invalid = document.querySelector("main [aria-invalid=true]");
  if (invalid && invalid.focus) { invalid.focus(); }

  // Keyboard: "g" then "h" goes home, "g" then "t" to the goal tree (not while typing).
  var pending = null;
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    if (pending === "g" && (event.key === "h" || event.key === "t")) {
      location.href = event.key === "h" ? "/" : "/goals/tree";
      pending = null;
      return;
    }
    pending = event.key === "g" ? "g" : null;
  });
})();
