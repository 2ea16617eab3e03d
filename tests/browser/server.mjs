// A tiny static file server for the browser tests: serves one directory on 127.0.0.1.
//
// - 404 for anything that is not a file below the root (no directory listings, no `..`).
// - `/dir/` serves `/dir/index.html`; `/dir` (a directory without the slash) redirects to `/dir/`,
//   as GitHub Pages and `zola serve` do.
// - `rebase`: the demo site is built for its config's base_url (https://example.com), so its pages
//   link to absolute URLs on that host. Text responses (html, css, js, xml, json, txt, svg) have
//   that origin replaced with the server's own (http://127.0.0.1:PORT) as they are sent, so the
//   site resolves on localhost and the files on disk stay exactly as `folio rewrite` left them.
//
// Usable on its own: `node server.mjs DIR [PORT] [REBASE_FROM]`.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.bib': 'text/plain; charset=utf-8',
};
const TEXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg']);

/**
 * Start serving `root`. Resolves to { server, origin, port, log, close() }.
 * `log` collects every request as { method, url, status }.
 */
export function startServer(root, { port = 0, host = '127.0.0.1', rebase = null } = {}) {
  const absRoot = fs.realpathSync(root);
  const log = [];
  let origin = null;
  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      log.push({ method: req.method, url: req.url, status });
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (pathname.includes('\0')) return send(400, 'bad request\n');
    let file = path.join(absRoot, pathname);
    if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return send(404, 'not found\n');
    let st;
    try {
      st = fs.statSync(file);
    } catch {
      return send(404, 'not found\n', { 'content-type': 'text/plain; charset=utf-8' });
    }
    if (st.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const u = new URL(req.url, 'http://x');
        return send(301, '', { location: u.pathname + '/' + u.search });
      }
      file = path.join(file, 'index.html');
      try {
        st = fs.statSync(file);
      } catch {
        return send(404, 'not found\n', { 'content-type': 'text/plain; charset=utf-8' });
      }
    }
    if (!st.isFile()) return send(404, 'not found\n');
    // Never follow a symlink out of the root.
    const real = fs.realpathSync(file);
    if (!real.startsWith(absRoot + path.sep)) return send(404, 'not found\n');
    const ext = path.extname(file).toLowerCase();
    let body = fs.readFileSync(file);
    if (rebase && TEXT.has(ext)) {
      body = Buffer.from(body.toString('utf8').split(rebase).join(origin));
    }
    send(200, body, { 'content-type': TYPES[ext] || 'application/octet-stream' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const p = server.address().port;
      origin = `http://${host}:${p}`;
      resolve({
        server,
        origin,
        port: p,
        log,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const [dir, port, rebase] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node server.mjs DIR [PORT] [REBASE_FROM]');
    process.exit(2);
  }
  const s = await startServer(dir, { port: Number(port || 1111), rebase: rebase || null });
  console.log(`serving ${dir} at ${s.origin}/`);
}
