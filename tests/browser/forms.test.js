'use strict';
// The contribution forms (bijdragen/leeraanbod, bijdragen/praktijkvoorbeeld, bijdragen/publicatie,
// vraag-stellen) in headless Chromium:
//  - round trip: fill each form (every field, and only the required ones), take the file from
//    the download and from the copy field, write it into a copy of content/, and
//    `leernet check --strict` accepts it unchanged;
//  - invalid input shows the error summary (role=alert) whose links focus the fields;
//  - without JavaScript the form posts to the endpoint from site.yaml (a fixture tree), or to
//    a mailto: address with a prefilled template link (the real content has no endpoints);
//  - the slug rule in assets/slug.js gives the same names as the generator (`leernet new`);
//  - axe finds no WCAG 2.1 A/AA violation, empty, with errors and with the finished file;
//  - the pages make no request outside the site and log no CSP violation.
//
// Uses LEERNET_SITE / LEERNET_BIN like the other browser tests (see lib.js).

const { test, before, after, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const lib = require('./lib');
const slug = require('../../layouts/assets/slug.js');

const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CONTENT = path.join(lib.REPO_ROOT, 'content');
const ENDPOINT = 'https://formulieren.example.test/';

/** The four forms: page, content folder, and a title that exercises the slug rule. */
const FORMS = [
  {
    name: 'leeraanbod',
    rel: 'bijdragen/leeraanbod/index.html',
    folder: 'leeraanbod',
    title: 'Training "Samen sterk" & één wijk: 2027',
  },
  {
    name: 'praktijkvoorbeeld',
    rel: 'bijdragen/praktijkvoorbeeld/index.html',
    folder: 'praktijkvoorbeelden',
    title: 'Buurtkamer ’t Hofje: café-avond in Überwijk',
  },
  {
    name: 'publicatie',
    rel: 'bijdragen/publicatie/index.html',
    folder: 'publicaties',
    title: 'Handreiking ½ dag – Coördinatie ß Łódź',
  },
  {
    name: 'leervraag',
    rel: 'vraag-stellen/index.html',
    folder: 'leervragen',
    title: 'Hoe bereik je ouders met geldzorgen in een “stille” wijk?',
  },
];

const BODY = [
  '## Aanpak',
  '',
  'Wat we deden, in het kort:',
  '',
  '- één keer per week een **open inloop**;',
  '- samen met "de wijkagent" & het buurtteam.',
  '',
  'Meer op [de site van de gemeente](https://www.example.nl/wijk).',
].join('\r\n');

function leernetBin() {
  if (process.env.LEERNET_BIN) return path.resolve(process.env.LEERNET_BIN);
  const target = process.env.CARGO_TARGET_DIR
    ? path.resolve(lib.REPO_ROOT, process.env.CARGO_TARGET_DIR)
    : path.join(lib.REPO_ROOT, 'target');
  return path.join(target, 'release', 'leernet');
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'leernet-forms-'));
process.on('exit', () => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let tmpCount = 0;
function tmpDir(name) {
  tmpCount += 1;
  const dir = path.join(tmpRoot, `${tmpCount}-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function copyContent(name) {
  const dir = path.join(tmpDir(name), 'content');
  fs.cpSync(CONTENT, dir, { recursive: true });
  return dir;
}

/** `leernet check --strict` on a content folder: { status, output }. */
function check(contentDir) {
  const r = spawnSync(leernetBin(), ['check', '--content', contentDir, '--strict'], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

let browser;
let endpointSite; // a build of content/ with forms.<name>.endpoint set for every form

before(async () => {
  browser = await lib.launchBrowser();
  const content = copyContent('endpoint-content');
  const forms = FORMS.map((f) => `  ${f.name}: {endpoint: "${ENDPOINT}${f.name}"}`).join('\n');
  fs.appendFileSync(path.join(content, 'site.yaml'), `\nforms:\n${forms}\n`);
  endpointSite = path.join(tmpDir('endpoint-site'), 'site');
  execFileSync(leernetBin(), ['build', '--content', content, '--out', endpointSite, '--now', lib.BUILD_NOW], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
});

after(async () => {
  if (browser) await browser.close();
});

/** A page with the CSP enforced; records requests outside the site and console errors. */
async function openForm(rel, { site = lib.siteDir(), javaScript = true, bypassCSP = false } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    bypassCSP,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`exception: ${e}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('blob:') && !url.startsWith(ENDPOINT)) {
      problems.push(`request outside the site: ${url}`);
    }
  });
  await page.goto(pathToFileURL(path.join(site, rel)).href, { waitUntil: 'load' });
  return { context, page, problems };
}

