'use strict';
// The same output served over http under a sub-path (/kennis/) on loopback, with no rebuild:
// Chromium follows every link from /kennis/index.html; every page and resource must load
// (no 4xx/5xx), stay under /kennis/, and log no console error.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');

const PREFIX = '/kennis/';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.xml': 'application/xml',
  '.ics': 'text/calendar', '.csv': 'text/csv', '.txt': 'text/plain', '.png': 'image/png',
};

let server;
let base;
let browser;
const site = lib.siteDir();

before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(PREFIX)) {
      res.writeHead(404).end('outside the sub-path');
      return;
    }
    rel = rel.slice(PREFIX.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(site, rel);
    if (!file.startsWith(site + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  browser = await lib.launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

test('every page works under a sub-path over http, without a rebuild', { timeout: 600_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  let current = '';
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console on ${current}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception on ${current}: ${e}`));
  page.on('requestfailed', (r) => {
    // Moving on to the next page aborts what is still loading (often the favicon): not a fault.
    const why = (r.failure() || {}).errorText || '';
    if (why !== 'net::ERR_ABORTED') problems.push(`failed on ${current}: ${r.url()} (${why})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} on ${current}: ${r.url()}`); });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`leaves the sub-path on ${current}: ${r.url()}`);
  });
  const seen = new Set([base + 'index.html']);
  const queue = [base + 'index.html'];
  while (queue.length) {
    current = queue.shift();
    const res = await page.goto(current, { waitUntil: 'load' });
    if (!res || !res.ok()) { problems.push(`page ${current}: ${res ? res.status() : 'no response'}`); continue; }
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const h of hrefs) {
      const u = h.split('#')[0];
      if (!u.startsWith(base) || !u.endsWith('.html') || seen.has(u)) continue;
      seen.add(u);
      queue.push(u);
    }
  }
  await context.close();
  console.log(`sub-path crawl: ${seen.size} pages under ${PREFIX}`);
  assert.ok(seen.size > 200, `only ${seen.size} pages reached`);
  assert.deepEqual(problems, []);
});
