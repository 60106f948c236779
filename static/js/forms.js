/*
 * Members' forms: send once, ask before a withdrawal, and bring the first error into view.
 *
 * A button marked data-once is disabled as soon as its form is sent, so a double tap on a slow phone
 * connection sends one request (the server also refuses a second use of the form's one-time token).
 * The pressed button's name and value are copied into a hidden input first: a disabled button is not
 * part of the submitted data, and views read it ("submit", "decision").
 */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    if (submitter && submitter.dataset.confirm && !window.confirm(submitter.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.dataset.sent === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    if (submitter && submitter.name) {
      var copy = document.createElement("input");
      copy.type = "hidden";
      copy.name = submitter.name;
      copy.value = submitter.value;
      form.appendChild(copy);
    }
    form.querySelectorAll("button[data-once], input[type=submit][data-once]").forEach(function (button) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    });
  });

  // Back/forward cache: a page restored after sending must be usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("[data-once]").forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
      });
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("form-errors");
    if (summary) {
      summary.focus();
    }
  });
})();
