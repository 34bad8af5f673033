'use strict';
// The search page (zoeken/index.html) in headless Chromium, from file:// and over http under a
// sub-path, with the page's CSP enforced: results while typing, the live region, facets with
// counts, state in the URL, the back button, keyboard navigation, axe on the page with
// results, the no-JavaScript fallback, and XSS payloads in an indexed title and in the query
// that never run.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { execFileSync } = require('node:child_process');
const lib = require('./lib');

const SUB = '/een/sub/pad/';
let browser;
let server;
let httpBase;

function serve(dir) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(SUB)) {
      res.writeHead(404);
      res.end();
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(SUB.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
}

before(async () => {
  browser = await lib.launchBrowser();
  server = serve(lib.siteDir());
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  httpBase = `http://127.0.0.1:${server.address().port}${SUB}`;
});

after(async () => {
  if (server) server.close();
  if (browser) await browser.close();
});

/** A page that fails the test on any script error or CSP violation. */
async function open(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, context, problems };
}

/** file:// URL of a site page, keeping its query string (`zoeken/index.html?q=x`). */
function fileUrl(rel) {
  const [file, query] = rel.split('?');
  return lib.pageUrl(file) + (query ? `?${query}` : '');
}

const modes = () => [
  ['file://', fileUrl],
  ['http under a sub-path', (rel) => httpBase + rel],
];

async function waitForResults(page, query) {
  await page.waitForFunction(
    (q) => {
      const s = document.getElementById('search-status').textContent;
      return s.includes(q) && document.querySelectorAll('#search-results li').length > 0;
    },
    query,
    { timeout: 10000 },
  );
}

const statusCount = async (page) => Number((await page.textContent('#search-status')).match(/^(\d+)/)?.[1] ?? NaN);