/** What the test needs to know of every answerable field, read from the page. */
async function fieldsOf(page) {
  return page.evaluate(() => {
    const form = document.querySelector('form[data-contribution]');
    const out = [];
    for (const f of form.querySelectorAll('[data-field]')) {
      const widget = f.dataset.widget;
      if (widget === 'record' || widget === 'records') continue;
      const row = f.closest('[data-row]');
      const rows = row ? Array.from(row.parentElement.querySelectorAll(':scope > [data-row]')) : [];
      const records = f.parentElement.closest('[data-widget="records"]');
      const record = f.parentElement.closest('[data-widget="record"]');
      const choices = Array.from(f.querySelectorAll('input[type="checkbox"], input[type="radio"]'));
      out.push({
        key: f.dataset.key,
        widget,
        format: f.dataset.format || null,
        required: f.hasAttribute('data-required'),
        id: f.querySelector('input, select, textarea').id,
        options: Array.from(f.querySelectorAll('option'))
          .map((o) => o.value)
          .filter(Boolean),
        choiceIds: choices.map((c) => c.id),
        row: row ? rows.indexOf(row) : -1,
        parentRequired: !!(records && records.hasAttribute('data-required')),
        inRecord: !!record,
      });
    }
    return out;
  });
}

function textFor(form, f) {
  const dates = { start: '2027-03-15', end: '2027-06-30', deadline: '2027-03-01' };
  if (f.format === 'date') return dates[f.key] || '2027-04-01';
  if (f.format === 'partial-date') return f.key === 'end' ? '2025-12' : '2024';
  if (f.format === 'url') return `https://www.example.nl/${f.key}?a=1&b=2`;
  if (f.format === 'number') return '49,50';
  if (f.format === 'integer') return '1200';
  if (f.format === 'time') return '09:30';
  if (f.key === 'country') return 'BE';
  if (f.key === 'title') return form.title;
  if (f.key === 'summary') return 'Een korte samenvatting met "aanhalingstekens", een dubbele punt: en één accent.';
  if (f.widget === 'body') return BODY;
  if (f.widget === 'lines') return 'Eerste regel: met een dubbele punt\n  \n"Tweede" regel & meer\nNO\n0123';
  return `Tekst bij ${f.key}: 'ja' & "nee" # geen commentaar`;
}

/**
 * Fills a form like a person would. `full`: every field (two rows of each list of records);
 * otherwise only what is required. `consent` ticks the consent box of a question.
 */
async function fill(page, form, { full, consent = full }) {
  for (const f of await fieldsOf(page)) {
    if (f.row > 1) continue;
    const wanted = full ? f.row <= 1 : f.required && !f.inRecord && (f.row === -1 || (f.row === 0 && f.parentRequired));
    if (!wanted) continue;
    const pick = Math.max(f.row, 0);
    switch (f.widget) {
      case 'checkbox':
        if (f.key === 'consent' ? consent : full) await page.check(`#${f.id}`);
        break;
      case 'radios':
        await page.check(`#${f.choiceIds[Math.min(pick, f.choiceIds.length - 1)]}`);
        break;
      case 'checkboxes':
        for (const id of f.choiceIds.slice(0, full ? 2 : 1)) await page.check(`#${id}`);
        break;
      case 'select':
        if (f.options.length) await page.selectOption(`#${f.id}`, f.options[Math.min(pick, f.options.length - 1)]);
        break;
      default:
        await page.fill(`#${f.id}`, textFor(form, f));
    }
  }
}

