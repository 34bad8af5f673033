'use strict';
// A keyboard-only walk at 1280 px: skip link, main navigation, theme list, a theme page, the
// offer list and an offer page, using only Tab, Shift+Tab and Enter. Every element that Tab
// focuses must be visible and show a focus indicator: its computed outline or box-shadow when
// focused differs from the same element unfocused (snapshotted right after each page load,
// while nothing is focused) and is not 'none'.
//
// The steps build on each other; once one fails, the later ones are skipped.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const lib = require('./lib');

const MAX_TABS = 80;
let browser;
let page;
let failedStep = null;
const walked = []; // every element focused during the walk, for the log

before(async () => {
  browser = await lib.launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  lib.ensureArtifactsDir();
});

/** A viewport screenshot in tests/browser/artifacts/, to look at the focus indicator. */
async function snap(name) {
  await page.screenshot({ path: path.join(lib.ARTIFACTS_DIR, `keyboard-${name}.png`) });
}

after(async () => {
  console.log(`keyboard walk: ${walked.length} focus stops checked, on ${new Set(walked.map((f) => f.page)).size} pages`);
  if (browser) await browser.close();
});

/** Run one step of the walk; skip it if an earlier step failed. */
function step(name, fn) {
  test(name, async (t) => {
    if (failedStep) {
      t.skip(`an earlier step failed: ${failedStep}`);
      return;
    }
    try {
      await fn();
    } catch (err) {
      failedStep = name;
      throw err;
    }
  });
}

/** Remember every focusable element's unfocused outline and box-shadow. Call while nothing is focused. */
async function snapshotUnfocused() {
  await page.evaluate(() => {
    const style = (el) => {
      const cs = getComputedStyle(el);
      return {
        outlineStyle: cs.outlineStyle,
        outlineWidth: cs.outlineWidth,
        outlineColor: cs.outlineColor,
        outlineOffset: cs.outlineOffset,
        boxShadow: cs.boxShadow,
      };
    };
    window.__leernetUnfocused = new Map();
    const focusables = document.querySelectorAll('a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]');
    for (const el of focusables) window.__leernetUnfocused.set(el, style(el));
    window.__leernetStyle = style;
  });
}

async function loadPage(rel) {
  await page.goto(lib.pageUrl(rel), { waitUntil: 'load' });
  await snapshotUnfocused();
}

/** Facts about document.activeElement. */
async function focused() {
  const info = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { none: true };
    const r = el.getBoundingClientRect();
    const nav = el.closest('nav');
    return {
      none: false,
      tag: el.tagName.toLowerCase(),
      id: el.id,
      className: typeof el.className === 'string' ? el.className : '',
      text: (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 80),
      hrefAttr: el.getAttribute('href'),
      href: el.href || null,
      nav: nav ? nav.getAttribute('aria-label') : null,
      inMain: !!el.closest('main'),
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      focusedStyle: window.__leernetStyle ? window.__leernetStyle(el) : null,
      unfocusedStyle: window.__leernetUnfocused ? window.__leernetUnfocused.get(el) || null : null,
      html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 160),
    };
  });
  info.url = page.url();
  info.page = lib.relFromUrl(info.url);
  info.target = info.href ? lib.relFromUrl(info.href) : null;
  walked.push(info);
  return info;
}

function describe(f) {
  if (f.none) return '(nothing focused)';
  return `<${f.tag}${f.id ? ` id="${f.id}"` : ''}${f.className ? ` class="${f.className}"` : ''}${f.hrefAttr ? ` href="${f.hrefAttr}"` : ''}> "${f.text}" on ${f.page}`;
}

