// Nothing typed is lost. Note forms (form[data-drafts]) post a draft to the server a few
// seconds after each change (the htmx element [data-autosave] inside them); until the
// server has the latest text, leaving the page asks first. "Mark all present" fills only
// the attendance rows still empty, without a reload.
(function () {
  "use strict";
  const forms = new WeakMap();
  let signingOut = false;

  function stateOf(form) {
    let state = forms.get(form);
    if (!state) {
      // A form the server sent back unsaved (refused or a conflict) starts out changed.
      const edits = form.hasAttribute("data-unsaved") ? 1 : 0;
      state = { edits: edits, sent: 0, saved: 0, submitting: false, waiting: null };
      forms.set(form, state);
    }
    return state;
  }

  function draftForm(element) {
    const form = element && element.closest ? element.closest("form[data-drafts]") : null;
    return form;
  }

  function unsaved(form) {
    const state = stateOf(form);
    return form.isConnected && !state.submitting && state.edits > state.saved;
  }

  document.addEventListener("input", function (event) {
    const form = draftForm(event.target);
    if (form) stateOf(form).edits += 1;
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    const form = draftForm(event.detail.elt);
    if (form && event.detail.elt.hasAttribute("data-autosave")) {
      const state = stateOf(form);
      state.sent = state.edits;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    const element = event.detail.elt;
    const form = draftForm(element);
    if (!form || !element.hasAttribute("data-autosave")) return;
    const state = stateOf(form);
    const xhr = event.detail.xhr;
    if (event.detail.successful && xhr && xhr.getResponseHeader("X-Draft-Saved") === "1") {
      state.saved = Math.max(state.saved, state.sent);
    } else if (!event.detail.successful) {
      element.textContent =
        "Not saved: the server could not be reached or you were signed out. " +
        "Keep this page open and save again.";
    }
    if (state.waiting) {
      // The Save button was pressed while the draft was on its way: send it now, with the
      // revision the draft just saved.
      const submitter = state.waiting;
      state.waiting = null;
      window.setTimeout(function () {
        form.requestSubmit(submitter === true ? undefined : submitter);
      }, 0);
    }
  });

  // Capture phase: runs before htmx's own submit handling on the group page.
  document.addEventListener(
    "submit",
    function (event) {
      const form = event.target;
      if (!form.matches || !form.matches("form[data-drafts]")) return;
      const state = stateOf(form);
      if (form.querySelector("[data-autosave].htmx-request")) {
        event.preventDefault();
        event.stopPropagation();
        state.waiting = event.submitter || true;
        return;
      }
      // A plain post leaves the page; an htmx one replaces the form when it is saved.
      if (!form.hasAttribute("hx-post")) state.submitting = true;
    },
    true,
  );

  window.addEventListener("beforeunload", function (event) {
    if (signingOut) return;
    const pending = Array.prototype.some.call(
      document.querySelectorAll("form[data-drafts]"),
      unsaved,
    );
    if (pending) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // The idle logoff reloads to the sign-in page: never hold it up (nor keep the note on screen).
  document.addEventListener("iop:signing-out", function () {
    signingOut = true;
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest ? event.target.closest("[data-fill-present]") : null;
    if (!button || !button.form) return;
    event.preventDefault();
    button.form.querySelectorAll("select[name^='status_']").forEach(function (select) {
      if (!select.value) {
        select.value = "present";
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    const done = document.getElementById(button.dataset.fillPresent);
    if (done) done.hidden = false;
  });
})();

// Drug screen form: a refusal, an inability to provide or a no-show has no results, so the
// analyte rows hide (and are not posted) for those validities.
(function () {
  function toggleAnalyteRows() {
    var rows = document.getElementById("analyte-rows");
    var validity = document.querySelector("#specimen-form [name=validity]");
    if (!rows || !validity) return;
    var none = (rows.dataset.notCollected || "").split(" ").indexOf(validity.value) >= 0;
    rows.hidden = none;
    rows.querySelectorAll("select, input").forEach(function (el) { el.disabled = none; });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("#specimen-form [name=validity]")) toggleAnalyteRows();
  });
  document.addEventListener("htmx:afterSwap", toggleAnalyteRows);
  document.addEventListener("DOMContentLoaded", toggleAnalyteRows);
})();
