// folio's browser tests: the demo site, built by real Zola and finished by `folio rewrite`,
// in real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
//
// Run through scripts/browser-tests.sh, which prepares the site(s) and sets FOLIO_SITES:
//   FOLIO_SITES='[{"label":"fixtures","dir":"/tmp/…","rebase":"https://example.com","screenshots":"docs/screenshots"}]'
// Each site is served on 127.0.0.1 by server.mjs and checked:
//   - every HTML page (redirect stubs left out), at 1280 and 375 wide, light and dark: no request to
//     any other host, no console error or exception, no HTTP error, the chosen palette applied,
//     no sideways scrolling, and axe-core: no violation of impact serious or critical;
//   - the about page: the profile figure beside the bio at 1280 and above it at 375, its image
//     loaded at its intrinsic size, the social icons, the news block, the mailto: links, and a
//     screenshot per width and theme;
//   - the theme toggle: system → light → dark → system, remembered across a reload, and the
//     reloaded page's first paint already in the chosen palette;
//   - the post with a table of contents: the link of the section in view marked while scrolling,
//     the sticky sidebar (wide) or contents before the text (narrow), plain links without JS;
//   - the navbar's dropdown: Enter, Space, the arrows, Home/End, Escape (focus back), Tab away;
//     click and tap (inside the collapsed menu on a phone), closing outside; axe with it open;
//   - a page with code: one copy button per block, hidden until hover, copying the block's text;
//     a page with math: MathML laid out by the browser in both palettes, no TeX left in text.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import {
  launch,
  sitePages,
  newContext,
  openPage,
  axeViolations,
  formatViolations,
  luminance,
  contrast,
  pageBackground,
} from './lib.mjs';

const WIDTHS = [1280, 375];
const THEMES = ['light', 'dark'];

// A site marked searchOnly (the fixture with its search index in parts) is for search.test.mjs.
const sites = JSON.parse(process.env.FOLIO_SITES || '[]').filter((s) => !s.searchOnly);
if (sites.length === 0) {
  throw new Error('FOLIO_SITES is not set: run scripts/browser-tests.sh (it builds and rewrites the site first)');
}

