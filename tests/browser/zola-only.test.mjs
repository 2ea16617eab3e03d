// The demo built with `zola build` alone (tests/fixtures/demo, no `folio rewrite`), against the
// same site finished by folio: the theme on its own must not leave a blank icon link or break the
// layout. Run through scripts/browser-tests.sh, which sets
//   FOLIO_ZOLA_ONLY='{"dir":"/tmp/…/zola-only","finished":"/tmp/…/fixtures","rebase":"https://example.com"}'
// Checked on the about page at 1280 and 375 wide, light and dark: no request to another host, no
// console error; every social link (and, on a wide screen, the search button and the theme toggle)
// shows an icon at least 12 px wide and high; the profile picture and the social icons have the boxes they have in the
// finished site (within 1 px); the news list has no bullets; no sideways scrolling.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, newContext, openPage } from './lib.mjs';
import { startServer } from './server.mjs';

const spec = process.env.FOLIO_ZOLA_ONLY ? JSON.parse(process.env.FOLIO_ZOLA_ONLY) : null;

// What the about page shows: boxes of the profile picture and of each social icon, the icons of
// the navbar, the news list's bullets, and whether it scrolls sideways.
async function layout(page) {
  return page.evaluate(() => {
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) };
    };
    const icon = (a) => box(a && a.querySelector('svg, img'));
    const socials = [...document.querySelectorAll('.contact-icons a')].map((a) => ({
      label: a.getAttribute('aria-label') || a.getAttribute('title') || a.href,
      box: icon(a),
    }));
    const news = document.querySelector('#news ~ ul, #news ~ ol, .news ul, .news ol');
    const toggle = [...document.querySelectorAll('#light-toggle .light-toggle-icon')]
      .map((s) => icon(s))
      .find((b) => b && b.w > 0);
    return {
      profile: box(document.querySelector('.profile img')),
      socials,
      search: icon(document.getElementById('search-toggle')),
      toggle: toggle || null,
      newsBullets: news ? getComputedStyle(news).listStyleType : null,
      overflow: document.documentElement.scrollWidth > window.innerWidth,
    };
  });
}

describe('the demo built by zola alone', { skip: !spec && 'FOLIO_ZOLA_ONLY not set', concurrency: false }, () => {
  let bare;
  let finished;
  let browser;
  before(async () => {
    bare = await startServer(spec.dir, { rebase: spec.rebase || null });
    finished = await startServer(spec.finished, { rebase: spec.rebase || null });
    browser = await launch();
  });
  after(async () => {
    if (browser) await browser.close();
    if (bare) await bare.close();
    if (finished) await finished.close();
  });

  for (const width of [1280, 375]) {
    for (const theme of ['light', 'dark']) {
      it(`about page at ${width}px, ${theme}: every icon visible, laid out as with folio`, async () => {
        const context = await newContext(browser, { width, theme });
        try {
          const a = await openPage(context, bare.origin, '/');
          const got = await layout(a.page);
          const b = await openPage(context, finished.origin, '/');
          const want = await layout(b.page);
          assert.deepEqual(a.problems(), [], 'the zola-only page loads cleanly');

          assert.ok(got.socials.length >= 2, `social links: ${JSON.stringify(got.socials)}`);
          for (const s of got.socials) {
            assert.ok(s.box && s.box.w >= 12 && s.box.h >= 12, `blank icon link: ${JSON.stringify(s)}`);
          }
          if (width >= 768) {
            // On a phone both sit in the collapsed menu.
            assert.ok(got.search && got.search.w >= 12, `search icon: ${JSON.stringify(got.search)}`);
            assert.ok(got.toggle && got.toggle.w >= 12, `theme toggle icon: ${JSON.stringify(got.toggle)}`);
          }
          assert.equal(got.newsBullets, 'none', 'the news list is styled');
          assert.equal(got.overflow, false, 'no sideways scrolling');

          const near = (x, y, what) => {
            assert.ok(x && y, `${what}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
            for (const k of ['x', 'y', 'w', 'h']) {
              assert.ok(Math.abs(x[k] - y[k]) <= 1, `${what} ${k}: zola only ${JSON.stringify(x)}, with folio ${JSON.stringify(y)}`);
            }
          };
          near(got.profile, want.profile, 'profile picture');
          assert.equal(got.socials.length, want.socials.length, 'as many social links');
          got.socials.forEach((s, i) => near(s.box, want.socials[i].box, `social icon ${s.label}`));
        } finally {
          await context.close();
        }
      });
    }
  }
});
