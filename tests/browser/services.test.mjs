// Opt-in services and responsive images in real headless Chromium.
//
// 1. Comments: the giscus site (tests/sites/giscus, built by real Zola into
//    tests/fixtures/giscus and rewritten by folio) has giscus configured. Its script
//    (https://giscus.app/client.js) must be requested only on pages with comments, and on a
//    long post only once the comment block scrolls into view; it gets the palette in use.
//    Requests to other hosts are aborted by openPage, so nothing leaves the machine.
// 2. Zoomable images (the demo's post figure with zoomable=true): the theme's script only on
//    pages with one; Enter or a click opens the widest copy in a modal dialog, Escape or a
//    click closes it and the focus returns.
// 3. Responsive images (the demo site): the profile picture and the figure of a post are
//    <picture> with WebP copies; at 375 and 1280 px the browser shows a WebP copy
//    (currentSrc) that is the narrowest of the srcset at least as wide as the slot its
//    `sizes` gives, and the image keeps its proportions (width/height from the file).
//
// Run by scripts/browser-tests.sh: FOLIO_GISCUS names the giscus site, FOLIO_SITES the demo.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, newContext, openPage, axeViolations, formatViolations } from './lib.mjs';

const giscus = process.env.FOLIO_GISCUS ? JSON.parse(process.env.FOLIO_GISCUS) : null;
const sites = JSON.parse(process.env.FOLIO_SITES || '[]').filter((s) => !s.searchOnly);
const GISCUS_JS = 'https://giscus.app/client.js';

describe('giscus comments', { concurrency: false, skip: giscus ? false : 'FOLIO_GISCUS is not set' }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer(giscus.dir, { rebase: giscus.rebase || null });
    browser = await launch();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
  });

  const giscusRequests = (rec) => rec.external.filter((u) => u.startsWith('https://giscus.app/'));

  for (const theme of ['light', 'dark']) {
    it(`a long post requests giscus only once its comments scroll into view, ${theme}`, async () => {
      const context = await newContext(browser, { width: 1280, theme });
      try {
        const { page, rec } = await openPage(context, server.origin, '/blog/long-post/', { scroll: false });
        assert.ok(await page.$('#comments[data-provider="giscus"]'), 'the comment block is on the post');
        const below = await page.evaluate(() => document.getElementById('comments').getBoundingClientRect().top - window.innerHeight);
        assert.ok(below > 600, `the comment block starts ${below}px below the first screen: the post is too short to tell`);
        await page.waitForTimeout(500);
        assert.deepEqual(giscusRequests(rec), [], 'nothing requested before scrolling');
        // Halfway down: still out of sight.
        await page.evaluate(() => window.scrollTo(0, (document.getElementById('comments').offsetTop - window.innerHeight) / 2));
        await page.waitForTimeout(500);
        assert.deepEqual(giscusRequests(rec), [], 'nothing requested halfway down');
        await page.evaluate(() => document.getElementById('comments').scrollIntoView());
        await page.waitForFunction(() => document.querySelector('#comments script[src]'), null, { timeout: 5000 });
        const script = await page.evaluate(() => {
          const s = document.querySelector('#comments script[src]');
          return { src: s.src, theme: s.getAttribute('data-theme'), repo: s.getAttribute('data-repo'), category: s.getAttribute('data-category-id') };
        });
        assert.deepEqual(script, { src: GISCUS_JS, theme, repo: 'example/comments', category: 'DIC_kwDOExample4Cc' });
        await page.waitForTimeout(300);
        assert.deepEqual(giscusRequests(rec), [GISCUS_JS], 'one request, for the script, once in view');
        assert.deepEqual(rec.external.filter((u) => !u.startsWith('https://giscus.app/')), [], 'no other host');
        const vs = await axeViolations(page);
        assert.equal(vs.length, 0, formatViolations(vs));
      } finally {
        await context.close();
      }
    });
  }

  for (const [p, why] of [
    ['/', 'the home page has no comments'],
    ['/blog/quiet-post/', 'a post with comments = false'],
    ['/blog/', 'a listing'],
  ]) {
    it(`${p}: no comment block and no request to giscus (${why})`, async () => {
      const context = await newContext(browser, { width: 1280, theme: 'light' });
      try {
        const { page, rec, problems } = await openPage(context, server.origin, p, { scroll: false });
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForTimeout(800);
        assert.equal(await page.$('#comments'), null);
        assert.deepEqual(problems(), [], 'no request to another host, no error');
        assert.deepEqual(giscusRequests(rec), []);
      } finally {
        await context.close();
      }
    });
  }

  it('a page with comments = true loads them when the block is in view at once', async () => {
    const context = await newContext(browser, { width: 375, theme: 'dark' });
    try {
      const { page, rec } = await openPage(context, server.origin, '/guestbook/', { scroll: false });
      await page.waitForFunction(() => document.querySelector('#comments script[src]'), null, { timeout: 5000 });
      assert.deepEqual(giscusRequests(rec), [GISCUS_JS]);
      assert.equal(await page.evaluate(() => document.querySelector('#comments script[src]').getAttribute('data-theme')), 'dark');
    } finally {
      await context.close();
    }
  });
});

