// A static file server for the built site on 127.0.0.1, recording every request it answers.
// With `headers`, it also sends the HTTP headers docs/hosting.md asks hosts to send: the
// Content-Security-Policy of index.html plus `frame-ancestors` (which only works as a header),
// so embedding can be tried locally as a partner would see it.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".pathway": "application/octet-stream",
  ".json": "application/json",
};

/** The security headers for a site at `root`, letting `frameAncestors` (origins) embed it. */
export function securityHeaders(root, frameAncestors = []) {
  const html = readFileSync(join(root, "index.html"), "utf8");
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  if (!csp) throw new Error(`${root}/index.html has no Content-Security-Policy`);
  return {
    "content-security-policy": `${csp}; frame-ancestors 'self' ${frameAncestors.join(" ")}`.trim(),
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
  };
}

export async function serve(root, port = 0, { headers = null } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
      const body = await readFile(path);
      res.writeHead(200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": "no-cache",
        ...(headers ?? {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = `http://127.0.0.1:${server.address().port}/`;
  return { address, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

// `node scripts/serve.mjs [port]` serves www/dist with the security headers. FRAME_ANCESTORS
// (space-separated origins) lists the partner pages allowed to embed it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL("../www/dist", import.meta.url).pathname;
  const partners = (process.env.FRAME_ANCESTORS ?? "").split(/\s+/).filter(Boolean);
  const { address } = await serve(root, Number(process.argv[2] ?? 8000), { headers: securityHeaders(root, partners) });
  console.log(`Serving the pathway at ${address}  (Ctrl+C to stop)`);
  if (partners.length) console.log(`Partner pages allowed to embed it: ${partners.join(" ")}`);
}
