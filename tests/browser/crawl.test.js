'use strict';
// Crawl the built site in Chromium over file://, starting at index.html (and 404.html, which no
// page links to), following every <a href> that stays inside the site folder and loading every
// stylesheet, image and script. The crawl runs WITHOUT bypassing the Content-Security-Policy, so
// a CSP violation shows up as a console error.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');

const MIN_PAGES = Number(process.env.LEERNET_MIN_PAGES || 200);

let browser;
const result = {
  pages: [], // rel paths crawled, in order
  info: new Map(), // rel -> { ids, h1, lang, title, csp }
  problems: {
    missing: [], // link or resource targets that do not exist
    outside: [], // link or resource targets outside the site folder
    console: [], // console errors and uncaught exceptions
    failed: [], // failed requests
    external: [], // requests that are not file: inside the site folder
    fragments: [], // #fragments without an element with that id
    loads: [], // pages that did not load at all
  },
  fragmentChecks: [], // { from, target, id, href }
  counts: { externalLinks: 0, mailto: 0, tel: 0, resources: 0, links: 0 },
};

function collectPage() {
  // Runs in the page.
  const out = [];
  const abs = (raw) => {
    try {
      return new URL(raw, document.baseURI).href;
    } catch {
      return null;
    }
  };
  const add = (kind, el, attr, raw = el.getAttribute(attr)) => {
    if (raw == null) return;
    out.push({ kind, tag: el.tagName.toLowerCase(), attr, raw, url: abs(raw) });
  };
  const srcset = (kind, el) => {
    const v = el.getAttribute('srcset');
    if (!v) return;
    for (const part of v.split(',')) {
      const u = part.trim().split(/\s+/)[0];
      if (u) add(kind, el, 'srcset', u);
    }
  };
  for (const el of document.querySelectorAll('a[href], area[href]')) add('link', el, 'href');
  for (const el of document.querySelectorAll('link[href]')) {
    const rel = (el.getAttribute('rel') || '').toLowerCase().split(/\s+/);
    add(rel.includes('stylesheet') ? 'stylesheet' : 'link-element', el, 'href');
  }
  for (const el of document.querySelectorAll('img[src], script[src], iframe[src], embed[src], video[src], audio[src], source[src], track[src]')) {
    add(el.tagName === 'SCRIPT' ? 'script' : 'resource', el, 'src');
  }
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) srcset('resource', el);
  for (const el of document.querySelectorAll('video[poster]')) add('resource', el, 'poster');
  for (const el of document.querySelectorAll('object[data]')) add('resource', el, 'data');
  const cspMetas = [...document.querySelectorAll('meta[http-equiv]')]
    .filter((m) => m.getAttribute('http-equiv').toLowerCase() === 'content-security-policy')
    .map((m) => ({ content: m.getAttribute('content') || '', inHead: m.parentElement === document.head }));
  return {
    refs: out,
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    h1: document.querySelectorAll('h1').length,
    lang: document.documentElement.getAttribute('lang'),
    title: document.querySelector('head > title') ? document.title : null,
    csp: cspMetas,
  };
}

/** True when a CSP policy text has a script-src directive that allows 'self'. */
function scriptSrcSelf(policy) {
  for (const directive of policy.split(';')) {
    const tokens = directive.trim().split(/\s+/);
    if (tokens[0] && tokens[0].toLowerCase() === 'script-src') return tokens.slice(1).includes("'self'");
  }
  return false;
}

