// The studio's preview (preview.html, which is the practitioner's page with this script and a
// `pathway-url` of studio-preview.pathway): the request for that file is answered with the
// compiled pathway the studio framing this page has just made from the file being written.
// Only a page of the same site can hand it over (`frameElement` is null for any other), and
// nothing is fetched, stored or sent. The practitioner's own page never loads this script.
(() => {
  const given = window.frameElement?.pwPreview;
  if (!given || !ArrayBuffer.isView(given)) return;
  const bytes = new Uint8Array(given);
  const fetchFromSite = window.fetch.bind(window);
  window.fetch = (input, init) =>
    new URL(String(input), location.href).pathname.endsWith("/studio-preview.pathway")
      ? Promise.resolve(new Response(bytes.slice(), { headers: { "content-type": "application/octet-stream" } }))
      : fetchFromSite(input, init);
})();
