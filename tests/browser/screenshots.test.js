'use strict';
// Full-page screenshots at 1280 and 375 px wide of home, a theme page, an offer page, a
// publication page, the leerkringen list and a practice example, saved under
// tests/browser/artifacts/ (git-ignored). At 375 px no page may scroll horizontally; that is
// also checked, without screenshots, on every page of the site.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const lib = require('./lib');

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
];

const samples = lib.samplePages();
const pick = (kind, name) => samples.find((s) => s.kind === kind && s.name === name);
const SHOTS = [
  { name: 'home', sample: pick('home', 'home') },
  { name: 'thema', sample: pick('detail', 'themas') },
  { name: 'leeraanbod', sample: pick('detail', 'leeraanbod') },
  { name: 'publicatie', sample: pick('detail', 'publicaties') },
  { name: 'leerkringen-lijst', sample: pick('list', 'leerkringen') },
  { name: 'praktijkvoorbeeld', sample: pick('detail', 'praktijkvoorbeelden') },
];

let browser;
const contexts = new Map();

before(async () => {
  browser = await lib.launchBrowser();
  for (const viewport of WIDTHS) contexts.set(viewport.width, await browser.newContext({ viewport, deviceScaleFactor: 1 }));
  lib.ensureArtifactsDir();
});

after(async () => {
  if (browser) await browser.close();
});

/**
 * scrollWidth, and the elements whose content reaches past the right edge of the viewport (a
 * long word, a long URL, a wide table or image). An element's reach is measured over its
 * contents (text and child boxes), so a box that is only stretched by a wide neighbour is not
 * blamed; only the deepest such elements are listed, as they are the cause.
 */
async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // How far right an element's content really goes: its text, the boxes of its empty or
    // replaced children (images, svg) and of children that clip their content (overflow-x not
    // visible), and the content of its other children, recursively. A box only stretched by a
    // wide neighbour (a grid track) does not count.
    const memo = new Map();
    const extent = (el) => {
      if (memo.has(el)) return memo.get(el);
      let right = 0;
      const cs = getComputedStyle(el);
      if (cs.display === 'none') {
        right = 0;
      } else if (cs.overflowX !== 'visible' || !el.hasChildNodes()) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 || r.height > 0) right = r.right;
      } else {
        for (const node of el.childNodes) {
          if (node.nodeType === Node.TEXT_NODE) {
            if (!node.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) right = Math.max(right, r.right);
          } else if (node.nodeType === Node.ELEMENT_NODE) {
            right = Math.max(right, extent(node));
          }
        }
      }
      memo.set(el, right);
      return right;
    };
    const offenders = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (extent(el) <= width + 0.5) continue;
      if (getComputedStyle(el).display === 'contents') continue;
      if ([...el.children].some((c) => extent(c) > width + 0.5)) continue;
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 70);
      const where = el.parentElement ? ` in <${el.parentElement.tagName.toLowerCase()}${el.parentElement.className ? `.${String(el.parentElement.className).trim().split(/\s+/).join('.')}` : ''}>` : '';
      offenders.push(`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}${el.getAttribute('src') ? ` src="${el.getAttribute('src')}"` : ''}>${where} reaches ${Math.round(extent(el))}px: "${text}"`);
    }
    if (offenders.length === 0) {
      // Nothing's content sticks out: then a box does (a fixed width, a negative margin).
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 0.5) continue;
        if ([...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5)) continue;
        offenders.push(`box of <${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> reaches ${Math.round(r.right)}px`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 10) };
  });
}

test('the pages to photograph are found', () => {
  const missing = SHOTS.filter((s) => !s.sample).map((s) => s.name);
  assert.deepEqual(missing, [], `no sample page for: ${missing.join(', ')}`);
});

for (const shot of SHOTS) {
  for (const { width } of WIDTHS) {
    test(`screenshot ${shot.name} at ${width} px${width <= 375 ? ', no horizontal scroll' : ''}`, async (t) => {
      if (!shot.sample) {
        t.skip('page not found');
        return;
      }
      const page = await contexts.get(width).newPage();
      try {
        await page.goto(lib.pageUrl(shot.sample.rel), { waitUntil: 'load' });
        const file = path.join(lib.ARTIFACTS_DIR, `${shot.name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${shot.sample.rel} at ${width} px -> ${path.relative(lib.REPO_ROOT, file)}`);
        if (width <= 375) {
          const o = await horizontalOverflow(page);
          assert.ok(
            o.scrollWidth <= width,
            `${shot.sample.rel} scrolls horizontally at ${width} px: scrollWidth ${o.scrollWidth}; sticking out:\n  ${o.offenders.join('\n  ')}`,
          );
        }
      } finally {
        await page.close();
      }
    });
  }
}

test('no horizontal scroll at 375 px on any page of the site', async () => {
  const { pages } = lib.siteMap();
  const page = await contexts.get(375).newPage();
  const problems = [];
  try {
    for (const rel of pages) {
      await page.goto(lib.pageUrl(rel), { waitUntil: 'load' });
      const o = await horizontalOverflow(page);
      if (o.scrollWidth > 375) problems.push(`${rel}: scrollWidth ${o.scrollWidth}; sticking out: ${o.offenders.join('; ')}`);
    }
  } finally {
    await page.close();
  }
  console.log(`checked ${pages.length} pages at 375 px for horizontal scroll`);
  assert.deepEqual(problems, [], lib.problemList('pages that scroll horizontally at 375 px', problems));
});