for (const site of sites) {
  describe(`responsive images: ${site.label}`, { concurrency: false }, () => {
    let server;
    let browser;
    before(async () => {
      server = await startServer(site.dir, { port: site.port || 0, rebase: site.rebase || null });
      browser = await launch();
    });
    after(async () => {
      if (browser) await browser.close();
      if (server) await server.close();
    });

    // What the browser shows of one <picture>, and what it should: the slot from `sizes`
    // (the first media condition that matches, in px or vw), the narrowest candidate at least
    // that wide (or the widest).
    const measure = (selector) => {
      const img = document.querySelector(selector);
      if (!img) return null;
      const source = img.closest('picture') && img.closest('picture').querySelector('source[type="image/webp"]');
      if (!source) return { picture: false };
      const candidates = source.getAttribute('srcset').split(',').map((c) => {
        const [url, w] = c.trim().split(/\s+/);
        return { url: new URL(url, document.baseURI).href, w: parseInt(w, 10) };
      });
      let slot = null;
      for (const part of source.getAttribute('sizes').split(/,(?![^(]*\))/)) {
        const m = /^\s*(\(.*\))?\s*([\d.]+)(px|vw)\s*$/.exec(part);
        if (!m) continue;
        if (m[1] && !matchMedia(m[1]).matches) continue;
        slot = m[3] === 'vw' ? (parseFloat(m[2]) * window.innerWidth) / 100 : parseFloat(m[2]);
        break;
      }
      const need = slot * window.devicePixelRatio;
      const sorted = [...candidates].sort((a, b) => a.w - b.w);
      const expected = sorted.find((c) => c.w >= need) || sorted[sorted.length - 1];
      const r = img.getBoundingClientRect();
      return {
        picture: true,
        currentSrc: img.currentSrc,
        expected: expected.url,
        expectedWidth: expected.w,
        slot,
        natural: { w: img.naturalWidth, h: img.naturalHeight },
        attrs: { w: +img.getAttribute('width'), h: +img.getAttribute('height') },
        shown: { w: r.width, h: r.height },
      };
    };

    // Zoomable images (al-folio's zoomable=true): the theme's own script, only on pages with one.
    for (const [width, theme] of [[1280, 'light'], [375, 'dark']]) {
      it(`a zoomable figure opens enlarged by keyboard and by click, ${width}px ${theme}`, async (t) => {
        const context = await newContext(browser, { width, theme });
        try {
          const home = await openPage(context, server.origin, '/', { scroll: false });
          assert.ok(!home.rec.requests.some((u) => u.includes('folio-zoom')), 'no zoom script on a page without zoomable images');
          await home.page.close();
          const { page, rec, problems } = await openPage(context, server.origin, '/blog/2024/hello-folio/', { scroll: false });
          const sel = 'figure[data-zoomable] img';
          if (!(await page.$(sel))) return t.skip('no zoomable figure');
          assert.equal(rec.requests.filter((u) => /\/folio-zoom\.js$/.test(u)).length, 1, 'the zoom script, once');
          await page.waitForFunction((s) => document.querySelector(s).getAttribute('role') === 'button', sel);
          const isOpen = () => page.evaluate(() => !!document.querySelector('dialog.zoom-dialog[open]'));
          // Keyboard: focus, Enter opens, the close button has the focus, Escape closes.
          await page.focus(sel);
          await page.keyboard.press('Enter');
          assert.ok(await isOpen(), 'Enter opens the enlarged image');
          await page.waitForFunction(() => {
            const i = document.querySelector('.zoom-image');
            return i.complete && i.naturalWidth > 0;
          });
          const big = await page.evaluate(() => {
            const i = document.querySelector('.zoom-image');
            const r = i.getBoundingClientRect();
            return { src: i.currentSrc, natural: i.naturalWidth, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight, focus: document.activeElement.className };
          });
          assert.match(big.src, /processed_images\/hills\.[0-9a-f]+\.webp$/, `the widest copy: ${big.src}`);
          assert.equal(big.natural, 1400);
          assert.ok(big.w <= big.vw && big.h <= big.vh && (big.w > big.vw * 0.8 || big.h > big.vh * 0.8), `fills the screen: ${JSON.stringify(big)}`);
          assert.equal(big.focus, 'zoom-close', 'focus on the close button');
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, formatViolations(vs));
          await page.keyboard.press('Escape');
          assert.ok(!(await isOpen()), 'Escape closes');
          assert.ok(await page.evaluate((s) => document.activeElement === document.querySelector(s), sel), 'focus back on the image');
          // Pointer: a click opens, a click anywhere closes.
          await page.click(sel);
          assert.ok(await isOpen(), 'a click opens');
          await page.mouse.click(10, 10);
          assert.ok(!(await isOpen()), 'a click closes');
          assert.deepEqual(problems(), []);
        } finally {
          await context.close();
        }
      });
    }

    // Tabs (al-folio's jekyll-tabs as folio import writes them): the theme's script only there.
    for (const [width, theme] of [[1280, 'dark'], [375, 'light']]) {
      it(`tabs switch by click and by the arrow keys, ${width}px ${theme}`, async (t) => {
        const context = await newContext(browser, { width, theme });
        try {
          const { page, rec, problems } = await openPage(context, server.origin, '/blog/2024/hello-folio/', { scroll: false });
          if (!(await page.$('div.tabs[data-tabs]'))) return t.skip('no tabs');
          assert.equal(rec.requests.filter((u) => /\/folio-tabs\.js$/.test(u)).length, 1, 'the tabs script, once');
          await page.waitForSelector('[role="tablist"] [role="tab"]');
          const state = () => page.evaluate(() => ({
            tabs: [...document.querySelectorAll('[role="tab"]')].map((b) => `${b.textContent}:${b.getAttribute('aria-selected')}`),
            shown: [...document.querySelectorAll('.tab-panel')].filter((p) => !p.hidden && p.getBoundingClientRect().height > 0).map((p) => p.querySelector('code').textContent.split('\n')[0]),
            focus: document.activeElement && document.activeElement.textContent,
          }));
          let s = await state();
          assert.deepEqual(s.tabs, ['Python:true', 'Rust:false']);
          assert.deepEqual(s.shown, ['def kv_bytes(tokens, bits=16):']);
          await page.focus('[role="tab"][aria-selected="true"]');
          await page.keyboard.press('ArrowRight');
          s = await state();
          assert.deepEqual(s.tabs, ['Python:false', 'Rust:true']);
          assert.deepEqual(s.shown, ['fn kv_bytes(tokens: u64, bits: u64) -> u64 {']);
          assert.equal(s.focus, 'Rust');
          await page.keyboard.press('Home');
          assert.deepEqual((await state()).tabs, ['Python:true', 'Rust:false']);
          await page.click('[role="tab"]:has-text("Rust")');
          assert.deepEqual((await state()).tabs, ['Python:false', 'Rust:true']);
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, formatViolations(vs));
          assert.deepEqual(problems(), []);
        } finally {
          await context.close();
        }
      });
    }
    it('without JavaScript the tab panels are one under the other, each with its name', async () => {
      const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
      try {
        const page = await noJs.newPage();
        await page.goto(new URL('/blog/2024/hello-folio/', server.origin).href);
        const panels = await page.$$eval('.tab-panel', (ps) => ps.map((p) => ({ title: p.querySelector('.tab-title').textContent, h: p.getBoundingClientRect().height })));
        assert.deepEqual(panels.map((p) => p.title), ['Python', 'Rust']);
        assert.ok(panels.every((p) => p.h > 0), JSON.stringify(panels));
      } finally {
        await noJs.close();
      }
    });

    for (const width of [375, 1280]) {
      for (const [name, path, selector] of [
        ['the profile picture', '/', '.profile img'],
        ['a post figure', '/blog/2024/hello-folio/', 'figure img[src*="hills"]'],
      ]) {
        it(`${name} is served as WebP at the right width, ${width}px`, async (t) => {
          const context = await newContext(browser, { width, theme: 'light' });
          try {
            const { page, problems } = await openPage(context, server.origin, path, { scroll: false });
            if (!(await page.$(selector))) return t.skip(`${selector} not on ${path}`);
            await page.evaluate((s) => document.querySelector(s).scrollIntoView({ block: 'center' }), selector);
            await page.waitForFunction((s) => {
              const i = document.querySelector(s);
              return i.complete && i.naturalWidth > 0 && i.currentSrc;
            }, selector, { timeout: 5000 });
            const m = await page.evaluate(measure, selector);
            // naturalWidth of an image chosen by a `w` srcset is scaled to its slot: the
            // copy's own width is that of the file, loaded alone.
            m.file = await page.evaluate(async (u) => {
              const im = new Image();
              im.src = u;
              await im.decode();
              return { w: im.naturalWidth, h: im.naturalHeight };
            }, m.currentSrc);
            assert.ok(m.picture, `${selector} on ${path} is not in a <picture> with a WebP source`);
            assert.match(m.currentSrc, /\/processed_images\/[^/]+\.webp$/, `currentSrc ${m.currentSrc}`);
            assert.equal(m.currentSrc, m.expected, `slot ${m.slot}px: expected the ${m.expectedWidth}w copy, got ${m.currentSrc}`);
            assert.equal(m.file.w, m.expectedWidth, 'the copy is as wide as its srcset says');
            // Proportions: the attributes are the file's, and the shown box keeps them.
            const ratio = m.attrs.w / m.attrs.h;
            assert.ok(Math.abs(m.file.w / m.file.h - ratio) < 0.01, `copy ${m.file.w}×${m.file.h} vs attributes ${m.attrs.w}×${m.attrs.h}`);
            assert.ok(Math.abs(m.shown.w / m.shown.h - ratio) < 0.02, `shown ${m.shown.w}×${m.shown.h} vs ${ratio}`);
            assert.deepEqual(problems(), []);
          } finally {
            await context.close();
          }
        });
      }
    }
  });
}
