// Starts the app, and registers the service worker that lets it work offline after one visit.
import init from "./pkg/pathway-web.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");

// Another pathway than the one the start page was written for: hide the start page's fields
// until the app has filled them in from that pathway.
const asked = new URLSearchParams(location.search).get("pathway");
const own = document.querySelector('meta[name="pathway-url"]');
if (own || (asked && asked !== document.body.dataset.pathway)) {
  document.getElementById("pw-start")?.setAttribute("hidden", "");
}

await init();

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js").catch(() => {
    // Offline use is a convenience: the app works without it.
  });
}
