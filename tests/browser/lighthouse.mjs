// Lighthouse (12.x, the last line that runs on Node 20) over one page of a built site, served on
// 127.0.0.1 by server.mjs, in the system Chromium. Prints the category scores and every audit that
// costs points. Report only: exits 0 whatever the scores, unless LIGHTHOUSE_STRICT=1, when it
// exits 1 below the goals (accessibility 100, best practices 100, performance >= 95).
//
//   node lighthouse.mjs SITE_DIR [REBASE_FROM] [PATH]
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startServer } from './server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './lib.mjs';

const [dir, rebase, pagePath = '/'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node lighthouse.mjs SITE_DIR [REBASE_FROM] [PATH]');
  process.exit(2);
}
const GOALS = { performance: 95, accessibility: 100, 'best-practices': 100 };

const server = await startServer(dir, { rebase: rebase || null });
let chrome;
let code = 0;
try {
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
  const url = new URL(pagePath, server.origin).href;
  const started = Date.now();
  const result = await lighthouse(url, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  const lhr = result.lhr;
  console.log(`lighthouse ${lhr.lighthouseVersion} on ${pagePath} (mobile emulation, simulated throttling; ${((Date.now() - started) / 1000).toFixed(1)} s):`);
  for (const [id, cat] of Object.entries(lhr.categories)) {
    const score = Math.round(cat.score * 100);
    const goal = GOALS[id];
    const verdict = goal === undefined ? '' : score >= goal ? `  (goal ${goal}: met)` : `  (goal ${goal}: NOT met)`;
    if (goal !== undefined && score < goal) code = 1;
    console.log(`  ${cat.title.padEnd(16)} ${String(score).padStart(3)}${verdict}`);
    for (const ref of cat.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || ref.weight === 0 || a.score === null || a.score >= 1) continue;
      if (a.scoreDisplayMode === 'informative' || a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'manual') continue;
      console.log(`      - ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
    }
  }
  for (const w of lhr.runWarnings || []) console.log(`  warning: ${w}`);
} finally {
  if (chrome) await chrome.kill();
  await server.close();
}
process.exit(process.env.LIGHTHOUSE_STRICT === '1' ? code : 0);