/** Problems with the visibility and focus indicator of a focused element ([] when fine). */
function focusProblems(f, { fullyInViewport = false } = {}) {
  const problems = [];
  if (f.none) return ['nothing is focused'];
  const { box, viewport } = f;
  if (!(box.width > 0 && box.height > 0)) problems.push(`${describe(f)}: zero-size box ${JSON.stringify(box)}`);
  const intersects = box.x < viewport.width && box.y < viewport.height && box.x + box.width > 0 && box.y + box.height > 0;
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
  if (fullyInViewport ? !inside : !intersects) {
    problems.push(`${describe(f)}: not ${fullyInViewport ? 'fully ' : ''}within the ${viewport.width}x${viewport.height} viewport ${JSON.stringify(box)}`);
  }
  const on = f.focusedStyle;
  const off = f.unfocusedStyle;
  if (!on || !off) {
    problems.push(`${describe(f)}: no unfocused style recorded for this element (not focusable at load time?)`);
    return problems;
  }
  const outlineVisible = on.outlineStyle !== 'none' && parseFloat(on.outlineWidth) > 0 && !/rgba\(.*, 0\)$/.test(on.outlineColor);
  const outlineChanged =
    on.outlineStyle !== off.outlineStyle || on.outlineWidth !== off.outlineWidth || on.outlineColor !== off.outlineColor;
  const shadowVisible = on.boxShadow && on.boxShadow !== 'none';
  const shadowChanged = on.boxShadow !== off.boxShadow;
  if (!((outlineVisible && outlineChanged) || (shadowVisible && shadowChanged))) {
    problems.push(
      `${describe(f)}: no visible focus indicator (focused outline ${on.outlineStyle} ${on.outlineWidth} ${on.outlineColor}, ` +
        `box-shadow ${on.boxShadow}; unfocused outline ${off.outlineStyle} ${off.outlineWidth} ${off.outlineColor}, box-shadow ${off.boxShadow})`,
    );
  }
  return problems;
}

/** Press Tab (or Shift+Tab) and check the newly focused element. */
async function tab(problems, key = 'Tab') {
  await page.keyboard.press(key);
  const f = await focused();
  problems.push(...focusProblems(f));
  return f;
}

/** Tab until predicate(focused) holds; returns the focused element and the path of focused elements. */
async function tabUntil(predicate, what, problems) {
  const path = [];
  for (let i = 0; i < MAX_TABS; i++) {
    const f = await tab(problems);
    path.push(f);
    if (predicate(f)) return { f, path };
  }
  assert.fail(`${what} not reached after ${MAX_TABS} Tab presses on ${page.url()}; focus went through:\n${path.map((p) => `  ${describe(p)}`).join('\n')}`);
}

