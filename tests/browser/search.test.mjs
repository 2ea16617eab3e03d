// Site search and the publications filter, in real headless Chromium, on each site that
// scripts/browser-tests.sh built and rewrote (FOLIO_SITES):
//   - nothing of the search is loaded before the dialog opens; Ctrl+K and "/" open it;
//   - a query finds the about page's "KV Cache", a blog post by a word of its body, and a paper
//     by a co-author's name; the arrow keys reach a result; Escape closes and focus returns;
//   - axe-core: no serious or critical violation with the dialog open, in both palettes;
//   - the publications filter hides the entries that do not match, and the years left empty;
//   - no request leaves the site.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, newContext, openPage, axeViolations, formatViolations } from './lib.mjs';

const sites = JSON.parse(process.env.FOLIO_SITES || '[]');
if (sites.length === 0) {
  throw new Error('FOLIO_SITES is not set: run scripts/browser-tests.sh (it builds and rewrites the site first)');
}

/** Types `query` into the open dialog and waits for the results of exactly that query. */
async function search(page, query) {
  await page.fill('#search-input', query);
  await page.waitForFunction(
    (q) => (document.getElementById('search-status').textContent || '').includes(`\u201c${q}\u201d`),
    query,
    { timeout: 10000 },
  );
  return page.$$eval('#search-results a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
}

for (const site of sites) {
  describe(`search: ${site.label}`, { concurrency: false }, () => {
    let server;
    let browser;
    before(async () => {
      server = await startServer(site.dir, { port: 0, rebase: site.rebase || null });
      browser = await launch();
    });
    after(async () => {
      if (browser) await browser.close();
      if (server) await server.close();
    });

    if (site.searchOnly) {
      it('has its index in parts, each merged when the dialog opens', async () => {
        const context = await newContext(browser, { width: 1280, theme: 'light' });
        const { page, rec, problems } = await openPage(context, server.origin, '/');
        try {
          const list = await (await fetch(`${server.origin}/pagefind/folio-parts.json`)).json();
          assert.ok(list.parts.length >= 2, `the index is in parts: ${JSON.stringify(list)}`);
          await page.keyboard.press('Control+k');
          await search(page, 'KV Cache');
          for (const part of list.parts) {
            assert.ok(rec.requests.some((u) => u.includes(`/pagefind/${part}pagefind-entry.json`)), `${part} merged`);
          }
          assert.deepEqual(problems(), []);
        } finally {
          await context.close();
        }
      });
    }

    it('loads nothing of the search before the dialog opens; Ctrl+K opens it', async () => {
      const context = await newContext(browser, { width: 1280, theme: 'light' });
      const { page, rec, problems } = await openPage(context, server.origin, '/');
      try {
        const before = rec.requests.filter((u) => /pagefind|folio-search/.test(u));
        assert.deepEqual(before, [], `requested before the dialog was opened: ${before.join(', ')}`);
        assert.equal(await page.isVisible('#search-toggle'), true, 'the navbar search button is visible');
        await page.keyboard.press('Control+k');
        await page.waitForFunction(() => document.getElementById('search-dialog').open);
        assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
        const results = await search(page, 'KV Cache');
        assert.ok(results.some((r) => new URL(r.href, server.origin).pathname === '/'), `the about page is a result: ${JSON.stringify(results)}`);
        assert.ok(rec.requests.some((u) => u.includes('/pagefind/pagefind.js')), 'pagefind.js loaded on opening');
        assert.deepEqual(problems(), []);
      } finally {
        await context.close();
      }
    });

    it('finds a blog post by a word of its body and a paper by a co-author, reached by keyboard', async () => {
      const context = await newContext(browser, { width: 1280, theme: 'dark' });
      const { page, problems } = await openPage(context, server.origin, '/blog/');
      try {
        await page.keyboard.press('/');
        await page.waitForFunction(() => document.getElementById('search-dialog').open);
        const post = await search(page, 'Frobenius');
        assert.ok(post.some((r) => r.href.includes('/blog/2023/randomized-matmul/')), `the post is a result: ${JSON.stringify(post)}`);
        const paper = await search(page, 'Watanabe');
        const hit = paper.find((r) => r.href.includes('/publications/#'));
        assert.ok(hit, `a paper on the publications page is a result: ${JSON.stringify(paper)}`);
        // Keyboard only: arrow down from the field reaches the first result, then the next.
        await page.focus('#search-input');
        await page.keyboard.press('ArrowDown');
        const first = await page.evaluate(() => document.activeElement.classList.contains('search-result-link'));
        assert.ok(first, 'ArrowDown focuses the first result');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('ArrowUp');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input', 'ArrowUp goes back to the field');
        // Tab from the field reaches the results too (the close button, then the first link).
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        assert.ok(await page.evaluate(() => document.activeElement.closest('#search-results') !== null), 'Tab reaches the results');
        // Escape closes the dialog and gives the focus back to the button.
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => !document.getElementById('search-dialog').open);
        // The dialog's close event, which hands the focus back, is a task queued after `open` drops.
        await page.waitForFunction(() => document.activeElement.id === 'search-toggle', null, { timeout: 3000 }).catch(() => {});
        assert.equal(await page.evaluate(() => document.activeElement.id), 'search-toggle');
        // Enter on a result follows it.
        await page.click('#search-toggle');
        await search(page, 'Frobenius');
        await page.keyboard.press('ArrowDown');
        await Promise.all([page.waitForURL(/randomized-matmul/), page.keyboard.press('Enter')]);
        assert.deepEqual(problems(), []);
      } finally {
        await context.close();
      }
    });

    it('"/" typed in a field does not open the dialog', async () => {
      const context = await newContext(browser, { width: 1280, theme: 'light' });
      const { page } = await openPage(context, server.origin, '/publications/');
      try {
        await page.focus('#bibsearch');
        await page.keyboard.type('a/b');
        assert.equal(await page.inputValue('#bibsearch'), 'a/b');
        assert.equal(await page.evaluate(() => document.getElementById('search-dialog').open), false);
      } finally {
        await context.close();
      }
    });

    for (const theme of ['light', 'dark']) {
      for (const width of [1280, 375]) {
        it(`axe: no serious or critical violation with the dialog open (${theme}, ${width}px)`, async () => {
          const context = await newContext(browser, { width, theme });
          const { page, problems } = await openPage(context, server.origin, '/');
          try {
            await page.keyboard.press('Control+k');
            await search(page, 'memory');
            await page.keyboard.press('ArrowDown');
            const vs = await axeViolations(page);
            assert.equal(vs.length, 0, formatViolations(vs));
            // The dialog is drawn in the palette of the page.
            const bg = await page.$eval('#search-dialog', (d) => getComputedStyle(d).backgroundColor);
            const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
            assert.equal(bg, body, 'the dialog has the page background');
            assert.deepEqual(problems(), []);
          } finally {
            await context.close();
          }
        });
      }
    }

    it('the publications filter hides non-matching entries and empty years', async () => {
      const context = await newContext(browser, { width: 1280, theme: 'light' });
      const { page, problems } = await openPage(context, server.origin, '/publications/');
      try {
        assert.equal(await page.isVisible('#bibsearch'), true, 'the filter box is shown with JavaScript');
        const count = () =>
          page.evaluate(() => ({
            entries: [...document.querySelectorAll('ol.bibliography > li')].filter((li) => !li.hidden).length,
            years: [...document.querySelectorAll('h2.bibliography')].filter((h) => !h.hidden).map((h) => h.textContent.trim()),
            all: document.querySelectorAll('ol.bibliography > li').length,
          }));
        const start = await count();
        assert.ok(start.entries === start.all && start.years.length >= 2, JSON.stringify(start));
        await page.fill('#bibsearch', 'Watanabe');
        const some = await count();
        assert.ok(some.entries > 0 && some.entries < start.all, `some entries match: ${JSON.stringify(some)}`);
        const texts = await page.$$eval('ol.bibliography > li:not([hidden])', (lis) => lis.map((li) => li.textContent));
        assert.ok(texts.every((t) => t.includes('Watanabe')), 'every entry shown names Watanabe');
        assert.ok(some.years.length < start.years.length, `a year without match hides: ${JSON.stringify(some.years)}`);
        await page.fill('#bibsearch', 'zzzz-no-such-paper');
        const none = await count();
        assert.deepEqual([none.entries, none.years.length], [0, 0]);
        await page.fill('#bibsearch', '');
        assert.deepEqual(await count(), start);
        assert.deepEqual(problems(), []);
      } finally {
        await context.close();
      }
    });

    it('the publications list is whole without JavaScript, and no filter box shows', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        await page.goto(new URL('/publications/', server.origin).href);
        assert.equal(await page.isVisible('#bibsearch'), false);
        assert.equal(await page.isVisible('#search-toggle'), false, 'no search button without JavaScript');
        assert.ok((await page.$$('ol.bibliography > li')).length > 0);
      } finally {
        await context.close();
      }
    });
  });
}
