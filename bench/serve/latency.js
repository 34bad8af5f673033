'use strict';
// Live-preview latency of `leernet serve`: the time from saving a file to the open page in
// Chromium showing the change, median over N saves.
//
//   node bench/serve/latency.js --content DIR [--open URLPATH | --page URLPATH --file REL]
//                               [--edits N] [--label NAME]
//
// Default: the open page is the first published item's own page, and every save appends a
// unique marker to its body. With --open URLPATH (`leeraanbod/`, or `` for the home page) that
// page is open and every save puts the marker into the title of the first item card on it.
//
// The save time is taken in Node right before the write. The page is done when the reload
// client has swapped in the new page (its `leernet:updated` event) or, after a full reload,
// at the load event; in both cases the time is taken in the first task after the next frame
// (requestAnimationFrame + setTimeout), so the change has been painted. Both times are on
// the same clock (performance.timeOrigin + now). A save only counts when the page then
// shows its marker. `floor` is Chromium's own full reload of the same page with nothing
// changed (median of 10). Prints one JSON line (bench/serve/run makes the table).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const REPO = path.resolve(__dirname, '..', '..');
const lib = require(path.join(REPO, 'tests', 'browser', 'lib.js'));

function args() {
  const out = { edits: 20, label: '', now: lib.BUILD_NOW };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  out.edits = Number(out.edits);
  if (!out.content) throw new Error('--content DIR is required');
  return out;
}

function leernetBinary() {
  if (process.env.LEERNET_BIN) return path.resolve(process.env.LEERNET_BIN);
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
  return path.join(target, 'release', 'leernet');
}

function startServer(contentDir, now, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(leernetBinary(), ['serve', '--content', contentDir, '--port', '0', '--now', now], {
      cwd: os.tmpdir(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log.join('')}`)), 600000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log.push(chunk);
      const m = /serving on (http:\/\/\S+)/.exec(log.join(''));
      if (m && !child.url) {
        child.url = m[1];
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('error', reject);
  });
}

/** The first published item of a type folder: its file and its page. */
function pickItem(contentDir) {
  for (const folder of ['leeraanbod', 'publicaties', 'themas']) {
    const dir = path.join(contentDir, folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.md')) continue;
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      if (/^draft: true/m.test(text) || /^public: false/m.test(text)) continue;
      return { file: `${folder}/${name}`, page: `${folder}/${name.replace(/\.md$/, '')}/` };
    }
  }
  throw new Error(`no item found in ${contentDir}`);
}

const now = () => performance.timeOrigin + performance.now();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Calls `leernetBench(how, time)` after the first frame that follows a load or an update. */
function painted() {
  const report = (how) =>
    requestAnimationFrame(() => setTimeout(() => window.leernetBench(how, performance.timeOrigin + performance.now())));
  addEventListener('load', () => report('reload'));
  addEventListener('leernet:updated', () => report('swap'));
}

async function main() {
  const a = args();
  const contentDir = path.resolve(a.content);
  const log = [];
  const t0 = now();
  const server = await startServer(contentDir, a.now, log);
  const startup = now() - t0;
  const browser = await lib.launchBrowser();
  let restore = () => {};
  try {
    const page = await browser.newPage();
    let waiting = null;
    await page.exposeBinding('leernetBench', (_source, how, time) => {
      if (waiting) waiting({ how, time });
      waiting = null;
    });
    await page.addInitScript(painted);
    const next = () => new Promise((resolve) => (waiting = resolve));
    let item;
    if (a.open !== undefined) {
      // The first item card on the open page names the file to edit.
      await page.goto(server.url + a.open, { waitUntil: 'load', timeout: 600000 });
      const href = await page.locator('.card-title a').first().getAttribute('href');
      const target = new URL(href, page.url()).pathname;
      const [, folder, slug] = /^\/([^/]+)\/([^/]+)\/index\.html$/.exec(target);
      item = { file: `${folder}/${slug}.md`, page: a.open };
    } else {
      item = a.file ? { file: a.file, page: a.page } : pickItem(contentDir);
      await page.goto(server.url + item.page, { waitUntil: 'load', timeout: 600000 });
    }
    const file = path.join(contentDir, item.file);
    const original = fs.readFileSync(file);
    restore = () => fs.writeFileSync(file, original);
    const edit = (marker) =>
      a.open !== undefined
        ? Buffer.from(
            original
              .toString('utf8')
              .replace(/^title: (.*)$/m, (_, t) => `title: ${/["']$/.test(t) ? `${t.slice(0, -1)} ${marker}${t.slice(-1)}` : `${t} ${marker}`}`),
          )
        : Buffer.concat([original, Buffer.from(`\n\nMeting ${marker}.\n`)]);
    await new Promise((r) => setTimeout(r, 500));
    // Two saves first, not counted: the first after start pays for caches the later ones reuse.
    const latencies = [];
    const ways = {};
    for (let i = -2; i < a.edits; i++) {
      const marker = `bench-${process.pid}-${i + 2}`;
      const shown = next();
      const saved = now();
      fs.writeFileSync(file, edit(marker));
      const { how, time } = await Promise.race([
        shown,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`save ${i}: no update within 300 s`)), 300000).unref()),
      ]);
      const html = await page.content();
      if (!html.includes(marker)) throw new Error(`save ${i}: the page does not show ${marker} after ${how}`);
      if (i >= 0) {
        latencies.push(time - saved);
        ways[how] = (ways[how] || 0) + 1;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    const floors = [];
    for (let i = 0; i < 10; i++) {
      const shown = next();
      const t = now();
      await page.reload({ waitUntil: 'load' });
      floors.push((await shown).time - t);
    }
    const rebuilds = log
      .join('')
      .split('\n')
      .map((l) => /rebuilt after \d+ change\(s\) in (\d+) ms/.exec(l))
      .filter(Boolean)
      .map((m) => Number(m[1]))
      .slice(-a.edits);
    const items = log.join('').match(/(\d+) files checked/);
    console.log(
      JSON.stringify({
        label: a.label || path.basename(path.dirname(contentDir)),
        items: items ? Number(items[1]) : null,
        page: item.page,
        file: item.file,
        edits: latencies.length,
        median: median(latencies),
        p90: quantile(latencies, 0.9),
        min: Math.min(...latencies),
        max: Math.max(...latencies),
        ways,
        rebuild_median: rebuilds.length ? median(rebuilds) : null,
        floor: median(floors),
        startup_ms: startup,
      }),
    );
  } finally {
    restore();
    await browser.close();
    server.kill();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
