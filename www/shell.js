// Quick exit, in plain JavaScript, for both sides of an embedded pathway. One file, two roles:
//
// - On the pathway's own page (`<script src="shell.js" data-role="pathway">`, loaded first, so
//   it works from the first paint, while the app is still loading, and if the app fails):
//   "Exit this page" and Shift pressed three times replace the page with a neutral site at
//   once; a press of "Start now" before the app is ready is kept until it is; the skip link
//   moves focus without changing the address. Inside a partner's iframe, exit replaces the
//   partner's whole page (through the partner's loader, or the top window directly), the
//   page tells the loader its height, and the exit bar stays in view as the partner's page
//   scrolls.
// - On a partner's page, as `embed.js` (the same file, published under that name): the
//   loader for `<iframe data-pathway-embed>`. It sizes each frame to its content, tells it how
//   far it has scrolled out of view (so its exit bar can stay in view), replaces the partner's
//   page when the pathway asks to exit, and listens for Shift ×3 on the partner's page too. Messages are accepted only from the frame's own origin, and the pathway talks
//   only to a parent that has said hello (and, if the site names its partners, is one).
//
// GOV.UK's Exit this page component, researched with people with lived experience of
// domestic abuse, is the model. One deliberate difference: `location.replace`, so the back
// button skips the page within the tab. It cannot erase history; the start page says so.
"use strict";
(() => {
  const DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather";
  const SHIFT_WINDOW_MS = 5000;
  const HELLO = "pathway:hello";
  const HEIGHT = "pathway:height";
  const EXIT = "pathway:exit";
  const VIEWPORT = "pathway:viewport";
  const neutral = (url) => (typeof url === "string" && /^https:\/\//.test(url.trim()) ? url.trim() : DEFAULT_EXIT_URL);
  const isPathwayPage = document.currentScript?.dataset.role === "pathway";

  /** Hides the whole page at once, before the neutral site loads, then goes there. */
  let leaving = false;
  function leave(url, beforeLeaving) {
    // Once only: a second navigation would abort the first, and the page could stay a moment longer.
    if (leaving) return;
    leaving = true;
    const overlay = document.createElement("div");
    overlay.className = "pw-exit-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    // Set through the CSSOM, which a partner page's Content-Security-Policy allows, and
    // outside <body>, which is hidden: nothing of the page stays on screen.
    Object.assign(overlay.style, { position: "fixed", inset: "0", zIndex: "2147483647", background: "#fff", color: "#0b0c0c", padding: "2rem", font: "19px sans-serif" });
    document.body?.style.setProperty("display", "none", "important");
    document.documentElement.append(overlay);
    beforeLeaving?.();
    window.location.replace(url);
  }

  /** Calls `exit` when Shift is pressed three times within five seconds, and `show` with the
   * count after each press. Shift used with another key is typing, and starts the count again. */
  function onShiftThreeTimes(exit, show = () => {}) {
    let presses = 0;
    let timer;
    window.addEventListener("keydown", (event) => {
      if (event.key !== "Shift") {
        presses = 0;
        show(presses);
        return;
      }
      if (event.repeat) return;
      clearTimeout(timer);
      presses += 1;
      if (presses >= 3) {
        exit();
        return;
      }
      show(presses);
      timer = setTimeout(() => { presses = 0; show(presses); }, SHIFT_WINDOW_MS);
    }, true);
  }

  // If the browser restores a page from its back/forward cache, start afresh rather than show
  // what was on screen.
  window.addEventListener("pageshow", (event) => { if (event.persisted) window.location.reload(); });

  if (isPathwayPage) pathwayPage();
  else partnerPage();

  function pathwayPage() {
    const exitUrl = neutral(document.querySelector('meta[name="exit-url"]')?.content);
    const embedded = window.top !== window.self;
    // A site may name the partner pages allowed to embed it (as its frame-ancestors header does).
    const partners = (document.querySelector('meta[name="embed-origins"]')?.content ?? "").split(/\s+/).filter(Boolean);
    let partner = null; // the embedding page's origin, once its loader has said hello

    function exitNow() {
      leave(exitUrl, () => {
        if (!embedded) return;
        // The partner's whole page must go, not only this frame. A loader that has said hello
        // hides the page and replaces it; with no loader, try the top window directly (allowed
        // after a click or key press). One of the two, never both: two navigations of the top
        // window race, and the second aborts the first.
        if (partner) {
          window.parent.postMessage({ type: EXIT, url: exitUrl }, partner);
          return;
        }
        try {
          window.top.location.replace(exitUrl);
        } catch {
          // Not allowed here: the link's target="_top" does it.
        }
      });
    }

    onShiftThreeTimes(exitNow, (presses) => {
      const indicator = document.getElementById("pw-exit-indicator");
      const status = document.getElementById("pw-exit-status");
      if (!indicator || !status) return;
      indicator.classList.toggle("govuk-exit-this-page__indicator--visible", presses > 0);
      indicator.querySelectorAll("div").forEach((light, i) =>
        light.classList.toggle("govuk-exit-this-page__indicator-light--on", i < presses));
      status.textContent = presses === 1 ? "Shift, press 2 more times to exit."
        : presses === 2 ? "Shift, press 1 more time to exit." : "";
    });

    // Listening on the document works from the moment this script runs, before the controls
    // have even been parsed.
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

    document.addEventListener("DOMContentLoaded", () => {
      const link = document.getElementById("pw-exit");
      if (link) link.href = exitUrl;
      // With no script at all, or no loader, the exit link still leaves the whole window.
      if (embedded) link?.setAttribute("target", "_top");
    });

    // A partner's theme, from this site's own themes/ folder (each checked when the site was
    // built: scripts/themes.mjs): ?theme=NAME, or <meta name="theme" content="NAME">.
    const theme = new URLSearchParams(window.location.search).get("theme") ?? document.querySelector('meta[name="theme"]')?.content;
    if (theme && /^[a-z0-9_-]{1,64}$/.test(theme)) {
      fetch(`themes/${theme}.json`).then((r) => (r.ok ? r.json() : null)).then(applyTheme).catch(() => {
        // An unknown theme leaves the site's own look.
      });
    }

    if (!embedded) return;
    const sendHeight = () => {
      // The body's own height: the document's is never less than the frame, so it could only grow.
      if (partner) window.parent.postMessage({ type: HEIGHT, height: document.body.scrollHeight }, partner);
    };
    window.addEventListener("message", (event) => {
      if (event.source !== window.parent) return;
      if (event.data?.type === HELLO && (partners.length === 0 || partners.includes(event.origin))) {
        partner = event.origin;
        sendHeight();
      } else if (event.data?.type === VIEWPORT && event.origin === partner && Number.isFinite(event.data.offset)) {
        document.documentElement.style.setProperty("--pw-embed-offset", `${Math.max(0, event.data.offset)}px`);
      }
    });
    document.addEventListener("DOMContentLoaded", () => new ResizeObserver(sendHeight).observe(document.body));
  }

  /** Applies a theme's colours and logo as the stylesheet's custom properties, and shows its
   * service name in the header. Values are checked again here: only the shapes the build allows. */
  function applyTheme(theme) {
    if (!theme || typeof theme !== "object") return;
    const root = document.documentElement.style;
    const colour = (value) => typeof value === "string" && /^#[0-9a-f]{6}$/i.test(value);
    for (const [field, property] of [["brand", "--pw-brand"], ["brand_text", "--pw-brand-text"], ["exit_bar", "--pw-exit-bar"]]) {
      if (colour(theme[field])) root.setProperty(property, theme[field]);
    }
    if (typeof theme.logo === "string" && /^\/[A-Za-z0-9/_.-]+\.(svg|png|webp)$/.test(theme.logo) && !theme.logo.includes("..")) {
      root.setProperty("--pw-logo", `url("${theme.logo}")`);
      root.setProperty("--pw-logo-display", "block");
    }
    if (typeof theme.service === "string" && theme.service.trim()) {
      const show = () => {
        const name = document.querySelector('[data-theme="service"]');
        if (!name) return;
        name.textContent = theme.service.trim().slice(0, 80);
        name.hidden = false;
      };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
      else show();
    }
  }

  function partnerPage() {
    const frames = () => [...document.querySelectorAll("iframe[data-pathway-embed]")];
    const originOf = (frame) => new URL(frame.src, window.location.href).origin;
    const exitUrlOf = (frame) => neutral(frame?.dataset.exitUrl);

    window.addEventListener("message", (event) => {
      const frame = frames().find((f) => f.contentWindow === event.source);
      if (!frame || event.origin !== originOf(frame)) return;
      if (event.data?.type === HEIGHT && Number.isFinite(event.data.height)) {
        frame.style.height = `${Math.ceil(event.data.height)}px`;
      } else if (event.data?.type === EXIT) {
        leave(neutral(event.data.url));
      }
    });

    const hello = (frame) => frame.contentWindow?.postMessage({ type: HELLO }, originOf(frame));
    // How far each frame's top is above the window, so its exit bar can stay in view; at most
    // the frame's height less a bar's, so the bar never leaves the frame.
    let pending = false;
    const tellOffsets = () => {
      pending = false;
      for (const frame of frames()) {
        const box = frame.getBoundingClientRect();
        const offset = Math.min(Math.max(0, -box.top), Math.max(0, box.height - 80));
        frame.contentWindow?.postMessage({ type: VIEWPORT, offset }, originOf(frame));
      }
    };
    const onMove = () => {
      if (!pending) {
        pending = true;
        requestAnimationFrame(tellOffsets);
      }
    };
    window.addEventListener("scroll", onMove, { passive: true });
    window.addEventListener("resize", onMove, { passive: true });
    const start = () => {
      for (const frame of frames()) {
        frame.addEventListener("load", () => hello(frame));
        hello(frame); // in case it loaded before this script ran
      }
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();

    // Shift ×3 on the partner's page leaves it too (presses inside the frame are the frame's).
    onShiftThreeTimes(() => leave(exitUrlOf(frames()[0])));
  }
})();
