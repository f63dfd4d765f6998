// The abstract form's type-ahead: each input with data-codes="icd10cm|icd10pcs" asks the encoder
// (/coding/code-search) as the coder types and offers the best codes. A suggestion replaces what was
// typed only when the coder chooses it: a click on it, or Enter on the one highlighted with the arrow
// keys. Leaving the field (Tab, a click elsewhere) closes the list and keeps the text as typed. The
// list opens below the field's row, in the flow of the page, so it never covers the next field.
// No inline script: the CSP forbids it.
(function () {
  "use strict";

  function attach(input) {
    var list = document.createElement("ul");
    list.className = "typeahead";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    list.setAttribute("data-for", input.name);
    list.id = "typeahead-" + input.name;
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    var row = input.closest(".code-row") || input.parentNode;
    row.parentNode.insertBefore(list, row.nextSibling);
    var timer = null;
    var seq = 0;
    var active = -1;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
    }

    function choose(code) {
      input.value = code;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function highlight(i) {
      var items = list.querySelectorAll("li");
      if (!items.length) return;
      active = (i + items.length) % items.length;
      items.forEach(function (li, n) { li.setAttribute("aria-selected", n === active ? "true" : "false"); });
    }

    function search() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      var mine = ++seq;
      // data-search names another search endpoint of the same shape (the practicum's, for students).
      var url = (input.getAttribute("data-search") || "/coding/code-search") + "?system=" + encodeURIComponent(input.getAttribute("data-codes")) +
          "&fy=" + encodeURIComponent(input.getAttribute("data-fy") || "") + "&q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) {
          if (!r.ok) { console.warn("code search answered " + r.status); return []; }
          return r.json();
        })
        .then(function (hits) {
          if (mine !== seq) return; // a later keystroke's answer wins
          list.replaceChildren();
          active = -1;
          hits.forEach(function (h) {
            var li = document.createElement("li");
            li.setAttribute("role", "option");
            li.setAttribute("data-code", h.code);
            var code = document.createElement("span");
            code.className = "mono";
            code.textContent = h.code;
            var text = document.createElement("span");
            text.textContent = " " + h.description + (h.billable ? "" : " (header)");
            if (!h.billable) li.className = "header-code";
            li.appendChild(code);
            li.appendChild(text);
            // Pressing the mouse keeps the focus in the field; only a full click on the suggestion chooses it.
            li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
            li.addEventListener("click", function (ev) { ev.preventDefault(); choose(h.code); });
            list.appendChild(li);
          });
          list.hidden = hits.length === 0;
        })
        .catch(function (e) { console.warn("code search failed: " + e); close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    });
    input.addEventListener("keydown", function (ev) {
      if (list.hidden) return;
      if (ev.key === "ArrowDown") { ev.preventDefault(); highlight(active + 1); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); highlight(active - 1); }
      else if (ev.key === "Enter") {
        // Enter takes a suggestion only when one is highlighted; otherwise the typed text stays.
        var items = list.querySelectorAll("li");
        ev.preventDefault(); // with the list open, Enter answers the list, it does not send the form
        if (active >= 0 && items[active]) { choose(items[active].getAttribute("data-code")); }
        else { close(); }
      } else if (ev.key === "Escape" || ev.key === "Tab") { close(); }
    });
    input.addEventListener("blur", function () { seq++; close(); });
  }

  document.querySelectorAll("input[data-codes]").forEach(attach);
})();