for (const site of sites) {
  const pages = sitePages(site.dir);
  const aboutPath = '/';

  describe(`site: ${site.label}`, { concurrency: false }, () => {
    let server;
    let browser;
    const contexts = new Map();
    const ctx = async (width, theme) => {
      const key = `${width}-${theme}`;
      if (!contexts.has(key)) contexts.set(key, await newContext(browser, { width, theme }));
      return contexts.get(key);
    };

    before(async () => {
      server = await startServer(site.dir, { port: site.port || 0, rebase: site.rebase || null });
      browser = await launch();
    });
    after(async () => {
      for (const c of contexts.values()) await c.close().catch(() => {});
      if (browser) await browser.close();
      if (server) await server.close();
    });

    it('has pages to test', () => {
      assert.ok(pages.includes(aboutPath), `no index.html in ${site.dir}`);
      assert.ok(pages.length >= 2, `only ${pages.length} page(s) found in ${site.dir}`);
    });

    // ---- Every page: network, console, HTTP, palette, overflow, axe. ----
    describe('every page', { concurrency: false }, () => {
      for (const p of pages) {
        for (const width of WIDTHS) {
          for (const theme of THEMES) {
            it(`${p} at ${width}px, ${theme}`, async () => {
              const context = await ctx(width, theme);
              const { page, problems } = await openPage(context, server.origin, p);
              try {
                const failures = [];
                const state = await page.evaluate(() => ({
                  theme: document.documentElement.getAttribute('data-theme'),
                  scrollWidth: document.documentElement.scrollWidth,
                  innerWidth: window.innerWidth,
                  hasToggle: !!document.getElementById('light-toggle'),
                }));
                const bg = await pageBackground(page);
                const lum = luminance(bg);
                if (state.theme !== theme) failures.push(`html[data-theme] is ${JSON.stringify(state.theme)}, expected "${theme}" (localStorage theme=${theme})`);
                if (theme === 'dark' ? !(lum < 0.2) : !(lum > 0.6)) failures.push(`page background ${bg} (luminance ${lum && lum.toFixed(2)}) is not a ${theme} palette`);
                if (state.scrollWidth > state.innerWidth + 1) {
                  const wide = await page.evaluate(() => {
                    const w = window.innerWidth;
                    return [...document.querySelectorAll('body *')]
                      .filter((e) => e.getBoundingClientRect().right > w + 1)
                      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= w + 1)
                      .slice(0, 5)
                      .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
                  });
                  failures.push(`page scrolls sideways: scrollWidth ${state.scrollWidth}px > viewport ${state.innerWidth}px; widest: ${wide.join(', ')}`);
                }
                const vs = await axeViolations(page);
                if (vs.length) failures.push(`axe-core: ${vs.length} serious/critical violation(s):\n${formatViolations(vs)}`);
                failures.unshift(...problems());
                if (failures.length) assert.fail(`${p} at ${width}px, ${theme}:\n  - ${failures.join('\n  - ')}`);
              } finally {
                await page.close();
              }
            });
          }
        }
      }
    });

    // ---- The about page. ----
    describe('about page', { concurrency: false }, () => {
      for (const width of WIDTHS) {
        for (const theme of THEMES) {
          it(`layout, image, icons, news and e-mail at ${width}px, ${theme}`, async () => {
            const context = await ctx(width, theme);
            const { page, problems } = await openPage(context, server.origin, aboutPath);
            try {
              await page.evaluate(() => document.fonts && document.fonts.ready);
              if (site.screenshots) {
                fs.mkdirSync(site.screenshots, { recursive: true });
                await page.screenshot({
                  path: path.join(site.screenshots, `about-${width}-${theme}.png`),
                  fullPage: true,
                  animations: 'disabled',
                  caret: 'hide',
                });
              }
              const failures = [...problems()];
              const m = await page.evaluate(measureAbout);
              failures.push(...checkAbout(m, width));
              if (failures.length) assert.fail(`about page at ${width}px, ${theme}:\n  - ${failures.join('\n  - ')}\nmeasurements: ${JSON.stringify(m)}`);
            } finally {
              await page.close();
            }
          });
        }
      }
    });

    // ---- The theme toggle. ----
    // ---- Navigation and reading aids: the table of contents, the navbar's dropdown. ----
    describe('table of contents and dropdown', { concurrency: false }, () => {
      const tocPath = '/blog/2022/long-context-notes/';
      const hasToc = () => pages.includes(tocPath);
      it('the table of contents marks the section in view while scrolling', async (t) => {
        if (!hasToc()) return t.skip('no post with a table of contents');
        const context = await newContext(browser, { width: 1280, theme: 'light' });
        try {
          const { page, problems } = await openPage(context, server.origin, tocPath);
          const current = () => page.evaluate(() => [...document.querySelectorAll('.toc a[aria-current]')].map((a) => a.getAttribute('href')));
          for (const id of ['the-key-value-cache', 'attention-kernels', 'prefill-and-decode']) {
            await page.evaluate((i) => document.getElementById(i).scrollIntoView({ block: 'start' }), id);
            await page.waitForFunction((i) => {
              const a = document.querySelector('.toc a[aria-current]');
              return a && a.getAttribute('href') === '#' + i;
            }, id, { timeout: 3000 }).catch(() => {});
            assert.deepEqual(await current(), ['#' + id], `after scrolling to #${id}`);
          }
          // Wide screen: a sticky sidebar, still in view far down the page, left of the text.
          await page.evaluate(() => document.getElementById('measuring-it').scrollIntoView({ block: 'start' }));
          const geo = await page.evaluate(() => {
            const r = (e) => e.getBoundingClientRect();
            return { toc: r(document.querySelector('.toc-sidebar')), text: r(document.querySelector('.toc-main')), vh: window.innerHeight };
          });
          assert.ok(geo.toc.top >= 0 && geo.toc.top < geo.vh / 2, `sidebar top ${geo.toc.top} not in view`);
          assert.ok(geo.toc.right <= geo.text.left, 'sidebar left of the text');
          assert.deepEqual(problems(), []);
        } finally {
          await context.close();
        }
      });
      it('on a narrow screen the contents come before the text; without JavaScript they are plain links', async (t) => {
        if (!hasToc()) return t.skip('no post with a table of contents');
        const context = await newContext(browser, { width: 375, theme: 'dark' });
        try {
          const { page } = await openPage(context, server.origin, tocPath);
          const order = await page.evaluate(() => {
            const toc = document.querySelector('.toc').getBoundingClientRect();
            const h = document.querySelector('.post-content h2').getBoundingClientRect();
            return { toc: toc.bottom, heading: h.top };
          });
          assert.ok(order.toc <= order.heading, 'contents above the first heading');
        } finally {
          await context.close();
        }
        const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
        try {
          const page = await noJs.newPage();
          await page.goto(new URL(tocPath, server.origin).href);
          const links = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')));
          assert.ok(links.includes('#paging-the-cache'), `toc links: ${links}`);
          await page.click('.toc a[href="#measuring-it"]');
          assert.equal(new URL(page.url()).hash, '#measuring-it');
        } finally {
          await noJs.close();
        }
      });

      const state = (page) => page.evaluate(() => {
        const b = document.querySelector('#navbar .dropdown-toggle');
        const m = document.getElementById(b.getAttribute('aria-controls'));
        return { expanded: b.getAttribute('aria-expanded'), visible: !!m && getComputedStyle(m).display !== 'none', focus: document.activeElement && (document.activeElement.textContent || '').trim() };
      });
      it('the dropdown opens and closes by keyboard', async (t) => {
        const context = await newContext(browser, { width: 1280, theme: 'light' });
        try {
          const { page, problems } = await openPage(context, server.origin, '/', { scroll: false });
          if (!(await page.$('#navbar .dropdown-toggle'))) return t.skip('no dropdown in the navbar');
          const closed = await state(page);
          assert.equal(closed.expanded, 'false');
          assert.ok(!closed.visible, 'closed at first');
          await page.focus('#navbar .dropdown-toggle');
          await page.keyboard.press('Enter');
          let s = await state(page);
          assert.equal(s.expanded, 'true');
          assert.ok(s.visible, 'menu shown');
          assert.equal(s.focus, 'reading group', 'Enter focuses the first item');
          await page.keyboard.press('ArrowDown');
          assert.equal((await state(page)).focus, 'reading list');
          await page.keyboard.press('End');
          assert.equal((await state(page)).focus, 'tags');
          await page.keyboard.press('ArrowDown');
          assert.equal((await state(page)).focus, 'reading group', 'wraps around');
          await page.keyboard.press('Escape');
          s = await state(page);
          assert.equal(s.expanded, 'false');
          assert.ok(!s.visible, 'Escape closes');
          assert.equal(s.focus, 'more', 'focus back on the button');
          await page.keyboard.press('ArrowDown');
          s = await state(page);
          assert.ok(s.visible && s.focus === 'reading group', 'ArrowDown opens at the first item');
          await page.keyboard.press('Space');
          await page.keyboard.press('Escape');
          await page.keyboard.press('Space');
          assert.ok((await state(page)).visible, 'Space opens');
          // One Tab per item of the menu takes the focus past its last one.
          const items = await page.$$eval('#navbar .dropdown-menu a', (a) => a.length);
          for (let i = 0; i < items; i++) await page.keyboard.press('Tab');
          assert.ok(!(await state(page)).visible, 'focus leaving the menu closes it');
          assert.deepEqual(problems(), []);
        } finally {
          await context.close();
        }
      });
      it('the dropdown opens by click and by touch, closes on a click or tap outside', async (t) => {
        const context = await newContext(browser, { width: 1280, theme: 'dark' });
        try {
          const { page } = await openPage(context, server.origin, '/', { scroll: false });
          if (!(await page.$('#navbar .dropdown-toggle'))) return t.skip('no dropdown in the navbar');
          await page.click('#navbar .dropdown-toggle');
          assert.ok((await state(page)).visible, 'click opens');
          // axe with the menu open, in the dark palette.
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, formatViolations(vs));
          await page.mouse.click(5, 700);
          assert.ok(!(await state(page)).visible, 'a click outside closes');
          await page.click('#navbar .dropdown-toggle');
          await page.click('#navbar .dropdown-toggle');
          assert.ok(!(await state(page)).visible, 'a second click closes');
        } finally {
          await context.close();
        }
        const touch = await browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true, colorScheme: 'light' });
        try {
          const page = await touch.newPage();
          await page.goto(new URL('/', server.origin).href);
          await page.tap('.navbar-toggler');
          await page.tap('#navbar .dropdown-toggle');
          assert.ok((await state(page)).visible, 'tap opens inside the collapsed menu');
          const inMenu = await page.evaluate(() => document.getElementById('navbarNav').contains(document.querySelector('.dropdown-menu')));
          assert.ok(inMenu);
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, formatViolations(vs));
          await page.tap('main');
          assert.ok(!(await state(page)).visible, 'a tap outside closes');
          await page.tap('#navbar .dropdown-toggle');
          await page.tap('#navbar .dropdown-item >> text=reading list');
          await page.waitForURL(/reading-list/);
        } finally {
          await touch.close();
        }
      });
    });

    // ---- Code blocks: highlighted, with a working copy button; math as MathML. ----
    describe('code and math', { concurrency: false }, () => {
      const html = (p) => fs.readFileSync(path.join(site.dir, p.endsWith('/') ? p + 'index.html' : p), 'utf8');
      // A page whose code is in the text (the publications' BibTeX is in closed <details>).
      const codePage = pages.find((p) => /<pre[^>]*>\s*<code[^>]*data-lang="(?!bibtex)/.test(html(p)));
      it('every code block has a copy button that puts its text on the clipboard', async (t) => {
        if (!codePage) return t.skip('no page with code');
        const context = await newContext(browser, { width: 1280, theme: 'light' });
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
        try {
          const { page, problems } = await openPage(context, server.origin, codePage, { scroll: false });
          const counts = await page.evaluate(() => ({
            blocks: document.querySelectorAll('pre > code').length,
            buttons: document.querySelectorAll('pre > button.copy').length,
          }));
          assert.ok(counts.blocks > 0, `${codePage}: no pre > code`);
          assert.equal(counts.buttons, counts.blocks, `${codePage}: ${counts.buttons} copy buttons for ${counts.blocks} code blocks`);
          const pre = page.locator('pre:has(> code)').first();
          const button = pre.locator('> button.copy');
          // Hidden until the block is hovered or the button is focused from the keyboard.
          assert.equal(await button.evaluate((b) => getComputedStyle(b).opacity), '0');
          await pre.hover();
          await page.waitForFunction((b) => getComputedStyle(b).opacity === '1', await button.elementHandle());
          assert.equal(await button.getAttribute('type'), 'button');
          await button.click();
          await page.waitForFunction((b) => b.textContent === 'Copied', await button.elementHandle());
          const copied = await page.evaluate(() => navigator.clipboard.readText());
          const code = await pre.locator('> code').evaluate((c) => c.textContent);
          assert.ok(code.length > 0);
          assert.equal(copied, code, 'the clipboard holds the block\'s text, without the button');
          if (problems().length) assert.fail(problems().join('\n'));
        } finally {
          await context.close();
        }
      });

      const notebookPage = pages.find((p) => html(p).includes('<div class="notebook">'));
      for (const theme of THEMES) {
        it(`a Jupyter notebook shows its cells, highlighted code and outputs, ${theme}`, async (t) => {
          if (!notebookPage) return t.skip('no page with a notebook');
          const context = await newContext(browser, { width: 1280, theme });
          try {
            const { page, problems } = await openPage(context, server.origin, notebookPage, { scroll: false });
            const nb = await page.evaluate(() => {
              const root = document.querySelector('.notebook');
              const code = root.querySelector('.nb-code pre > code');
              const token = code && code.querySelector('span span');
              const img = root.querySelector('img.nb-image');
              const error = root.querySelector('pre.nb-error');
              const prompt = root.querySelector('.nb-prompt');
              const box = (e) => e && e.getBoundingClientRect();
              return {
                cells: root.querySelectorAll('.nb-cell').length,
                tokenColor: token && getComputedStyle(token).color,
                codeColor: code && getComputedStyle(code).color,
                bg: getComputedStyle(document.body).backgroundColor,
                image: img && { complete: img.complete, natural: img.naturalWidth, shown: box(img).width },
                errorBg: error && getComputedStyle(error).backgroundColor,
                errorColor: error && getComputedStyle(error).color,
                promptLeft: prompt && box(prompt).right <= box(code.parentElement).left + 1,
                scripts: [...document.scripts].filter((s) => s.closest('.notebook')).length,
              };
            });
            assert.ok(nb.cells >= 4, `${nb.cells} cells`);
            assert.ok(nb.tokenColor && nb.tokenColor !== nb.codeColor, `code is highlighted: ${nb.tokenColor} vs ${nb.codeColor}`);
            assert.ok(nb.image && nb.image.complete && nb.image.natural > 0 && nb.image.shown > 0, `the figure output shows: ${JSON.stringify(nb.image)}`);
            assert.ok(nb.errorBg && nb.errorBg !== nb.bg, `the error output stands out: ${nb.errorBg} on ${nb.bg}`);
            assert.ok(contrast(nb.errorColor, nb.errorBg) >= 4.5, `error text contrast ${contrast(nb.errorColor, nb.errorBg)}`);
            assert.ok(nb.promptLeft, 'the In [n]: prompt sits left of its code');
            assert.equal(nb.scripts, 0);
            if (problems().length) assert.fail(problems().join('\n'));
          } finally {
            await context.close();
          }
        });
      }

      const mathPage = pages.find((p) => html(p).includes('<math display="block">'));
      for (const theme of THEMES) {
        it(`formulas are MathML laid out by the browser, ${theme}`, async (t) => {
          if (!mathPage) return t.skip('no page with math');
          const context = await newContext(browser, { width: 1280, theme });
          try {
            const { page, problems } = await openPage(context, server.origin, mathPage, { scroll: false });
            if (site.screenshots) {
              await page.evaluate(() => document.fonts && document.fonts.ready);
              await page.screenshot({
                path: path.join(site.screenshots, `math-1280-${theme}.png`),
                animations: 'disabled',
                caret: 'hide',
              });
            }
            const m = await page.evaluate(() => {
              const block = document.querySelector('math[display="block"]');
              const inline = document.querySelector('p math[display="inline"]');
              const frac = block && block.querySelector('mfrac');
              const text = document.querySelector('article p');
              const r = (e) => e && e.getBoundingClientRect();
              return {
                block: r(block) && { w: r(block).width, h: r(block).height, display: getComputedStyle(block).display },
                inline: r(inline) && { h: r(inline).height, display: getComputedStyle(inline).display },
                frac: r(frac) && { h: r(frac).height },
                line: text && parseFloat(getComputedStyle(text).lineHeight),
                colour: block && getComputedStyle(block).color,
                textColour: text && getComputedStyle(text).color,
                // The text as read, without code and formulas (whose TeX annotation is text too).
                dollars: [...document.querySelectorAll('article p')].filter((p) => {
                  const c = p.cloneNode(true);
                  c.querySelectorAll('code, math').forEach((e) => e.remove());
                  return /\$[A-Za-z\\]|\\frac/.test(c.textContent);
                }).length,
              };
            });
            assert.ok(m.block, `${mathPage}: no display formula`);
            assert.equal(m.block.display, 'block math', 'a display formula is a block of MathML layout');
            assert.ok(['math', 'inline math'].includes(m.inline.display), `inline formula display: ${m.inline.display}`);
            // A fraction stacks numerator over denominator: taller than a line of text.
            assert.ok(m.frac && m.frac.h > m.line, `fraction ${JSON.stringify(m.frac)} vs line ${m.line}`);
            assert.equal(m.colour, m.textColour, 'formulas take the text colour of the palette');
            assert.equal(m.dollars, 0, 'no TeX left in the text');
            if (problems().length) assert.fail(problems().join('\n'));
          } finally {
            await context.close();
          }
        });
      }
    });

    describe('theme toggle', { concurrency: false }, () => {
      it('cycles system → light → dark → system and stores the choice', async () => {
        // A first visit, on a system set to light.
        const context = await newContext(browser, { width: 1280, colorScheme: 'light' });
        try {
          const { page, problems } = await openPage(context, server.origin, aboutPath, { scroll: false });
          const button = page.getByRole('button', { name: /theme/i });
          assert.equal(await button.count(), 1, 'one button whose accessible name mentions "theme"');
          const read = () =>
            page.evaluate(() => ({
              setting: document.documentElement.getAttribute('data-theme-setting'),
              theme: document.documentElement.getAttribute('data-theme'),
              stored: localStorage.getItem('theme'),
            }));
          const s0 = await read();
          assert.equal(s0.setting, 'system', `first visit: data-theme-setting ${s0.setting}`);
          assert.equal(s0.theme, 'light', 'system on a light OS → light palette');
          const bgLight = await pageBackground(page);
          const seen = [];
          for (const expected of ['light', 'dark', 'system']) {
            await button.click();
            const s = await read();
            seen.push(s.setting);
            assert.equal(s.setting, expected, `after click ${seen.length}: setting ${s.setting}, expected ${expected} (sequence so far: ${seen.join(' → ')})`);
            assert.equal(s.stored, expected, `after click ${seen.length}: localStorage theme=${s.stored}, expected ${expected}`);
            const palette = expected === 'dark' ? 'dark' : 'light';
            assert.equal(s.theme, palette, `setting ${expected}: data-theme ${s.theme}, expected ${palette}`);
            const bg = await pageBackground(page);
            if (palette === 'dark') {
              assert.notEqual(bg, bgLight, `dark palette has the light background ${bg}`);
              assert.ok(luminance(bg) < 0.2, `dark background ${bg} is not dark`);
            } else {
              assert.equal(bg, bgLight, `light palette background ${bg}, expected ${bgLight}`);
            }
            const name = await button.getAttribute('aria-label');
            assert.ok(name && name.trim(), 'the toggle keeps an accessible name');
          }
          if (problems().length) assert.fail(problems().join('\n'));
        } finally {
          await context.close();
        }
      });

      // The choice survives a reload and is already applied when the first frame is painted.
      // The system preference is set to the opposite palette, so a page that applied the stored
      // choice only in a script after <head> (or not at all) would first paint the wrong one.
      for (const [choice, system] of [
        ['dark', 'light'],
        ['light', 'dark'],
      ]) {
        it(`a stored "${choice}" survives reload and is the first paint (system ${system})`, async () => {
          const context = await newContext(browser, { width: 1280, colorScheme: system });
          try {
            const { page } = await openPage(context, server.origin, aboutPath, { scroll: false, probe: true });
            const button = page.getByRole('button', { name: /theme/i });
            const systemBg = await pageBackground(page);
            for (let i = 0; i < 3; i++) {
              if ((await page.evaluate(() => document.documentElement.getAttribute('data-theme-setting'))) === choice) break;
              await button.click();
            }
            assert.equal(await page.evaluate(() => localStorage.getItem('theme')), choice);
            const chosenBg = await pageBackground(page);
            assert.notEqual(chosenBg, systemBg, `choosing ${choice} on a ${system} system changed nothing (background ${chosenBg})`);
            await page.close();

            // Reload in a new tab of the same profile (same localStorage), probe in place.
            const second = await openPage(context, server.origin, aboutPath, { scroll: false, probe: true });
            const first = await second.page.evaluate(() => window.__folioFirstPaint);
            assert.ok(first, 'the first-paint probe ran');
            const after = await second.page.evaluate(() => ({
              setting: document.documentElement.getAttribute('data-theme-setting'),
              theme: document.documentElement.getAttribute('data-theme'),
            }));
            const failures = [];
            if (after.setting !== choice) failures.push(`after reload: data-theme-setting ${after.setting}, expected ${choice}`);
            if (after.theme !== choice) failures.push(`after reload: data-theme ${after.theme}, expected ${choice}`);
            if (first.bg !== chosenBg) failures.push(`first paint: background ${first.bg} before any <body> script ran, expected the ${choice} background ${chosenBg} (the system's is ${systemBg}): a flash of the wrong theme`);
            if (first.theme !== choice) failures.push(`first paint: html[data-theme] was ${JSON.stringify(first.theme)} before any <body> script ran, expected "${choice}" (the stored theme must be applied by a script in <head>)`);
            failures.push(...second.problems());
            if (failures.length) assert.fail(failures.join('\n'));
            await second.page.close();
          } finally {
            await context.close();
          }
        });
      }
    });
  });
}

