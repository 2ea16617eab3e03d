// Helpers for folio's browser tests: launch the system Chromium, list a built site's pages,
// open a page while recording every request, console error and HTTP error, and run axe-core.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// The flags this machine's Chromium needs: no sandbox as root, and no background traffic to
// Google's hosts (the network is closed; those connections fail loudly otherwise).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM=/path/to/chromium`);
  }
  // playwright-core gives every launch a fresh, empty --user-data-dir of its own.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Every HTML page of a built site, as URL paths ('/', '/news/', '/404.html'), redirect stubs left out. */
export function sitePages(root) {
  const out = [];
  const walk = (dir) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile() && ent.name.endsWith('.html')) {
        if (isRedirectStub(fs.readFileSync(p, 'utf8'))) continue;
        let rel = '/' + path.relative(root, p).split(path.sep).join('/');
        if (rel.endsWith('/index.html')) rel = rel.slice(0, -'index.html'.length);
        out.push(rel);
      }
    }
  };
  walk(root);
  // The home page first, then by path.
  return out.sort((a, b) => (a === '/' ? -1 : b === '/' ? 1 : a.localeCompare(b)));
}

/** Zola's alias/pagination redirect stubs: a meta refresh and no real page around it. */
export function isRedirectStub(html) {
  return /<meta[^>]+http-equiv=["']?refresh/i.test(html) && !/<(main|article|nav)\b/i.test(html);
}

/**
 * A browser context for one width and theme. `theme` is 'light' | 'dark' (stored in localStorage
 * before any page script runs, as if the visitor had chosen it, and matched by the emulated
 * prefers-color-scheme) or null (a first visit: nothing stored; `colorScheme` decides).
 */
export async function newContext(browser, { width, theme = null, colorScheme = null }) {
  const context = await browser.newContext({
    viewport: { width, height: width >= 1000 ? 800 : 812 },
    deviceScaleFactor: 1,
    colorScheme: colorScheme || theme || 'light',
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
    serviceWorkers: 'block',
  });
  if (theme) {
    await context.addInitScript((t) => {
      try {
        localStorage.setItem('theme', t);
      } catch {}
    }, theme);
  }
  return context;
}

/**
 * Open `url` in a new page of `context`, recording everything that must not happen:
 * a request to any origin other than `origin` (it is aborted, so nothing leaves the machine),
 * a console error or uncaught exception, an HTTP status >= 400, a failed request.
 * Returns { page, problems() } where problems() lists them as strings.
 */
export async function openPage(context, origin, url, { scroll = true, probe = false } = {}) {
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const rec = { external: [], consoleErrors: [], pageErrors: [], badStatus: [], failed: [], requests: [] };
  await page.route('**/*', async (route) => {
    const u = route.request().url();
    if (isLocal(u, origin)) {
      if (probe && route.request().resourceType() === 'document') return fulfillWithProbe(route);
      return route.continue();
    }
    rec.external.push(u);
    return route.abort('blockedbyclient');
  });
  page.on('request', (req) => {
    const u = req.url();
    rec.requests.push(u);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      rec.consoleErrors.push(`${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => rec.pageErrors.push(String(err && err.stack ? err.stack.split('\n')[0] : err)));
  page.on('response', (res) => {
    if (res.status() >= 400) rec.badStatus.push(`${res.status()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    if (!isLocal(req.url(), origin)) return; // already recorded as external
    rec.failed.push(`${req.url()}: ${req.failure() ? req.failure().errorText : 'failed'}`);
  });
  const response = await page.goto(new URL(url, origin).href, { waitUntil: 'load' });
  if (response && response.status() >= 400) {
    // recorded by the response listener too
  }
  if (scroll) {
    // Bring lazy images and anything else below the fold in, then let the network settle.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  const problems = () => [
    ...rec.external.map((u) => `request to another host: ${u}`),
    ...rec.consoleErrors.map((m) => `console error: ${m}`),
    ...rec.pageErrors.map((m) => `uncaught exception: ${m}`),
    ...rec.badStatus.map((m) => `HTTP ${m}`),
    ...rec.failed.map((m) => `request failed: ${m}`),
  ];
  return { page, rec, response, problems };
}

// The first-paint probe: a script placed first in <body>. A parser-inserted script runs only after
// the stylesheets in <head> have loaded and after every <head> script, and before anything of
// <body> is parsed, laid out or painted, and before any script of the page's own in <body>. What it
// reads is what the first frame is painted with.
export const FIRST_PAINT_PROBE =
  '<script>window.__folioFirstPaint=(function(){var d=document.documentElement,' +
  'tr=function(c){return !c||c==="transparent"||/rgba\\([^)]*,\\s*0\\)$/.test(c)},' +
  'h=getComputedStyle(d).backgroundColor,b=getComputedStyle(document.body).backgroundColor;' +
  'return{theme:d.getAttribute("data-theme"),setting:d.getAttribute("data-theme-setting"),' +
  'bg:!tr(h)?h:!tr(b)?b:"rgb(255, 255, 255)",color:getComputedStyle(document.body).color}})()</script>';

async function fulfillWithProbe(route) {
  const res = await route.fetch();
  const html = await res.text();
  const m = /<body\b[^>]*>/i.exec(html);
  if (!m) return route.fulfill({ response: res, body: html });
  const body = html.slice(0, m.index + m[0].length) + FIRST_PAINT_PROBE + html.slice(m.index + m[0].length);
  return route.fulfill({ response: res, body });
}

export function isLocal(u, origin) {
  if (/^(data|blob|about):/i.test(u)) return true;
  try {
    return new URL(u).origin === origin;
  } catch {
    return false;
  }
}

/** axe-core's violations of impact serious or critical on the open page. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function formatViolations(vs) {
  return vs
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => {
            const html = String(n.html || '').replace(/\s+/g, ' ');
            return `    ${n.target}  ${html.length > 160 ? html.slice(0, 157) + '…' : html}\n      ${String(n.summary || '').replace(/\n/g, '\n      ')}`;
          })
          .join('\n') +
        (v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : ''),
    )
    .join('\n');
}

/** Relative luminance of a CSS rgb()/rgba() colour (0 black … 1 white); null if transparent. */
export function luminance(css) {
  const m = /rgba?\(([^)]+)\)/.exec(css || '');
  if (!m) return null;
  const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  if (parts.length >= 4 && parts[3] === 0) return null;
  const [r, g, b] = parts.slice(0, 3).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two CSS colours (1 … 21); 0 when one is transparent. */
export function contrast(a, b) {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return 0;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The colour the page is painted with: body's background, else html's, else the canvas white. */
export async function pageBackground(page) {
  return page.evaluate(() => {
    const tr = (c) => !c || c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
    const b = getComputedStyle(document.body).backgroundColor;
    const h = getComputedStyle(document.documentElement).backgroundColor;
    return !tr(h) ? h : !tr(b) ? b : 'rgb(255, 255, 255)';
  });
}
