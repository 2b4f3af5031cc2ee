// Starts the page's app, each its own WebAssembly, named by <html data-app>: the practitioner's
// (the default), the studio's preview of it, trainer mode or the author studio; or, in the
// studio's Web Worker (boot.js?app=studio), the studio's engine. Then registers the service
// worker that lets the site work offline after one visit.
const APPS = {
  pathway: "./pkg/pathway-web.js",
  preview: "./preview/pathway-web.js",
  trainer: "./trainer/pathway_trainer.js",
  studio: "./studio/pathway_studio.js",
};

const page = typeof document !== "undefined";
const app = page ? document.documentElement.dataset.app ?? "pathway" : new URL(import.meta.url).searchParams.get("app");

if (page) {
  document.body.classList.add("js-enabled", "govuk-frontend-supported");
  // Another pathway than the one the start page was written for: hide the start page's fields
  // until the app has filled them in from that pathway.
  const asked = new URLSearchParams(location.search).get("pathway");
  const own = document.querySelector('meta[name="pathway-url"]');
  if (own || (asked && asked !== document.body.dataset.pathway)) {
    document.getElementById("pw-start")?.setAttribute("hidden", "");
  }
}

const { default: init } = await import(APPS[app] ?? APPS.pathway);
await init();

// Offline use is a convenience: every app works without it. The preview is the studio's, and
// is kept with it.
if (page && app !== "preview" && "serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js").catch(() => {});
}