async function pressEnterAndWaitFor(expectedRel) {
  await Promise.all([page.waitForURL((url) => lib.relFromUrl(url.href) === expectedRel, { timeout: 10000 }), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  await snapshotUnfocused();
}

async function h1Text() {
  return page.evaluate(() => [...document.querySelectorAll('h1')].map((h) => h.textContent.replace(/\s+/g, ' ').trim()));
}

function assertNoProblems(problems, title) {
  assert.deepEqual(problems, [], lib.problemList(title, problems));
}

const isTheme = (rel) => /^themas\/[^/]+\/index\.html$/.test(rel || '');
const isOffer = (rel) => /^leeraanbod\/[^/]+\/index\.html$/.test(rel || '');
const navLink = (label) => (f) => f.nav === 'Hoofdmenu' && f.tag === 'a' && label.test(f.text);

step('Tab from the top of the home page: first focus is the visible skip link', async () => {
  await loadPage('index.html');
  await page.keyboard.press('Tab');
  const f = await focused();
  assert.equal(f.tag, 'a', `first Tab focused ${describe(f)}, expected the skip link`);
  assert.match(f.className, /\bskiplink\b/, `first Tab focused ${describe(f)}, expected a.skiplink`);
  assert.equal(f.hrefAttr, '#inhoud');
  await snap('skiplink');
  assertNoProblems(focusProblems(f, { fullyInViewport: true }), 'skip link focus problems');
});

step('Enter on the skip link moves focus to main#inhoud, and the next Tab stays in main', async () => {
  await page.keyboard.press('Enter');
  const f = await focused();
  assert.equal(f.tag, 'main', `after Enter on the skip link, focus is on ${describe(f)}, expected main#inhoud`);
  assert.equal(f.id, 'inhoud');
  assert.ok(f.box.y < f.viewport.height && f.box.y + f.box.height > 0, 'main#inhoud is not scrolled into view');
  // main (tabindex=-1) is the skip target, not a control: no focus indicator is required on it.
  const problems = [];
  const next = await tab(problems);
  assert.ok(next.inMain, `Tab after the skip left main: ${describe(next)}`);
  assertNoProblems(problems, 'focus problems');
});

step('Tab reaches the main navigation links in order (and Shift+Tab walks back to "Thema\'s")', async () => {
  await loadPage('index.html');
  const expected = await page.evaluate(() =>
    [...document.querySelectorAll('nav[aria-label="Hoofdmenu"] a[href]')].map((a) => a.textContent.replace(/\s+/g, ' ').trim()),
  );
  assert.ok(expected.length > 0, 'no links in nav[aria-label="Hoofdmenu"]');
  const problems = [];
  const reached = [];
  let sawNav = false;
  let passedNav = false;
  for (let i = 0; i < MAX_TABS && !passedNav; i++) {
    const f = await tab(problems);
    if (f.nav === 'Hoofdmenu') {
      if (!sawNav) await snap('hoofdmenu');
      sawNav = true;
      reached.push(f.text);
    } else if (sawNav) {
      passedNav = true;
    }
  }
  assert.ok(passedNav, `Tab did not get through the main navigation in ${MAX_TABS} presses (reached: ${reached.join(', ')})`);
  assert.deepEqual(reached, expected, 'Tab order through the main navigation differs from the link order');
  // Back up to "Thema's" with Shift+Tab: the same links in reverse order.
  const back = [];
  for (let i = 0; i < expected.length; i++) {
    const f = await tab(problems, 'Shift+Tab');
    back.push(f.text);
    if (navLink(/^Thema/)(f)) break;
  }
  const themasIndex = expected.findIndex((t) => /^Thema/.test(t));
  assert.ok(themasIndex >= 0, `no "Thema's" link in the main navigation: ${expected.join(', ')}`);
  assert.deepEqual(back, expected.slice(themasIndex).reverse(), 'Shift+Tab order through the main navigation');
  assertNoProblems(problems, 'focus problems in the main navigation');
});

step('Enter on "Thema\'s" opens the theme list', async () => {
  const f = await focused();
  assert.ok(navLink(/^Thema/)(f), `focus is on ${describe(f)}, expected the "Thema's" link`);
  await pressEnterAndWaitFor(f.target);
  assert.equal(lib.relFromUrl(page.url()), 'themas/index.html');
  assert.deepEqual(await h1Text(), ["Thema's"]);
});

step('Tab from the top of the theme list to the first theme, Enter opens that theme page', async () => {
  const firstTheme = await page.evaluate(() => {
    const a = [...document.querySelectorAll('main a[href]')].find((x) => /\/themas\/[^/]+\/index\.html$/.test(x.href));
    return a ? a.href : null;
  });
  assert.ok(firstTheme, 'the theme list links to no theme page');
  const problems = [];
  const { f } = await tabUntil((x) => isTheme(x.target), 'a link to a theme page', problems);
  assert.equal(f.href, firstTheme, `the first theme link that Tab reaches (${describe(f)}) is not the first theme in main`);
  await snap('eerste-thema');
  assertNoProblems(problems, 'focus problems on the theme list');
  await pressEnterAndWaitFor(f.target);
  const h1 = await h1Text();
  assert.equal(h1.length, 1);
  assert.equal(h1[0], f.text, 'the theme page h1 differs from the link text');
});

step('from the theme page, "Leeraanbod" in the main navigation, then the skip link and Tab to the first offer, Enter opens it', async () => {
  const problems = [];
  const { f: nav } = await tabUntil(navLink(/^Leeraanbod$/), 'the "Leeraanbod" link in the main navigation', problems);
  await pressEnterAndWaitFor(nav.target);
  assert.equal(lib.relFromUrl(page.url()), 'leeraanbod/index.html');

  const firstOffer = await page.evaluate(() => {
    const a = [...document.querySelectorAll('main a[href]')].find((x) => /\/leeraanbod\/[^/]+\/index\.html$/.test(x.href));
    return a ? a.href : null;
  });
  assert.ok(firstOffer, 'the offer list links to no offer page');
  const skip = await tab(problems);
  assert.match(skip.className, /\bskiplink\b/, `first Tab on the offer list focused ${describe(skip)}`);
  await page.keyboard.press('Enter');
  const main = await focused();
  assert.equal(main.id, 'inhoud', `Enter on the skip link focused ${describe(main)}`);
  const { f } = await tabUntil((x) => isOffer(x.target), 'a link to an offer page', problems);
  assert.equal(f.href, firstOffer, `the first offer link that Tab reaches (${describe(f)}) is not the first offer in main`);
  assertNoProblems(problems, 'focus problems on the way to the offer');
  await pressEnterAndWaitFor(f.target);
  const h1 = await h1Text();
  assert.equal(h1.length, 1);
  assert.equal(h1[0], f.text, 'the offer page h1 differs from the link text');
});