// Runs in the page: everything the about-page checks need, as plain data.
function measureAbout() {
  const r = (e) => {
    if (!e) return null;
    const b = e.getBoundingClientRect();
    return { left: b.left, top: b.top + window.scrollY, right: b.right, bottom: b.bottom + window.scrollY, width: b.width, height: b.height };
  };
  const visible = (e) => !!e && (e.checkVisibility ? e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : e.getClientRects().length > 0);
  const article = document.querySelector('.post article') || document.querySelector('article');
  const profile = document.querySelector('.profile');
  const img = profile && profile.querySelector('img');
  const body = document.querySelector('.post article .clearfix') || article;
  // The bio's first paragraph, and its first line of text.
  const firstP = body && [...body.querySelectorAll('p')].find((p) => p.textContent.trim().length > 40 && !p.closest('.profile'));
  let firstLine = null;
  if (firstP) {
    const range = document.createRange();
    range.selectNodeContents(firstP);
    const rects = [...range.getClientRects()].filter((x) => x.width > 0);
    if (rects.length) {
      const top = rects[0].top;
      const line = rects.filter((x) => Math.abs(x.top - top) < 4);
      firstLine = {
        left: Math.min(...line.map((x) => x.left)),
        right: Math.max(...line.map((x) => x.right)),
        top: top + window.scrollY,
      };
    }
  }
  const icons = [...document.querySelectorAll('.contact-icons a')].map((a) => {
    const svg = a.querySelector('svg');
    const sb = svg && svg.getBoundingClientRect();
    return {
      href: a.getAttribute('href'),
      name: (a.getAttribute('aria-label') || a.getAttribute('title') || a.textContent || '').trim(),
      hasSvg: !!svg,
      svgVisible: visible(svg),
      svgSize: sb ? [Math.round(sb.width * 10) / 10, Math.round(sb.height * 10) / 10] : null,
      svgFill: svg ? getComputedStyle(svg).fill : null,
      leftoverIconFont: !!a.querySelector('i[class*="fa-"], i.ai, i.ti'),
    };
  });
  // The news block, against a plain list in the same place as the unstyled reference.
  const news = document.querySelector('div.news') || document.querySelector('.news');
  let newsStyle = null;
  if (news) {
    const list = news.querySelector('ul, ol, table');
    const host = news.parentElement;
    const probe = document.createElement('div');
    probe.innerHTML = list && list.tagName === 'TABLE' ? '<table><tbody><tr><th>x</th><td>y</td></tr></tbody></table>' : '<ul><li>x</li></ul>';
    host.insertBefore(probe, news);
    const props = ['font-size', 'color', 'list-style-type', 'padding-left', 'margin-top', 'margin-bottom', 'border-top-width', 'border-bottom-width', 'background-color', 'max-height', 'overflow-y', 'display', 'line-height', 'font-weight'];
    const pick = (e) => (e ? Object.fromEntries(props.map((p) => [p, getComputedStyle(e).getPropertyValue(p)])) : null);
    const diff = (a, b) => (a && b ? props.filter((p) => a[p] !== b[p]).map((p) => `${p}: ${b[p]} → ${a[p]}`) : []);
    const realList = list;
    const realItem = list && list.querySelector('li, td');
    const refList = probe.firstElementChild;
    const refItem = refList.querySelector('li, td');
    const time = news.querySelector('time');
    newsStyle = {
      tag: list ? list.tagName.toLowerCase() : null,
      visible: visible(news),
      rect: r(news),
      items: list ? list.querySelectorAll('li, tr').length : 0,
      listDiff: diff(pick(realList), pick(refList)),
      itemDiff: diff(pick(realItem), pick(refItem)),
      times: news.querySelectorAll('time').length,
      timeStyle: time ? pick(time) : null,
      containerDiff: diff(pick(news), pick(probe)),
    };
    probe.remove();
  }
  const bioLinks = body ? [...body.querySelectorAll('a')].filter((a) => /@/.test(a.textContent) || /@/.test(a.getAttribute('href') || '')) : [];
  const emailIcon = [...document.querySelectorAll('.contact-icons a')].find(
    (a) => /mail/i.test(a.getAttribute('aria-label') || '') || /mail/i.test(a.getAttribute('title') || '') || /^mailto:/i.test(a.getAttribute('href') || ''),
  );
  return {
    viewport: window.innerWidth,
    article: r(article),
    profile: r(profile),
    profileFloat: profile ? getComputedStyle(profile).float : null,
    profileClass: profile ? profile.className : null,
    figure: r(profile && profile.querySelector('figure')),
    firstP: r(firstP),
    firstLine,
    img: img
      ? {
          src: img.currentSrc || img.src,
          // Picked from a <picture>'s srcset of widths: naturalWidth is then scaled to the
          // slot, and only the proportions can be compared with the attributes.
          fromSrcset: !!img.currentSrc && img.currentSrc !== img.src,
          complete: img.complete,
          naturalWidth: img.naturalWidth,
          naturalHeight: img.naturalHeight,
          widthAttr: img.getAttribute('width'),
          heightAttr: img.getAttribute('height'),
          alt: img.getAttribute('alt'),
          rect: r(img),
          visible: visible(img),
        }
      : null,
    icons,
    news: newsStyle,
    bioEmailHrefs: bioLinks.map((a) => a.getAttribute('href')),
    socialEmailHref: emailIcon ? emailIcon.getAttribute('href') : null,
  };
}

