// A tiny loopback HTTP server for test pages. It runs on its own port, so pages it serves
// are a different origin from Halftone and every request from them to Halftone is a real
// cross-origin request (CORS preflights included).
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/**
 * Start a static server on 127.0.0.1:<random port>.
 *   mounts: `{ '/': '/abs/dir', '/sdk/': '/abs/node_modules/pkg/dist' }` — URL prefix → folder.
 *   pages:  `{ '/upload.html': '<!doctype html>…' }` — in-memory bodies (type from the extension).
 *   handler: optional `(req, res) => boolean`, tried first; return true when it answered.
 * Resolves to `{ origin, url(path), stop() }`. Anything else answers 404.
 */
export async function startStaticServer({ mounts = {}, pages = {}, handler } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = http.createServer((req, res) => {
    try {
      if (handler && handler(req, res)) return;
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (Object.hasOwn(pages, path)) {
        res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' });
        res.end(pages[path]);
        return;
      }
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (prefix !== undefined) {
        const root = normalize(mounts[prefix]);
        const file = normalize(join(root, path.slice(prefix.length)));
        if ((file === root || file.startsWith(root + sep)) && statSync(file, { throwIfNoEntry: false })?.isFile()) {
          res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
          createReadStream(file).pipe(res);
          return;
        }
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not found: ${path}`);
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(err?.message || err));
    }
  });
  await new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', res);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (path = '/') => new URL(path, origin).href,
    stop: () =>
      new Promise((res) => {
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}