/** Submits with JavaScript and returns the finished file: from the download and the copy field. */
async function finish(page) {
  await page.click('form[data-contribution] button[type="submit"]');
  const result = page.locator('.form-result');
  await result.waitFor({ state: 'visible' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-result-download]')]);
  const downloaded = fs.readFileSync(await download.path(), 'utf8');
  const copied = await page.inputValue('[data-result-text]');
  const name = await page.textContent('[data-result-name]');
  return { text: downloaded, copied, name, suggested: download.suggestedFilename() };
}

/** Writes the file into a fresh copy of content/ and runs `leernet check --strict` on it. */
function roundTrip(form, made, label) {
  assert.equal(made.text, made.copied, 'the download and the copy field hold the same file');
  assert.match(made.name, new RegExp(`^${form.folder}/[a-z0-9]+(-[a-z0-9]+)*\\.md$`));
  assert.equal(made.suggested, path.basename(made.name));
  const content = copyContent(`${form.name}-${label}`);
  const target = path.join(content, made.name);
  assert.ok(!fs.existsSync(target), `${made.name} exists already: the form must propose a free name`);
  fs.writeFileSync(target, made.text);
  const result = check(content);
  assert.equal(result.status, 0, `leernet check --strict rejects ${made.name}:\n${result.output}\n--- file ---\n${made.text}`);
  assert.match(result.output, /no errors, no warnings/);
  return content;
}

describe('slug rule', () => {
  const TITLES = [
    'Coördinatie & één "Wijk"',
    "Jeugd's zorg",
    'Buurtkamer ’t Hofje: café-avond',
    'Zoë’s „boek” en ‘citaat’',
    'Ĳsselmonde en Ĳmuiden',
    'Straße, Æbleskiver, Œuvre, Ångström, Øst',
    'São Paulo, Kraków, Łódź, Dvořák, Škoda',
    '€ 50 korting © 2024 ® ™',
    'Handreiking ½ dag – Coördinatie — nu',
    'cafe\u0301 (NFD) en café (NFC)',
    'Ελληνικά και Русский текст',
    '  --Wijk__aanpak--  ',
    'tab\there\nnew line',
    'CON',
    'nul',
    '!!!',
    'x&y',
    'Ünïcödé Ẃéïrd Ḁccents ǅ ǈ',
    '“Quotes” ‘single’ `back` ´acute´',
    'Wat is ‘sociale basis’?',
  ];

  test('assets/slug.js names files exactly as the generator does (leernet new)', () => {
    const problems = [];
    for (const title of TITLES) {
      const content = tmpDir('slug');
      const out = execFileSync(leernetBin(), ['new', 'offer', title, '--content', content], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      const rust = path.basename(out, '.md');
      const js = slug.proposedFileSlug(title);
      if (rust !== js) problems.push(`${JSON.stringify(title)}: generator ${rust}, browser ${js}`);
    }
    assert.deepEqual(problems, []);
  });

  test('a taken name gets a number', () => {
    assert.equal(slug.freeSlug('wijk', ['wijk', 'wijk-2']), 'wijk-3');
    assert.equal(slug.freeSlug('wijk', ['pagina']), 'wijk');
    assert.equal(slug.proposedFileSlug('???'), 'naamloos');
    assert.equal(slug.proposedFileSlug('Con'), 'con-1');
  });
});

describe('round trip: the file a form makes passes leernet check --strict unchanged', () => {
  for (const form of FORMS) {
    test(`${form.name}: every field filled`, async () => {
      const { context, page, problems } = await openForm(form.rel);
      try {
        await fill(page, form, { full: true });
        const made = await finish(page);
        assert.ok(made.text.startsWith('---\n'), made.text);
        assert.match(made.text, /\npublished: "\d{4}-\d{2}-\d{2}"\n/);
        assert.match(made.text, new RegExp(`^title: ${escapeRe(JSON.stringify(form.title))}$`, 'm'));
        assert.equal(path.basename(made.name, '.md'), slug.proposedFileSlug(form.title));
        assert.ok(made.text.includes('\n---\n\n## Aanpak\n'), 'the body follows the front matter, with LF');
        assert.ok(!made.text.includes('\r'), 'line endings are LF');
        if (form.name === 'leervraag') {
          assert.match(made.text, /^source: "coordinatiepunt"$/m);
          assert.match(made.text, /^status: "open"$/m);
          assert.match(made.text, /^consent: true$/m);
          assert.match(made.text, /^asked_by: \["[a-z-]+", "[a-z-]+"\]$/m);
          assert.ok(await page.locator('[data-unchecked]').isHidden(), 'no held-back note with consent');
        }
        // The mail to the coordination point carries the whole file.
        const mail = await page.getAttribute('[data-result-mail]', 'href');
        assert.ok(mail.startsWith('mailto:coordinatiepunt@example.nl?subject='), mail);
        assert.ok(decodeURIComponent(mail.split('&body=')[1]).endsWith(made.text));
        // The copy button reports what it did.
        await page.click('[data-result-copy]');
        await page.waitForFunction(() => document.querySelector('[data-result-status]').textContent !== '');
        roundTrip(form, made, 'full');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test(`${form.name}: only the required fields`, async () => {
      const { context, page, problems } = await openForm(form.rel);
      try {
        await fill(page, form, { full: false });
        const made = await finish(page);
        const content = roundTrip(form, made, 'minimal');
        if (form.name === 'leervraag') {
          // Without consent the question is valid but held back, and the page says so.
          assert.match(made.text, /^consent: false$/m);
          assert.ok(await page.locator('[data-unchecked]').isVisible(), 'the held-back note shows');
          const out = spawnSync(
            leernetBin(),
            // The build's "now" is the day the form dated the file: around midnight the browser's
            // today (Amsterdam) and a fixed build date can differ, which would schedule it instead.
            ['build', '--content', content, '--out', path.join(tmpDir('held-back'), 'site'), '--now', made.text.match(/\npublished: "(\d{4}-\d{2}-\d{2})"/)[1]],
            { encoding: 'utf8' },
          );
          assert.equal(out.status, 0, out.stderr);
          assert.match(out.stderr, new RegExp(`without consent\\): [^\\n]*${escapeRe(made.name)}`));
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('a title whose name is taken gets a free file name', async () => {
    const form = FORMS.find((f) => f.name === 'leervraag');
    const { context, page } = await openForm(form.rel);
    try {
      // A title that gives the name of a published question: its slug, in words.
      const taken = JSON.parse(await page.getAttribute('form[data-contribution]', 'data-taken'));
      const name = taken.find((t) => t.startsWith('hoe-'));
      assert.ok(name && fs.existsSync(path.join(CONTENT, form.folder, `${name}.md`)), 'a published question');
      const words = name.replace(/-/g, ' ');
      const title = `${words[0].toUpperCase()}${words.slice(1)}?`;
      assert.equal(slug.proposedFileSlug(title), name);
      const existing = `${name}.md`;
      await fill(page, { ...form, title }, { full: false });
      const made = await finish(page);
      assert.equal(made.name, `${form.folder}/${path.basename(existing, '.md')}-2.md`);
      roundTrip(form, made, 'taken');
    } finally {
      await context.close();
    }
  });
});

describe('invalid input', () => {
  for (const form of FORMS) {
    test(`${form.name}: an empty form shows the error summary, whose links focus the fields`, async () => {
      const { context, page, problems } = await openForm(form.rel);
      try {
        await page.click('form[data-contribution] button[type="submit"]');
        const summary = page.locator('.error-summary');
        await summary.waitFor({ state: 'visible' });
        assert.equal(await summary.getAttribute('role'), 'alert');
        assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary has focus');
        assert.ok((await page.title()).startsWith('Fout: '));
        assert.ok(await page.locator('.form-result').isHidden(), 'no file from an invalid form');
        const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        const required = (await fieldsOf(page)).filter((f) => f.required && f.row === -1 && !f.inRecord);
        assert.ok(links.length >= required.length - 1, `${links.length} errors for ${required.length} required fields`);
        for (const [i, href] of links.entries()) {
          await summary.locator('a').nth(i).click();
          const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
          assert.equal(`#${focused}`, href, 'the link moves focus to its field');
          // The field shows the same message, linked with aria-describedby.
          const linked = await page.evaluate((id) => {
            // The field the message belongs to: the nearest one around the focused control
            // that shows an error (a list of records holds its rows' controls).
            let field = document.getElementById(id).closest('[data-field]');
            while (field && field.querySelector(':scope > .field-error').hidden) {
              field = field.parentElement.closest('[data-field]');
            }
            if (!field) return false;
            const error = field.querySelector(':scope > .field-error');
            const holder = field.matches('fieldset') ? field : field.querySelector('input, select, textarea');
            return (holder.getAttribute('aria-describedby') || '').split(' ').includes(error.id);
          }, focused);
          assert.ok(linked, `${href}: inline error linked with aria-describedby`);
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('format and cross-field rules: web address, dates, question mark, too long', async () => {
    const offer = FORMS[0];
    const { context, page } = await openForm(offer.rel);
    try {
      await fill(page, offer, { full: false });
      await page.fill('#leeraanbod-source-url', 'www.example.nl');
      await page.fill('#leeraanbod-start', '2027-06-01');
      await page.fill('#leeraanbod-end', '2027-05-01');
      // maxlength stops typing; a pasted text in an old browser is still checked.
      await page.evaluate(() => document.getElementById('leeraanbod-title').removeAttribute('maxlength'));
      await page.fill('#leeraanbod-title', 'x'.repeat(201));
      await page.click('form[data-contribution] button[type="submit"]');
      const texts = await page.locator('.error-summary a').allTextContents();
      assert.ok(texts.some((t) => /^Titel: gebruik hooguit 200 tekens\. Nu zijn het er 201\.$/.test(t)), texts.join('\n'));
      assert.ok(texts.some((t) => t.startsWith('Webpagina met meer informatie: vul een webadres in')), texts.join('\n'));
      assert.ok(texts.some((t) => t.startsWith('Einddatum: deze datum ligt vóór de startdatum')), texts.join('\n'));
      // An offer that ended cannot be 'gepland' (a warning, so an error with --strict).
      await page.fill('#leeraanbod-start', '2020-01-06');
      await page.fill('#leeraanbod-end', '2020-02-03');
      await page.selectOption('#leeraanbod-status', 'gepland');
      await page.click('form[data-contribution] button[type="submit"]');
      const past = await page.locator('.error-summary a').allTextContents();
      assert.ok(past.some((t) => t.startsWith('Einddatum: deze datum is voorbij, maar bij ‘Status’ staat ‘gepland’')), past.join('\n'));
      // Fixed, the summary goes and the file comes.
      await page.fill('#leeraanbod-start', '2027-06-01');
      await page.fill('#leeraanbod-title', offer.title);
      await page.fill('#leeraanbod-source-url', 'https://www.example.nl/');
      await page.fill('#leeraanbod-end', '2027-07-01');
      const made = await finish(page);
      assert.ok(await page.locator('.error-summary').isHidden());
      roundTrip(offer, made, 'fixed');
    } finally {
      await context.close();
    }
    const question = FORMS[3];
    const q = await openForm(question.rel);
    try {
      await fill(q.page, { ...question, title: 'Hoe bereik je ouders' }, { full: false });
      await q.page.click('form[data-contribution] button[type="submit"]');
      const texts = await q.page.locator('.error-summary a').allTextContents();
      assert.deepEqual(texts, ['Uw vraag: eindig met een vraagteken.']);
    } finally {
      await q.context.close();
    }
  });

  test('a filled honeypot makes no file', async () => {
    const form = FORMS[0];
    const { context, page } = await openForm(form.rel);
    try {
      await fill(page, form, { full: false });
      await page.evaluate(() => {
        document.querySelector('[data-honeypot]').value = 'https://spam.example/';
      });
      await page.click('form[data-contribution] button[type="submit"]');
      await page.waitForTimeout(200);
      assert.ok(await page.locator('.form-result').isHidden());
    } finally {
      await context.close();
    }
  });
});

describe('without JavaScript', () => {
  for (const form of FORMS) {
    test(`${form.name}: no endpoint in site.yaml, so the form posts to a mailto: address`, async () => {
      const { context, page } = await openForm(form.rel, { javaScript: false });
      try {
        const f = await formAttributes(page);
        assert.ok(f.action.startsWith('mailto:coordinatiepunt@example.nl?subject='), f.action);
        assert.equal(f.method, 'post');
        assert.equal(f.enctype, 'text/plain');
        assert.equal(f.button, 'Versturen');
        const template = await page.getAttribute('.form-nojs a', 'href');
        assert.ok(template.startsWith('mailto:coordinatiepunt@example.nl?subject='), template);
        const body = decodeURIComponent(template.split('&body=')[1]);
        assert.match(body, /\(niet verplicht\):/);
        assert.ok(await page.locator('.form-nojs').isVisible());
        assert.ok(await page.locator('.form-hp').evaluate((el) => el.getBoundingClientRect().right <= 0));
      } finally {
        await context.close();
      }
    });

    test(`${form.name}: with forms.${form.name}.endpoint the form posts there`, async () => {
      const { context, page } = await openForm(form.rel, { javaScript: false, site: endpointSite });
      try {
        const f = await formAttributes(page);
        assert.equal(f.action, `${ENDPOINT}${form.name}`);
        assert.equal(f.method, 'post');
        assert.equal(f.enctype, 'application/x-www-form-urlencoded');
        const { posted } = await capturePost(page);
        await fill(page, form, { full: false });
        await page.click('form[data-contribution] button[type="submit"]');
        const body = new URLSearchParams(await posted);
        assert.equal(body.get('formulier'), form.name);
        assert.equal(body.get('title'), form.title);
        assert.equal(body.get('homepage'), '', 'the honeypot is posted empty');
        assert.ok(body.getAll('themes').length >= 1);
      } finally {
        await context.close();
      }
    });
  }
});

test('with JavaScript and an endpoint, the finished file is posted with the answers', async () => {
  const form = FORMS[3];
  const { context, page, problems } = await openForm(form.rel, { site: endpointSite });
  try {
    await fill(page, form, { full: true });
    const made = await finish(page);
    const { posted } = await capturePost(page);
    await page.click('[data-result-send]');
    const body = new URLSearchParams(await posted);
    // HTML form encoding sends line breaks as CRLF; the generator reads CRLF as LF.
    assert.equal(body.get('bestand').replace(/\r\n/g, '\n'), made.text);
    assert.equal(body.get('bestandsnaam'), made.name);
    assert.equal(body.get('consent'), 'true');
    roundTrip(form, made, 'endpoint');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  const pages = ['bijdragen/index.html', ...FORMS.map((f) => f.rel)];
  for (const rel of pages) {
    test(`no violations: ${rel}`, async () => {
      const { context, page } = await openForm(rel, { bypassCSP: true });
      try {
        await assertAxe(page, rel);
        if (rel === FORMS[0].rel) {
          await page.click('form[data-contribution] button[type="submit"]');
          await assertAxe(page, `${rel} with the error summary`);
          await fill(page, FORMS[0], { full: true });
          await finish(page);
          await assertAxe(page, `${rel} with the finished file`);
        }
      } finally {
        await context.close();
      }
    });
  }

  test('the overview links to every form', async () => {
    const html = fs.readFileSync(path.join(lib.siteDir(), 'bijdragen/index.html'), 'utf8');
    const base = pathToFileURL(path.join(lib.siteDir(), 'bijdragen/index.html')).href;
    const targets = lib.anchorHrefs(html).map((h) => lib.relFromUrl(new URL(h, base).href));
    for (const form of FORMS) assert.ok(targets.includes(form.rel), form.rel);
  });
});

async function assertAxe(page, what) {
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  assert.ok(results.passes.length > 0, 'axe ran');
  const text = results.violations
    .map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`)
    .join('\n');
  assert.equal(results.violations.length, 0, `axe on ${what}:\n${text}`);
}

async function formAttributes(page) {
  return page.evaluate(() => {
    const form = document.querySelector('form[data-contribution]');
    return {
      action: form.getAttribute('action') || '',
      method: form.method,
      enctype: form.enctype,
      button: form.querySelector('button[type="submit"]').textContent.trim(),
    };
  });
}

/** Resolves with the body of the next POST to the endpoint (answered with a small page). */
async function capturePost(page) {
  let resolve;
  const posted = new Promise((r) => {
    resolve = r;
  });
  await page.route(`${ENDPOINT}**`, async (route) => {
    resolve(route.request().postData() || '');
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Ontvangen</title>' });
  });
  return { posted };
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