function checkAbout(m, width) {
  const f = [];
  const px = (n) => `${Math.round(n * 10) / 10}px`;
  if (!m.article) f.push('no `.post article` element');
  if (!m.profile) f.push('no `.profile` element');
  if (m.article && m.profile) {
    const a = m.article;
    const p = m.profile;
    if (width >= 1000) {
      // Beside the text, on the right, at the top of the article.
      if (!(p.left > a.left + a.width / 2)) f.push(`.profile left edge ${px(p.left)} is not in the right half of the article (${px(a.left)}–${px(a.right)}); float: ${m.profileFloat}, class "${m.profileClass}"`);
      if (!(Math.abs(p.right - a.right) <= 2)) f.push(`.profile right edge ${px(p.right)} is not at the article's right edge ${px(a.right)}`);
      if (!(p.width <= a.width * 0.5)) f.push(`.profile is ${px(p.width)} wide, more than half the ${px(a.width)} article`);
      if (!(Math.abs(p.top - a.top) <= 24)) f.push(`.profile top ${px(p.top)} is not at the article top ${px(a.top)}`);
      if (!m.firstLine) f.push('no bio paragraph found in `.post article .clearfix`');
      else {
        if (!(m.firstLine.left < p.left)) f.push(`the bio text starts at ${px(m.firstLine.left)}, not left of the profile (${px(p.left)})`);
        if (m.firstLine.top < p.bottom && !(m.firstLine.right <= p.left + 1)) f.push(`the bio's first line runs to ${px(m.firstLine.right)}, under the profile (left edge ${px(p.left)}): the text does not flow beside it`);
        if (!(m.firstLine.top < p.bottom)) f.push(`the bio's first line (top ${px(m.firstLine.top)}) is below the profile (bottom ${px(p.bottom)}), not beside it`);
      }
    } else {
      // Full width, above the text.
      if (!(p.width >= a.width * 0.9)) f.push(`.profile is ${px(p.width)} wide at ${width}px, not full width (article ${px(a.width)})`);
      if (m.img && m.img.rect && !(m.img.rect.width >= a.width * 0.9)) f.push(`the profile image is ${px(m.img.rect.width)} wide at ${width}px, not full width (article ${px(a.width)})`);
      if (m.firstLine && !(m.firstLine.top >= p.bottom - 1)) f.push(`the bio's first line (top ${px(m.firstLine.top)}) is not below the profile (bottom ${px(p.bottom)})`);
    }
  }
  if (!m.img) f.push('no `.profile img`');
  else {
    const i = m.img;
    if (!(i.complete && i.naturalWidth > 0)) f.push(`profile image ${i.src} did not load (complete ${i.complete}, naturalWidth ${i.naturalWidth})`);
    if (!i.visible || !(i.rect && i.rect.width > 0 && i.rect.height > 0)) f.push('profile image is not visible');
    if (i.fromSrcset) {
      const attrs = Number(i.widthAttr) / Number(i.heightAttr);
      if (!(Math.abs(i.naturalWidth / i.naturalHeight - attrs) / attrs < 0.02))
        f.push(`profile image width/height attributes ${i.widthAttr}×${i.heightAttr} do not have the proportions of the copy shown (${i.naturalWidth}×${i.naturalHeight})`);
    } else if (String(i.naturalWidth) !== i.widthAttr || String(i.naturalHeight) !== i.heightAttr)
      f.push(`profile image width/height attributes ${i.widthAttr}×${i.heightAttr}, intrinsic size ${i.naturalWidth}×${i.naturalHeight}`);
    if (!i.alt || /\.(jpe?g|png|webp|gif|svg)$/i.test(i.alt)) f.push(`profile image alt text ${JSON.stringify(i.alt)}`);
    if (i.rect && i.naturalWidth && i.naturalHeight) {
      const ratio = i.rect.width / i.rect.height;
      const natural = i.naturalWidth / i.naturalHeight;
      if (Math.abs(ratio - natural) / natural > 0.02) f.push(`profile image is distorted: shown ${px(i.rect.width)}×${px(i.rect.height)}, intrinsic ratio ${natural.toFixed(3)}`);
    }
  }
  if (m.icons.length === 0) f.push('no social icon links in `.contact-icons`');
  for (const ic of m.icons) {
    const who = `.contact-icons a[href=${JSON.stringify(ic.href)}]`;
    if (!ic.hasSvg) f.push(`${who} has no <svg>${ic.leftoverIconFont ? ' (still an icon-font <i>)' : ''}`);
    else if (!ic.svgVisible || !(ic.svgSize[0] > 0 && ic.svgSize[1] > 0)) f.push(`${who}: its <svg> is not visible (size ${ic.svgSize})`);
    if (!ic.name) f.push(`${who} has no accessible name (aria-label or title)`);
  }
  if (!m.news) f.push('no news block (`div.news` or `.news`)');
  else {
    const n = m.news;
    if (!n.visible || !(n.rect && n.rect.height > 0)) f.push('the news block is not visible');
    if (!(n.items > 0)) f.push('the news block has no items');
    if (n.listDiff.length + n.itemDiff.length + n.containerDiff.length === 0 && !n.times)
      f.push(`the news block is unstyled: its ${n.tag}, items and container compute exactly like a plain ${n.tag} in the same place, and it has no <time> dates`);
    else if (n.listDiff.length + n.itemDiff.length + n.containerDiff.length === 0)
      f.push(`the news block's ${n.tag} and items compute exactly like a plain ${n.tag} in the same place (no CSS rule for .news ${n.tag} / .news li)`);
  }
  if (m.bioEmailHrefs.length === 0) f.push('no e-mail link in the bio');
  for (const h of m.bioEmailHrefs) if (!/^mailto:/i.test(h || '')) f.push(`bio e-mail link href ${JSON.stringify(h)} does not start with mailto:`);
  if (!m.socialEmailHref) f.push('no e-mail link among the social icons');
  else if (!/^mailto:/i.test(m.socialEmailHref)) f.push(`social e-mail link href ${JSON.stringify(m.socialEmailHref)} does not start with mailto:`);
  return f;
}
