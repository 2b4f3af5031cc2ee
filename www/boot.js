// Starts the app, and registers the service worker that lets it work offline after one visit.
import init from "./pkg/pathway-web.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
await init();

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js").catch(() => {
    // Offline use is a convenience: the app works without it.
  });
}
