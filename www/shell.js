// The page's plain-JavaScript shell, loaded before anything else so that it works from the
// first paint, while the app is still loading, and if the app fails:
// - "Exit this page": the button at the top of every page, and Shift pressed three times,
//   replace the page with a neutral site at once;
// - a press of "Start now" before the app is ready is kept, and acted on when it is;
// - the skip link moves focus without changing the address.
// GOV.UK's Exit this page component, researched with people with lived experience of
// domestic abuse, is the model. One deliberate difference: `location.replace`, so the back
// button skips this site within the tab. It cannot erase history; the start page says so.
"use strict";
(() => {
  // A site owner may choose the neutral site: <meta name="exit-url" content="https://…">.
  const DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather";
  const SHIFT_WINDOW_MS = 5000;
  const configured = document.querySelector('meta[name="exit-url"]')?.content.trim();
  const exitUrl = configured && /^https:\/\//.test(configured) ? configured : DEFAULT_EXIT_URL;

  function exitNow() {
    // Hide everything at once, before the neutral site loads: a slow network must not leave
    // the answers on screen.
    document.body.classList.add("pw-exiting");
    const overlay = document.createElement("div");
    overlay.className = "pw-exit-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    document.body.append(overlay);
    window.location.replace(exitUrl);
  }

  let presses = 0;
  let timer;
  function showPresses() {
    const indicator = document.getElementById("pw-exit-indicator");
    const status = document.getElementById("pw-exit-status");
    if (!indicator || !status) return;
    indicator.classList.toggle("govuk-exit-this-page__indicator--visible", presses > 0);
    indicator.querySelectorAll("div").forEach((light, i) =>
      light.classList.toggle("govuk-exit-this-page__indicator-light--on", i < presses));
    status.textContent = presses === 1 ? "Shift, press 2 more times to exit."
      : presses === 2 ? "Shift, press 1 more time to exit." : "";
  }

  window.addEventListener("keydown", (event) => {
    if (event.key !== "Shift") {
      // Shift used with another key is typing, not a request to exit.
      presses = 0;
      showPresses();
      return;
    }
    if (event.repeat) return;
    clearTimeout(timer);
    presses += 1;
    if (presses >= 3) {
      exitNow();
      return;
    }
    showPresses();
    timer = setTimeout(() => { presses = 0; showPresses(); }, SHIFT_WINDOW_MS);
  }, true);

  // If the browser restores the page from its back/forward cache, start afresh rather than
  // show what was on screen.
  window.addEventListener("pageshow", (event) => { if (event.persisted) window.location.reload(); });

  // Listening on the document works from the moment this script runs, before the button
  // has even been parsed.
  document.addEventListener("click", (event) => {
    if (event.target.closest?.("#pw-exit")) {
      event.preventDefault();
      exitNow();
    } else if (event.target.closest?.("#pw-skip")) {
      // To the content without a `#…` in the address: answers-free URLs stay unchanged.
      event.preventDefault();
      document.getElementById("main-content")?.focus();
    } else if (event.target.closest?.("#pw-start-button") && !document.body.dataset.pwReady) {
      // The app reads (and clears) this when it is ready: see `dom::take_start_request`.
      document.body.dataset.pwStart = "requested";
      const status = document.getElementById("pw-start-status");
      if (status) status.textContent = "Loading the pathway…";
    }
  }, true);
})();