for (const [mode, urlOf] of modes()) {
  test(`e32: ${mode}: typing shows highlighted results, announced in the live region, with the query in the URL`, async () => {
    const { page, context, problems } = await open(urlOf('zoeken/index.html'));
    try {
      await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
      assert.equal(await page.getAttribute('#search-status', 'role'), 'status');
      assert.equal(await page.getAttribute('#search-status', 'aria-live'), 'polite');
      assert.equal(await page.textContent('label[for=search-q]') !== '', true);
      await page.click('#search-q');
      await page.keyboard.type('vrijwillig', { delay: 30 });
      await waitForResults(page, 'vrijwillig');
      assert.match(await page.textContent('#search-status'), /^\d+ resultaten? voor ‘vrijwillig’/);
      const titles = await page.$$eval('#search-results h3', (hs) => hs.map((h) => h.textContent));
      assert.ok(titles.some((t) => /vrijwilligers/i.test(t)), titles.join(' | '));
      assert.ok((await page.$$('#search-results mark')).length > 0, 'matched words are highlighted');
      assert.ok((await page.$$('#search-results .search-badge')).length > 0, 'type badges');
      // The URL follows the query once typing pauses (search.js, URL_PAUSE).
      await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'vrijwillig', null, { timeout: 2000 });
      assert.equal(await page.isHidden('#search-browse'), true, 'the browse lists give way to results');
      // Every result link leads to a page of the site.
      const href = await page.getAttribute('#search-results h3 a', 'href');
      assert.match(href, /^\.\.\/[a-z-]+\/[a-z0-9-]+\/index\.html$/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test(`${mode}: facets filter with live counts, live in the URL, and the back button restores them`, async () => {
    const { page, context, problems } = await open(urlOf('zoeken/index.html?q=armoede'));
    try {
      await waitForResults(page, 'armoede');
      const all = await statusCount(page);
      const box = page.locator('input[name=type][value=leeraanbod]');
      const label = await page.locator('label', { has: box }).textContent();
      const facetCount = Number(label.match(/\((\d+)\)/)[1]);
      assert.ok(facetCount > 0 && facetCount < all, `${facetCount} of ${all}`);
      await box.check();
      await page.waitForFunction((n) => document.getElementById('search-status').textContent.startsWith(`${n} `), facetCount);
      const badges = await page.$$eval('#search-results .search-result-meta .search-badge:first-child', (b) => b.map((x) => x.textContent));
      assert.ok(badges.length > 0 && badges.every((b) => b === 'Leeraanbod'), badges.join(','));
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('q'), 'armoede');
      assert.deepEqual(url.searchParams.getAll('type'), ['leeraanbod']);
      // Combined with a second facet (a lazily loaded one): open it, pick its first value.
      await page.click('details.search-facet summary >> text=Thema');
      const theme = page.locator('input[name=thema]:visible').first();
      await theme.waitFor();
      await theme.check();
      await page.waitForFunction(() => new URL(location.href).searchParams.has('thema'));
      const both = await statusCount(page);
      assert.ok(both <= facetCount, `${both} <= ${facetCount}`);
      await page.goBack();
      await page.waitForFunction(() => !new URL(location.href).searchParams.has('thema'));
      await page.waitForFunction((n) => document.getElementById('search-status').textContent.startsWith(`${n} `), facetCount);
      assert.equal((await page.$$('input[name=thema]:checked')).length, 0);
      await page.goBack();
      await page.waitForFunction(() => !new URL(location.href).searchParams.has('type'));
      await page.waitForFunction((n) => document.getElementById('search-status').textContent.startsWith(`${n} `), all);
      assert.equal(await box.isChecked(), false);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test(`${mode}: a shared URL restores query and facets; the keyboard walks the results`, async () => {
    const { page, context, problems } = await open(urlOf('zoeken/index.html?q=wijk&type=publicaties&status=actueel'));
    try {
      // status=actueel applies to offers only, so with type=publicaties nothing is left; the
      // page says so and keeps both filters visible to undo.
      await page.waitForFunction(() => document.getElementById('search-status').textContent.startsWith('Geen resultaten'));
      assert.equal(await page.inputValue('#search-q'), 'wijk');
      assert.equal(await page.isChecked('input[name=type][value=publicaties]'), true);
      await page.uncheck('input[name=status][value=actueel]');
      await waitForResults(page, 'wijk');
      await page.focus('#search-q');
      await page.keyboard.press('ArrowDown');
      const links = await page.$$eval('#search-results h3 a', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.length >= 2);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), links[0]);
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), links[1]);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
      // Focus is visible on the result links.
      await page.keyboard.press('ArrowDown');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('http: a one-word query gets its first page from one champion file, not a request per result', async () => {
  const { page, context, problems } = await open(httpBase + 'zoeken/index.html');
  try {
    await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
    await page.fill('#search-q', 'armoede');
    await waitForResults(page, 'armoede');
    assert.equal(await page.$$eval('#search-results li', (ls) => ls.length), 10);
    assert.ok((await page.$$('#search-results .search-result-snippet')).length === 10, 'every result has a snippet');
    const files = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('/index/')).map((n) => n.replace(/.*\/index\//, '')),
    );
    const champions = files.filter((f) => f.startsWith('c/'));
    const fragments = files.filter((f) => f.startsWith('d/'));
    assert.equal(champions.length, 1, files.join(' '));
    assert.ok(fragments.length <= 2, `at most two fragment files besides the champion file: ${files.join(' ')}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('axe finds no WCAG A/AA violations on the search page with results and open facets', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto(fileUrl('zoeken/index.html?q=jongeren'));
    await waitForResults(page, 'jongeren');
    await page.click('details.search-facet summary >> text=Doelgroep');
    await page.locator('input[name=doelgroep]:visible').first().waitFor();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
    );
    const v = result.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(v, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the search page leads to the static lists', async () => {
  const { page, context } = await open(fileUrl('zoeken/index.html?q=armoede'), { javaScriptEnabled: false });
  try {
    assert.equal(await page.isVisible('#search-nojs'), true);
    assert.equal(await page.isVisible('#search-ui'), false);
    assert.equal(await page.isVisible('#search-browse'), true);
    assert.equal(await page.getAttribute('form.search-form', 'method'), 'get');
    assert.equal(await page.getAttribute('#search-q', 'name'), 'q');
    const hrefs = await page.$$eval('#search-browse a', (as) => as.map((a) => a.getAttribute('href')));
    for (const want of ['../themas/index.html', '../leeraanbod/index.html', '../publicaties/index.html']) {
      assert.ok(hrefs.includes(want), `${want} in ${hrefs.join(', ')}`);
    }
    for (const h of hrefs) assert.ok(fs.existsSync(path.join(lib.siteDir(), 'zoeken', h)), `${h} exists`);
  } finally {
    await context.close();
  }
});

/** A small site whose indexed title and summary carry script payloads. */
function xssSite() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leernet-search-xss-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.cpSync(path.join(lib.REPO_ROOT, 'tests', 'testsuite', 'base', 'content'), path.join(tmp, 'content'), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, 'content', 'publicaties', 'xss.md'),
    [
      '---',
      `title: 'Kwaadaardig <img src=x onerror="window.__xss=1"> </h3><script>window.__xss=2</script> & "quotes"'`,
      `summary: 'Samenvatting <svg onload="window.__xss=3"> kwaadaardig'`,
      'themes: [armoede-en-schulden]',
      'published: 2024-01-01',
      'publication_type: notitie',
      'publishers: [movisie]',
      '---',
      'Tekst over kwaadaardig gedrag <b onmouseover="window.__xss=4">vet</b>.',
      '',
    ].join('\n'),
  );
  const bin = process.env.LEERNET_BIN
    ? path.resolve(process.env.LEERNET_BIN)
    : path.join(process.env.CARGO_TARGET_DIR ? path.resolve(lib.REPO_ROOT, process.env.CARGO_TARGET_DIR) : path.join(lib.REPO_ROOT, 'target'), 'release', 'leernet');
  execFileSync(bin, ['build', '--content', 'content', '--out', 'site', '--now', lib.BUILD_NOW], { cwd: tmp, stdio: 'ignore' });
  return path.join(tmp, 'site');
}

test('e29: script payloads in an indexed title and in the query are shown as text and never run', async () => {
  const site = xssSite();
  const payload = '"><img src=x onerror="window.__xss=5"><script>window.__xss=6</script> kwaadaardig';
  const url = require('node:url').pathToFileURL(path.join(site, 'zoeken', 'index.html')).href +
    '?q=' + encodeURIComponent(payload);
  const { page, context, problems } = await open(url);
  try {
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0, null, { timeout: 10000 });
    await page.hover('#search-results li');
    await page.waitForTimeout(200);
    const title = await page.textContent('#search-results h3');
    assert.equal(title, 'Kwaadaardig <img src=x onerror="window.__xss=1"> </h3><script>window.__xss=2</script> & "quotes"');
    assert.equal(await page.inputValue('#search-q'), payload);
    assert.match(await page.textContent('#search-status'), /kwaadaardig’/);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.$$eval('#search-results img, #search-results script, #search-results svg, #search-status *', (e) => e.length), 0);
    assert.deepEqual(problems.filter((p) => !/ERR_FILE_NOT_FOUND|net::/.test(p)), []);
  } finally {
    await context.close();
  }
});

test('e29: search.js never assigns HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
  const src = fs.readFileSync(path.join(lib.REPO_ROOT, 'layouts', 'assets', 'search.js'), 'utf8');
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) {
    assert.ok(!code.includes(sink), `search.js uses ${sink}`);
  }
});
