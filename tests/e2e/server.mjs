// A static file server for the built site on 127.0.0.1, recording every request it answers.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".pathway": "application/octet-stream",
  ".json": "application/json",
};

export async function serve(root, port = 0) {
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
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-cache" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = `http://127.0.0.1:${server.address().port}/`;
  return { address, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

// `node tests/e2e/server.mjs [port]` serves www/dist by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { address } = await serve(new URL("../../www/dist", import.meta.url).pathname, Number(process.argv[2] ?? 8000));
  console.log(`Serving www/dist at ${address}`);
}
