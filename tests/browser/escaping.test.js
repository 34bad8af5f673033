'use strict';
// RELIABILITY D25-D28 and E29 in Chromium: the payload tree (tests/fixtures/payloads: a script
// payload in every front-matter string field of every type, raw HTML attacks, link titles and
// code-fence info strings in every body) built with the release binary, every page opened over
// file:// and over http under a sub-path, with the page's own CSP enforced (never bypassed).
// On every page: window.__xss is never set (also after every element got mouseover, focus and
// click events), no inline script is in the DOM, no CSP violation happened (an inline script
// or handler that the escaping let through would be one), no script error, and the page carries
// the `script-src 'self'` meta CSP before any script. A control page proves the detector sees a
// blocked inline script. The search query payload goes in through the URL.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { execFileSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const lib = require('./lib');

const PAYLOAD = '"><script>window.__xss=1</script><img src=x onerror="window.__xss=1">';
const SUB = '/spiegel/';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.xml': 'application/xml', '.ics': 'text/calendar', '.csv': 'text/csv',
};

let browser;
let server;
let site;
let httpBase;

function binary() {
  if (process.env.LEERNET_BIN) return path.resolve(process.env.LEERNET_BIN);
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(lib.REPO_ROOT, process.env.CARGO_TARGET_DIR) : path.join(lib.REPO_ROOT, 'target');
  return path.join(target, 'release', 'leernet');
}

function buildPayloadSite() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leernet-payloads-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const out = path.join(tmp, 'site');
  execFileSync(binary(), ['build', '--content', path.join(lib.REPO_ROOT, 'tests', 'fixtures', 'payloads', 'content'), '--out', out, '--now', lib.BUILD_NOW], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // The control page: the site's own CSP and an inline script and handler that must be blocked.
  const csp = fs.readFileSync(path.join(out, 'index.html'), 'utf8').match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)[0];
  fs.writeFileSync(
    path.join(out, 'control-inline.html'),
    `<!doctype html><html><head>${csp}</head><body><script>window.__xss=1</script><img src="x.png" onerror="window.__xss=1"><p id="p" onclick="window.__xss=1">p</p></body></html>`,
  );
  return fs.realpathSync(out);
}

function htmlPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html') && e.name !== 'control-inline.html') out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

before(async () => {
  site = buildPayloadSite();
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(SUB)) return res.writeHead(404).end();
    rel = rel.slice(SUB.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(site, rel);
    if (!file.startsWith(site + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  httpBase = `http://127.0.0.1:${server.address().port}${SUB}`;
  browser = await lib.launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

/** Records CSP violations and script errors from the first moment of every document. */
async function watchedPage(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sample || ''})`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_FILE_NOT_FOUND|Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { page, problems };
}

/** Pokes every element the way a reader would, then reads what happened. */
async function inspect(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('body *')) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart']) el.dispatchEvent(new Event(type, { bubbles: true }));
      if (el.tagName === 'DETAILS') el.open = !el.open;
    }
  });
  await page.waitForTimeout(30);
  return page.evaluate(() => {
    const csp = [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map((m) => m.content);
    const inline = [...document.scripts].filter((s) => !s.src && s.type !== 'application/ld+json').map((s) => s.textContent.slice(0, 60));
    const firstScript = document.querySelector('script');
    const cspMeta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    const cspFirst = !firstScript || !cspMeta || (cspMeta.compareDocumentPosition(firstScript) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    const handlers = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`));
    const scriptUrls = [...document.querySelectorAll('[href], [src], [action]')]
      .map((el) => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || '')
      .filter((u) => /^\s*(javascript|vbscript|data:text)/i.test(u));
    return { xss: window.__xss, violations: window.__violations || [], csp, inline, cspFirst, handlers, scriptUrls };
  });
}

const modes = () => [
  ['file://', (rel) => pathToFileURL(path.join(site, rel.split('?')[0])).href + (rel.includes('?') ? `?${rel.split('?')[1]}` : '')],
  ['http under a sub-path', (rel) => httpBase + rel],
];

test('d28: the detector itself sees a blocked inline script and handler (control page)', async () => {
  for (const [mode, urlOf] of modes()) {
    const context = await browser.newContext();
    try {
      const { page } = await watchedPage(context);
      await page.goto(urlOf('control-inline.html'), { waitUntil: 'load' });
      await page.click('#p');
      const r = await inspect(page);
      assert.equal(r.xss, undefined, `${mode}: the CSP did not block the control script`);
      assert.ok(r.violations.length >= 2, `${mode}: violations not seen: ${r.violations}`);
      assert.ok(r.inline.length === 1 && r.handlers.length === 2, `${mode}: control page not as built`);
    } finally {
      await context.close();
    }
  }
});

for (const [mode, urlOf] of modes()) {
  test(`d25 d26 d27 d28: no payload runs on any page (${mode}), every page under script-src 'self'`, { timeout: 600_000 }, async () => {
    const pages = htmlPages(site);
    assert.ok(pages.length >= 40, `only ${pages.length} pages`);
    const context = await browser.newContext();
    const failures = [];
    try {
      const { page, problems } = await watchedPage(context);
      for (const rel of pages) {
        problems.length = 0;
        const res = await page.goto(urlOf(rel), { waitUntil: 'load' });
        if (res && !res.ok() && rel !== '404.html') failures.push(`${rel}: HTTP ${res.status()}`);
        const r = await inspect(page);
        const why = [];
        if (r.xss !== undefined) why.push(`window.__xss = ${r.xss}`);
        if (r.violations.length) why.push(`CSP violations: ${r.violations.join('; ')}`);
        if (r.inline.length) why.push(`inline scripts: ${r.inline.join(' | ')}`);
        if (r.handlers.length) why.push(`event handlers: ${r.handlers.join(', ')}`);
        if (r.scriptUrls.length) why.push(`script URLs: ${r.scriptUrls.join(', ')}`);
        if (r.csp.length !== 1 || !r.csp[0].split(';').some((d) => d.trim() === "script-src 'self'")) why.push(`CSP meta: ${JSON.stringify(r.csp)}`);
        if (!r.cspFirst) why.push('a script comes before the CSP meta');
        if (problems.length) why.push(...problems);
        if (why.length) failures.push(`${rel}: ${why.join('; ')}`);
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(failures, [], lib.problemList(`${mode}: pages where a payload got through`, failures));
  });

  test(`e29 e30: the search query and indexed payloads stay text (${mode})`, async () => {
    const context = await browser.newContext();
    try {
      const { page, problems } = await watchedPage(context);
      const query = `${PAYLOAD} armoede`;
      await page.goto(urlOf(`zoeken/index.html?q=${encodeURIComponent(query)}`), { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0, null, { timeout: 10000 });
      const r = await inspect(page);
      assert.equal(r.xss, undefined);
      assert.deepEqual(r.violations, []);
      assert.equal(await page.inputValue('#search-q'), query);
      // Indexed titles show exactly the text written: escaped once, never twice, never markup.
      const titles = await page.$$eval('#search-results h3', (hs) => hs.map((h) => h.textContent));
      assert.ok(titles.includes(`Armoede ${PAYLOAD}`), titles.join(' | '));
      assert.ok(!titles.some((t) => t.includes('&quot;') || t.includes('&lt;')), titles.join(' | '));
      const markup = await page.$$eval('#search-results script, #search-results img, #search-results svg, #search-status *:not(mark)', (e) => e.length);
      assert.equal(markup, 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}
