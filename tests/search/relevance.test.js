'use strict';
// The relevance set (tests/search/relevance.tsv) against the real search page in headless
// Chromium over file://: for each query, typed as a reader types it, the expected item must be
// among the first three results. At least 90% must hold; every miss is printed with what came
// first instead. Uses the site of tests/browser/lib.js (LEERNET_SITE, or a fresh build).
//   node --test tests/search/

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('../browser/lib.js');

const MIN_SHARE = 0.9;

function cases() {
  return fs
    .readFileSync(path.join(__dirname, 'relevance.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [query, expected, category] = l.split('\t');
      return { query, expected, category };
    });
}

/** `../leeraanbod/x/index.html` -> `leeraanbod/x`; pages live at the root: `paginas/x`. */
function itemOf(href) {
  const parts = href.replace(/^\.\.\//, '').replace(/\/index\.html$/, '').split('/');
  return parts.length === 1 ? `paginas/${parts[0]}` : parts.join('/');
}

/** Types `query` into the search page and resolves with the result links, in order. */
async function searchFor(page, query) {
  return page.evaluate(
    (q) =>
      new Promise((resolve, reject) => {
        const root = document.getElementById('search');
        const input = document.getElementById('search-q');
        const timer = setTimeout(() => reject(new Error(`no results event for ${q}`)), 5000);
        root.addEventListener('leernet:results', function done(e) {
          if (e.detail.query !== q.trim()) return;
          root.removeEventListener('leernet:results', done);
          clearTimeout(timer);
          resolve([...document.querySelectorAll('#search-results h3 a')].map((a) => a.getAttribute('href')));
        });
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    query,
  );
}

test('relevance set: the expected item is in the top 3 for at least 90% of the queries', async () => {
  const all = cases();
  assert.ok(all.length >= 40, `the relevance set needs at least 40 queries, has ${all.length}`);
  const browser = await lib.launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(lib.pageUrl('zoeken/index.html'));
    await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
    const misses = [];
    const byCategory = {};
    for (const c of all) {
      const top = (await searchFor(page, c.query)).slice(0, 3).map(itemOf);
      const hit = top.includes(c.expected);
      const cat = (byCategory[c.category] = byCategory[c.category] || { hits: 0, total: 0 });
      cat.total++;
      if (hit) cat.hits++;
      else misses.push(`  "${c.query}" (${c.category}): expected ${c.expected}, got ${top.join(', ') || 'nothing'}`);
    }
    const hits = all.length - misses.length;
    const share = hits / all.length;
    console.log(`relevance: ${hits} of ${all.length} queries (${(share * 100).toFixed(1)}%) have the expected item in the top 3`);
    for (const [cat, v] of Object.entries(byCategory)) console.log(`  ${cat}: ${v.hits}/${v.total}`);
    console.log(misses.length ? `misses:\n${misses.join('\n')}` : 'misses: none');
    assert.ok(share >= MIN_SHARE, `only ${(share * 100).toFixed(1)}% in the top 3:\n${misses.join('\n')}`);
  } finally {
    await browser.close();
  }
});
