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
})();
