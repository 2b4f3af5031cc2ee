// Keeps a copy of the site's own files so the pathway opens with no network, after one visit.
// It caches only these static files: never answers, never anything from another origin.
const CACHE = "pathway-site-__BUILD_VERSION__";
const FILES = __FILES__;
const URLS = FILES.map((f) => new URL(f, self.registration.scope).href);
// Trainer mode's files: not fetched ahead (a practitioner's phone never needs them), but kept
// once used, so trainer mode too works offline after one visit.
const ON_USE = __ON_USE__;
const ON_USE_URLS = ON_USE.map((f) => new URL(f, self.registration.scope).href);

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("pathway-site-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const key = url.origin + url.pathname; // the query (?pathway=…) does not change the file
  if (event.request.method !== "GET" || !(URLS.includes(key) || ON_USE_URLS.includes(key))) return;
  // The network first, so an updated pathway is seen at once; the copy when offline.
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(() => caches.match(key)),
  );
});
