'use strict';
// axe-core (WCAG 2.0/2.1 level A and AA rules) on one page of every page type: home, every list
// page, one detail page per list (the first one the list links to), the content pages and
// 404.html. The pages are found from the site's links, so new page types are picked up.
//
// axe is injected as a script; the pages' CSP (script-src 'self') would block that over file://,
// so this context bypasses the CSP. The crawl test checks the pages with the CSP enforced.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const lib = require('./lib');

const AXE_PATH = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let browser;
let context;
const samples = lib.samplePages();
const allViolations = []; // { page, violation }

before(async () => {
  browser = await lib.launchBrowser();
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
});

after(async () => {
  if (allViolations.length) console.log(summary(allViolations));
  if (browser) await browser.close();
});

function describeViolation(page, v) {
  const lines = [`[${v.impact || 'n/a'}] ${v.id} on ${page}: ${v.help} (${v.helpUrl})`];
  for (const node of v.nodes) {
    lines.push(`    target: ${node.target.join(' ')}`);
    lines.push(`      html: ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
    const why = (node.failureSummary || '').replace(/\s+/g, ' ').trim();
    if (why) lines.push(`      why: ${why.slice(0, 400)}`);
  }
  return lines.join('\n');
}

/** All violations grouped by rule: which pages, which elements. */
function summary(list) {
  const byRule = new Map();
  for (const { page, violation } of list) {
    if (!byRule.has(violation.id)) byRule.set(violation.id, { v: violation, pages: new Map() });
    byRule.get(violation.id).pages.set(page, violation.nodes.map((n) => n.target.join(' ')));
  }
  const lines = [`axe summary: ${byRule.size} distinct rule(s) violated`];
  for (const [id, { v, pages }] of byRule) {
    lines.push(`  ${id} [${v.impact}] ${v.help}`);
    for (const [page, targets] of pages) lines.push(`    ${page}: ${targets.join(', ')}`);
  }
  return lines.join('\n');
}

test('the sample covers home, list, detail, content and 404 pages', () => {
  const kinds = new Set(samples.map((s) => s.kind));
  for (const kind of ['home', 'list', 'detail', 'content', '404']) {
    assert.ok(kinds.has(kind), `no ${kind} page found; samples: ${samples.map((s) => s.rel).join(', ')}`);
  }
  console.log(`axe runs on ${samples.length} pages: ${samples.map((s) => `${s.kind}:${s.rel}`).join(', ')}`);
});

for (const sample of samples) {
  test(`axe WCAG 2.1 A/AA: ${sample.kind} ${sample.rel}`, async () => {
    const page = await context.newPage();
    try {
      await page.goto(lib.pageUrl(sample.rel), { waitUntil: 'load' });
      await page.addScriptTag({ path: AXE_PATH });
      const results = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS,
      );
      // axe must really have run its rules on the page (not an empty result).
      assert.ok(results.passes.length > 0, `axe reported no passing rules on ${sample.rel}: did it run?`);
      for (const violation of results.violations) allViolations.push({ page: sample.rel, violation });
      const text = results.violations.map((v) => describeViolation(sample.rel, v)).join('\n');
      if (text) console.log(text);
      assert.equal(
        results.violations.length,
        0,
        `${results.violations.length} axe violation(s) on ${sample.rel}:\n${text}`,
      );
    } finally {
      await page.close();
    }
  });
}
