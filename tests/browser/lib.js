'use strict';
// Shared helpers for the browser tests: where the built site is, how Chromium is launched,
// and a static (no browser) map of the site's pages used to pick sample pages.
//
// Environment:
//   LEERNET_SITE      folder of an already built site (default: build one into a temp folder
//                     with ./target/release/leernet build --content content --now 2026-11-28)
//   LEERNET_BIN       leernet binary used for that default build
//                     (default: $CARGO_TARGET_DIR/release/leernet or target/release/leernet)
//   CHROMIUM_PATH     Chromium executable (default: /usr/bin/chromium, Debian's package)
//   LEERNET_MIN_PAGES the crawl must find more pages than this (default: 200)

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { pathToFileURL, fileURLToPath } = require('node:url');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS_DIR = path.join(__dirname, 'artifacts');
const BUILD_NOW = '2026-11-28';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let cachedSite = null;

/** Absolute, real path of the built site folder (built once per test process if needed). */
function siteDir() {
  if (cachedSite) return cachedSite;
  let dir;
  if (process.env.LEERNET_SITE) {
    dir = path.resolve(process.env.LEERNET_SITE);
  } else {
    dir = buildSite();
  }
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`no index.html in the site folder ${dir} (LEERNET_SITE=${process.env.LEERNET_SITE || ''})`);
  }
  cachedSite = fs.realpathSync(dir);
  return cachedSite;
}

function leernetBinary() {
  if (process.env.LEERNET_BIN) return path.resolve(process.env.LEERNET_BIN);
  const targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR)
    : path.join(REPO_ROOT, 'target');
  return path.join(targetDir, 'release', 'leernet');
}

function buildSite() {
  const bin = leernetBinary();
  if (!fs.existsSync(bin)) {
    throw new Error(
      `leernet binary not found at ${bin}: run \`cargo build --release\` first, ` +
        'or set LEERNET_SITE to a built site folder (scripts/browser-tests does both)',
    );
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leernet-browser-site-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      cleanup();
      process.kill(process.pid, signal);
    });
  }
  const out = path.join(tmp, 'site');
  execFileSync(bin, ['build', '--content', 'content', '--out', out, '--now', BUILD_NOW], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

/** Launch headless Chromium from the Debian package (playwright gives each launch a fresh profile). */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install -y chromium chromium-driver ` +
        '(or set CHROMIUM_PATH); never `npx playwright install`',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** file:// URL of a page given by its path relative to the site folder ('themas/index.html'). */
function pageUrl(rel) {
  return pathToFileURL(path.join(siteDir(), rel)).href;
}

/**
 * Path relative to the site folder (with '/') of a file: URL, or null when the URL is not a
 * file: URL inside the site folder. The fragment and query are ignored.
 */
function relFromUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'file:') return null;
  u.hash = '';
  u.search = '';
  const abs = fileURLToPath(u.href);
  const rel = path.relative(siteDir(), abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return rel === '' ? '' : null;
  return rel.split(path.sep).join('/');
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    return String.fromCodePoint(parseInt(k.slice(1), 10));
  });
}

/** hrefs of the <a> elements in an HTML text, in document order. */
function anchorHrefs(html) {
  const re = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
  const out = [];
  let m;
  while ((m = re.exec(html))) out.push(decodeEntities(m[1] ?? m[2] ?? m[3]));
  return out;
}

let cachedMap = null;

/**
 * Static map of the site, by reading the HTML files and following <a href> from index.html
 * (and 404.html, which nothing links to). Used only to choose sample pages; crawl.test.js
 * does the real crawl in the browser.
 * Returns { pages: [rel, ...] in breadth-first order, links: Map(rel -> [rel of linked pages]) }.
 */
function siteMap() {
  if (cachedMap) return cachedMap;
  const site = siteDir();
  const seeds = ['index.html', '404.html'].filter((p) => fs.existsSync(path.join(site, p)));
  const pages = [];
  const links = new Map();
  const seen = new Set(seeds);
  const queue = [...seeds];
  while (queue.length) {
    const rel = queue.shift();
    pages.push(rel);
    const html = fs.readFileSync(path.join(site, rel), 'utf8');
    const targets = [];
    for (const href of anchorHrefs(html)) {
      let target;
      try {
        target = relFromUrl(new URL(href, pageUrl(rel)).href);
      } catch {
        continue;
      }
      if (!target || !/\.html?$/.test(target)) continue;
      if (!fs.existsSync(path.join(site, target))) continue;
      if (!targets.includes(target)) targets.push(target);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
    links.set(rel, targets);
  }
  cachedMap = { pages, links };
  return cachedMap;
}

/**
 * One page of every page type, discovered from the site map:
 *  - home (index.html) and 404.html;
 *  - every list page: a top-level folder page ('x/index.html') that has pages below it;
 *  - one detail page per list: the first page below 'x/' that the list page links to;
 *  - the content pages: top-level folder pages with nothing below them;
 *  - for any other shape of path (first folder + depth) not yet covered, its first page.
 * Returns [{ kind, name, rel }], e.g. { kind: 'detail', name: 'themas', rel: 'themas/foo/index.html' }.
 */
function samplePages() {
  const { pages, links } = siteMap();
  const depth = (rel) => rel.split('/').length;
  const top = (rel) => rel.split('/')[0];
  const samples = [];
  const covered = new Set();
  const add = (kind, name, rel) => {
    if (samples.some((s) => s.rel === rel)) return;
    samples.push({ kind, name, rel });
    covered.add(`${top(rel)}:${depth(rel)}`);
  };
  if (pages.includes('index.html')) add('home', 'home', 'index.html');
  const firstLevel = pages.filter((p) => depth(p) === 2 && p.endsWith('/index.html'));
  for (const rel of firstLevel) {
    const folder = top(rel);
    const below = pages.filter((p) => p.startsWith(`${folder}/`) && depth(p) > 2);
    if (below.length === 0) {
      add('content', folder, rel);
      continue;
    }
    add('list', folder, rel);
    const detail = (links.get(rel) || []).find((p) => p.startsWith(`${folder}/`) && depth(p) === 3) || below[0];
    add('detail', folder, detail);
  }
  for (const rel of pages) {
    if (rel === '404.html') continue;
    const key = `${top(rel)}:${depth(rel)}`;
    if (!covered.has(key)) add('other', key.replace(':', '-depth'), rel);
  }
  if (pages.includes('404.html')) add('404', '404', '404.html');
  return samples;
}

function ensureArtifactsDir() {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return ARTIFACTS_DIR;
}

/** A list of problems as one readable assertion message (capped). */
function problemList(title, problems, cap = 60) {
  const shown = problems.slice(0, cap).map((p) => `  - ${p}`);
  if (problems.length > cap) shown.push(`  ... and ${problems.length - cap} more`);
  return `${title} (${problems.length}):\n${shown.join('\n')}`;
}

module.exports = {
  REPO_ROOT,
  ARTIFACTS_DIR,
  BUILD_NOW,
  CHROMIUM_ARGS,
  siteDir,
  launchBrowser,
  pageUrl,
  relFromUrl,
  anchorHrefs,
  siteMap,
  samplePages,
  ensureArtifactsDir,
  problemList,
};