before(async () => {
  const site = lib.siteDir();
  browser = await lib.launchBrowser();
  const context = await browser.newContext(); // no bypassCSP here, on purpose
  const page = await context.newPage();
  const p = result.problems;
  let current = null;

  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      p.console.push(`${current}: console error: ${msg.text()}${loc && loc.url ? ` (at ${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => p.console.push(`${current}: uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Moving on to the next page aborts what is still loading (often the favicon): not a fault.
    if (req.failure() && req.failure().errorText === 'net::ERR_ABORTED' && req.resourceType() === 'other') return;
    p.failed.push(`${current}: ${req.resourceType()} ${req.url()} failed: ${req.failure() ? req.failure().errorText : '?'}`);
  });
  page.on('request', (req) => {
    const url = req.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (lib.relFromUrl(url) === null) p.external.push(`${current}: ${req.resourceType()} request to ${url}`);
  });

  const seeds = ['index.html', '404.html'].filter((f) => fs.existsSync(path.join(site, f)));
  const seen = new Set(seeds);
  const queue = [...seeds];
  const checkedResources = new Set();

  while (queue.length) {
    const rel = queue.shift();
    current = rel;
    try {
      await page.goto(lib.pageUrl(rel), { waitUntil: 'load' });
    } catch (err) {
      p.loads.push(`${rel}: ${err.message.split('\n')[0]}`);
      continue;
    }
    const data = await page.evaluate(collectPage);
    result.pages.push(rel);
    result.info.set(rel, { ids: new Set(data.ids), h1: data.h1, lang: data.lang, title: data.title, csp: data.csp });

    for (const ref of data.refs) {
      const where = `${rel}: <${ref.tag} ${ref.attr}="${ref.raw}">`;
      if (!ref.url) {
        p.missing.push(`${where}: not a valid URL`);
        continue;
      }
      const u = new URL(ref.url);
      if (ref.kind === 'link') {
        if (u.protocol === 'mailto:') { result.counts.mailto++; continue; }
        if (u.protocol === 'tel:') { result.counts.tel++; continue; }
        if (u.protocol === 'http:' || u.protocol === 'https:') { result.counts.externalLinks++; continue; }
      }
      if (u.protocol !== 'file:') {
        // An external stylesheet, image or script (or a javascript: link) is a problem.
        p.external.push(`${where}: points outside the site (${u.protocol})`);
        continue;
      }
      const target = lib.relFromUrl(ref.url);
      if (target === null) {
        p.outside.push(`${where}: resolves outside the site folder`);
        continue;
      }
      const abs = path.join(site, target);
      let stat = null;
      try {
        stat = fs.statSync(abs);
      } catch {
        stat = null;
      }
      if (!stat) {
        p.missing.push(`${where}: ${target || '(site folder)'} does not exist`);
        continue;
      }
      if (stat.isDirectory()) {
        p.missing.push(`${where}: ${target || '(site folder)'} is a folder, not a file (links must name index.html)`);
        continue;
      }
      if (ref.kind !== 'link') {
        if (!checkedResources.has(target)) {
          checkedResources.add(target);
          result.counts.resources++;
        }
        continue;
      }
      result.counts.links++;
      if (ref.raw.includes('#')) {
        const id = decodeURIComponent(u.hash.slice(1));
        result.fragmentChecks.push({ from: rel, target, id, href: ref.raw });
      }
      if (/\.html?$/i.test(target) && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  current = '(after crawl)';

  for (const f of result.fragmentChecks) {
    const info = result.info.get(f.target);
    if (f.id === '') {
      p.fragments.push(`${f.from}: href="${f.href}" has an empty fragment`);
    } else if (!info) {
      p.fragments.push(`${f.from}: href="${f.href}": ${f.target} is not an HTML page that was crawled, cannot hold #${f.id}`);
    } else if (!info.ids.has(f.id)) {
      p.fragments.push(`${f.from}: href="${f.href}": no element with id="${f.id}" on ${f.target}`);
    }
  }

  // Not an assertion: HTML files in the site that no link reaches.
  const all = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.html?$/.test(e.name)) all.push(path.relative(site, full).split(path.sep).join('/'));
    }
  };
  walk(site);
  const orphans = all.filter((f) => !seen.has(f));
  console.log(
    `crawled ${result.pages.length} pages from ${site}: ${result.counts.links} internal links, ` +
      `${result.counts.resources} distinct stylesheets/images/scripts, ${result.fragmentChecks.length} links with a fragment, ` +
      `${result.counts.externalLinks} external links, ${result.counts.mailto} mailto and ${result.counts.tel} tel links (not followed)`,
  );
  if (orphans.length) console.log(lib.problemList('HTML files in the site that no link reaches (information only)', orphans));
});

after(async () => {
  if (browser) await browser.close();
});

test(`crawls more than ${MIN_PAGES} pages`, () => {
  assert.ok(result.pages.length > MIN_PAGES, `only ${result.pages.length} pages crawled, expected more than ${MIN_PAGES}`);
});

test('every page loads', () => {
  assert.deepEqual(result.problems.loads, [], lib.problemList('pages that did not load', result.problems.loads));
});

test('every link and resource target exists inside the site folder', () => {
  const problems = [...result.problems.missing, ...result.problems.outside];
  assert.deepEqual(problems, [], lib.problemList('missing or outside link targets', problems));
});

test('d28: no console errors or uncaught exceptions (CSP enforced)', () => {
  assert.deepEqual(result.problems.console, [], lib.problemList('console errors', result.problems.console));
});

test('no failed requests', () => {
  assert.deepEqual(result.problems.failed, [], lib.problemList('failed requests', result.problems.failed));
});

test('c24: no request outside the site folder (no http(s) at all)', () => {
  assert.deepEqual(result.problems.external, [], lib.problemList('requests outside the site folder', result.problems.external));
});

test('c21: every #fragment in a link resolves to an element with that id', () => {
  assert.deepEqual(result.problems.fragments, [], lib.problemList('unresolved fragments', result.problems.fragments));
});

function perPage(check) {
  const problems = [];
  for (const [rel, info] of result.info) {
    const problem = check(info);
    if (problem) problems.push(`${rel}: ${problem}`);
  }
  return problems;
}

test('every page has exactly one <h1>', () => {
  const problems = perPage((i) => (i.h1 === 1 ? null : `${i.h1} <h1> elements`));
  assert.deepEqual(problems, [], lib.problemList('pages without exactly one h1', problems));
});

test('every page has a lang attribute', () => {
  const problems = perPage((i) => (i.lang && i.lang.trim() ? null : 'no lang on <html>'));
  assert.deepEqual(problems, [], lib.problemList('pages without lang', problems));
});

test('every page has a non-empty <title>', () => {
  const problems = perPage((i) => (i.title && i.title.trim() ? null : 'no or empty <title>'));
  assert.deepEqual(problems, [], lib.problemList('pages without title', problems));
});

test("d28: every page has a CSP meta in <head> with script-src 'self'", () => {
  const problems = perPage((i) => {
    if (i.csp.length === 0) return 'no <meta http-equiv="Content-Security-Policy">';
    if (!i.csp.some((c) => c.inHead)) return 'the CSP meta is not a child of <head>';
    if (!i.csp.some((c) => scriptSrcSelf(c.content))) return `CSP has no script-src 'self': ${i.csp.map((c) => c.content).join(' | ')}`;
    return null;
  });
  assert.deepEqual(problems, [], lib.problemList('pages without the CSP', problems));
});
