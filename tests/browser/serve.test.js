'use strict';
// `leernet serve` in Chromium (RELIABILITY H47): an open page updates by itself when its file
// is saved (swapped in place, keeping the scroll position); a broken file shows the overlay
// with every diagnostic (file:line:col) instead of a stale page while the server stays up;
// saving the fix brings the page back; drafts are shown and marked "Concept"; the reload
// client runs under the pages' CSP (script-src 'self'). The overlay is saved as a screenshot
// in tests/browser/artifacts/serve-overlay.png.
//
// The server runs on a copy of the real content/ in a temporary folder, on a free port.
// Environment: LEERNET_BIN (default $CARGO_TARGET_DIR/release/leernet or target/release/leernet).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const lib = require('./lib');

const PAGE_FILE = 'themas/armoede-en-schulden.md';
const PAGE_URL = 'themas/armoede-en-schulden/';
const DRAFT_URL = 'publicaties/concept-handreiking-buurtbudgetten/';

let tmp;
let server;
let base;
let browser;
let page;
const consoleErrors = [];

function leernetBinary() {
  if (process.env.LEERNET_BIN) return path.resolve(process.env.LEERNET_BIN);
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(lib.REPO_ROOT, process.env.CARGO_TARGET_DIR) : path.join(lib.REPO_ROOT, 'target');
  return path.join(target, 'release', 'leernet');
}

/** Starts `leernet serve` and resolves with its URL once it listens. */
function startServer(cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(leernetBinary(), ['serve', '--content', 'content', '--port', '0', '--now', lib.BUILD_NOW, '--drafts'], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 120000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /serving on (http:\/\/\S+)/.exec(log);
      if (m && !child.url) {
        child.url = m[1];
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
    child.on('error', reject);
  });
}

function write(rel, text) {
  fs.writeFileSync(path.join(tmp, 'content', rel), text);
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leernet-serve-test-'));
  fs.cpSync(path.join(lib.REPO_ROOT, 'content'), path.join(tmp, 'content'), { recursive: true });
  server = await startServer(tmp);
  base = server.url;
  browser = await lib.launchBrowser();
  page = await browser.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('h43: serve listens on 127.0.0.1 by default', () => {
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('h47: edit, reload, break, overlay, fix, recover', async () => {
  const original = fs.readFileSync(path.join(tmp, 'content', PAGE_FILE), 'utf8');
  const title = /^title: (.*)$/m.exec(original)[1];
  await page.goto(base + PAGE_URL);
  assert.equal((await page.locator('h1').first().textContent()).trim(), title);

  // Edit: the open page updates by itself, in place: no navigation, the scroll position stays.
  await page.evaluate(() => {
    window.leernetMark = 'same document';
    window.scrollTo(0, 200);
  });
  const scrolled = await page.evaluate(() => window.scrollY);
  const edited = original.replace(`title: ${title}`, `title: ${title} (bewerkt)`);
  write(PAGE_FILE, edited);
  await page.locator('h1', { hasText: `${title} (bewerkt)` }).first().waitFor({ timeout: 30000 });
  assert.equal(await page.title().then((t) => t.includes('(bewerkt)')), true, 'the <title> follows');
  assert.equal(await page.evaluate(() => window.leernetMark), 'same document', 'swapped, not reloaded');
  assert.equal(await page.evaluate(() => window.scrollY), scrolled);
  assert.equal(await page.locator('h1').count(), 1, 'one page, not two');

  // Break: an unknown key on line 2 and a second broken file: the overlay lists both.
  write(PAGE_FILE, edited.replace('---\n', '---\ntitel: fout\n'));
  write('themas/kapot.md', '---\ntitle: [niet gesloten\n---\n');
  const overlay = page.locator('#leernet-overlay');
  await overlay.waitFor({ timeout: 30000 });
  await page.locator('.where', { hasText: 'content/themas/kapot.md:' }).waitFor({ timeout: 30000 });
  const places = await page.locator('#leernet-overlay .where').allTextContents();
  assert.ok(places.includes(`content/${PAGE_FILE}:2:1`), `overlay places: ${places.join(', ')}`);
  assert.ok(places.some((p) => /^content\/themas\/kapot\.md:\d+:\d+$/.test(p)), `overlay places: ${places.join(', ')}`);
  const text = await overlay.textContent();
  assert.match(text, /titel/);
  await page.screenshot({ path: path.join(lib.ensureArtifactsDir(), 'serve-overlay.png') });
  assert.equal(await page.locator('h1', { hasText: title }).count(), 0, 'no stale page under the overlay');

  // The server stays up: another page answers with the overlay too.
  const other = await browser.newPage();
  const res = await other.goto(base);
  assert.equal(res.status(), 500);
  assert.equal(await other.locator('#leernet-overlay').count(), 1);
  await other.close();

  // Fix both: the page comes back by itself (a full reload: the overlay is another document).
  fs.rmSync(path.join(tmp, 'content', 'themas/kapot.md'));
  write(PAGE_FILE, original);
  await page.locator('h1', { hasText: title }).first().waitFor({ timeout: 30000 });
  await overlay.waitFor({ state: 'detached', timeout: 30000 });
  assert.equal(await page.locator('#leernet-overlay').count(), 0);
  assert.equal((await page.locator('h1').first().textContent()).trim(), title);
});

test('drafts are shown and marked "Concept"', async () => {
  const res = await page.goto(base + DRAFT_URL);
  assert.equal(res.status(), 200);
  await page.locator('.item-kind .badge-status', { hasText: 'Concept' }).waitFor({ timeout: 10000 });
});

test('d28: the reload client runs under the pages\' Content-Security-Policy', async () => {
  await page.goto(base + PAGE_URL);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self'/);
  assert.equal(await page.locator('script[src^="/__leernet/reload.js"]').count(), 1);
  const violations = consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e));
  assert.deepEqual(violations, []);
});
