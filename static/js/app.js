// Idle logoff warning: a minute before the session ends, offer to stay signed in.
(function () {
  "use strict";
  const body = document.body;
  const timeout = parseInt(body.dataset.idleTimeout || "0", 10);
  if (!timeout) return;
  const dialog = document.getElementById("idle-warning");
  const countdown = document.getElementById("idle-countdown");
  const stay = document.getElementById("idle-stay");
  const csrf = JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  // Warn a minute ahead, or halfway through a very short timeout.
  const WARN_AT = Math.min(60, Math.floor(timeout / 2));
  let deadline = Date.now() + timeout * 1000;
  // Bumped whenever the session is renewed here: an answer to a status question asked before
  // that is stale, and must not bring the warning back over a session just kept alive.
  let renewals = 0;

  function renewed(seconds) {
    renewals += 1;
    deadline = Date.now() + seconds * 1000;
  }

  function signOut() {
    // The server has ended the session (401): reloading shows sign-in with its message.
    // Drafts are already on the server (forms.js), so no "leave this page?" question.
    document.dispatchEvent(new CustomEvent("iop:signing-out"));
    window.location.reload();
  }

  async function refreshFromServer() {
    // Another tab may have kept the session alive; the server knows.
    const asked = renewals;
    const response = await fetch(body.dataset.sessionStatus, { credentials: "same-origin" });
    if (!response.ok) return signOut(); // ended on the server: no renewal here brings it back
    const data = await response.json();
    if (asked !== renewals) return;
    deadline = Date.now() + data.seconds_remaining * 1000;
  }

  async function tick() {
    const asked = renewals;
    let left = Math.round((deadline - Date.now()) / 1000);
    if (left <= WARN_AT + 1) {
      await refreshFromServer().catch(() => undefined);
      if (asked !== renewals) return; // kept alive meanwhile: the next tick decides
      left = Math.round((deadline - Date.now()) / 1000);
    }
    if (left <= 0) {
      // Ask the server, which signs the session out and answers 401 once the time is up.
      await refreshFromServer().catch(() => undefined);
      return;
    }
    if (left <= WARN_AT) {
      countdown.textContent = String(left);
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) {
      dialog.close();
    }
  }

  stay.addEventListener("click", async function () {
    const response = await fetch(body.dataset.sessionKeepalive, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf },
    });
    if (!response.ok) return signOut();
    const data = await response.json();
    renewed(data.seconds_remaining);
    dialog.close();
  });

  // Any htmx request renews the session on the server, so renew the local clock too.
  document.addEventListener("htmx:afterRequest", function () {
    renewed(timeout);
  });
  setInterval(tick, 1000);
})();
