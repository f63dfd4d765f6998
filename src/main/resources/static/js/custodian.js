// Custodian's only script. No inline scripts anywhere (the CSP forbids them): behaviour is
// attached here by data attributes.
(function () {
  "use strict";

  // A form with data-confirm asks before it is sent (sign a document, disable an account).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  // When the session has ended, a live-search request is redirected to the sign-in page; show that
  // page whole rather than inside the results table.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.responseURL && new URL(xhr.responseURL).pathname === "/login") {
      event.preventDefault();
      window.location.assign(xhr.responseURL);
    }
  });

  // An error answer to a live request (403, 500) says so in place of the results, in words.
  document.addEventListener("htmx:responseError", function (event) {
    var detail = event.detail || {};
    var target = detail.target;
    if (target && detail.xhr) {
      var box = document.createElement("div");
      box.className = "alert alert-error";
      box.setAttribute("role", "alert");
      box.textContent = detail.xhr.status === 403
          ? "You do not have access to this. The attempt was recorded."
          : "The request could not be completed (error " + detail.xhr.status + "). Reload the page and try again.";
      target.replaceChildren(box);
    }
  });

  // The network is down or the server is not answering.
  document.addEventListener("htmx:sendError", function (event) {
    var target = event.detail && event.detail.target;
    if (target) {
      var box = document.createElement("div");
      box.className = "alert alert-error";
      box.setAttribute("role", "alert");
      box.textContent = "Custodian did not answer. Check the connection and try again.";
      target.replaceChildren(box);
    }
  });

  // The patient picker: the hidden patient id is set only by choosing a patient from the list
  // (a click, or Enter/Space on the focused choice), never by typing alone.
  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest("[data-pick]");
    var picker = option && option.closest("[data-picker]");
    if (!picker) {
      return;
    }
    picker.querySelector("[data-picker-value]").value = option.getAttribute("data-pick");
    var chosen = picker.querySelector("[data-picker-chosen]");
    chosen.replaceChildren();
    ["data-pick-name", "data-pick-mrn", "data-pick-dob"].forEach(function (part, i) {
      var source = option.querySelector("[" + part + "]");
      if (source) {
        var node = document.createElement(i === 0 ? "strong" : "span");
        node.className = i === 1 ? "mono" : i === 2 ? "muted" : "";
        node.textContent = source.textContent;
        chosen.appendChild(node);
        chosen.appendChild(document.createTextNode(" "));
      }
    });
    chosen.hidden = false;
    var find = picker.querySelector("[data-picker-find]");
    picker.querySelector("[data-picker-results]").replaceChildren();
    if (find) {
      find.value = "";
      find.focus();
    }
  });

  // Arrow down from the picker's search box moves to its first choice; up and down walk the list.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") {
      return;
    }
    var picker = event.target.closest && event.target.closest("[data-picker]");
    if (!picker) {
      return;
    }
    var options = Array.prototype.slice.call(picker.querySelectorAll("[data-pick]"));
    if (options.length === 0) {
      return;
    }
    var at = options.indexOf(event.target);
    var next = event.key === "ArrowDown" ? Math.min(options.length - 1, at + 1) : at - 1;
    event.preventDefault();
    if (next < 0) {
      picker.querySelector("[data-picker-find]").focus();
    } else {
      options[next].focus();
    }
  });

  // The navigation's menus: one open at a time; a click elsewhere or Escape closes them.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (opened.matches && opened.matches("[data-nav-group]") && opened.open) {
      document.querySelectorAll("[data-nav-group][open]").forEach(function (other) {
        if (other !== opened) { other.open = false; }
      });
    }
  }, true);
  document.addEventListener("click", function (event) {
    document.querySelectorAll("[data-nav-group][open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.open = false; }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("[data-nav-group][open]").forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
})();
