/*! leernet search client: reads the index the generator wrote under zoeken/index/ (classic
 * scripts that call leernetIndex(name, data), so it works from file:// and under any
 * sub-path), matches the query with the same Dutch analysis as the index
 * (search-analysis.js), ranks, counts facets, keeps the state in the URL and renders results
 * as DOM text nodes: indexed text and the query never pass through innerHTML. */
(function () {
  'use strict';
  var A = window.leernetAnalysis;
  var root = document.getElementById('search');
  if (!root || !A) return;

  var PAGE = 10;              // results per page
  var MAX_CHUNKS = 3;         // postings chunks one prefix or typo may pull in
  var MAX_CANDIDATES = 12;    // terms one query word may expand to
  var MIN_COVER = 2;
  var URL_PAUSE = 300;        // ms without typing before the URL follows the query          // missing fragments a champion file must hold to be loaded
  var PAST_FACTOR = 0.6;      // past offers rank below current ones
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = new Int8Array(128);     // by character code
  for (var d = 0; d < 64; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

  var base = root.getAttribute('data-index') || 'index/';
  var input = document.getElementById('search-q');
  var ui = document.getElementById('search-ui');
  var facetsBox = document.getElementById('search-facets');
  var statusEl = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var browse = document.getElementById('search-browse');

  // ---- loading shards ----

  var store = Object.create(null);
  var loading = Object.create(null);
  window.leernetIndex = function (name, data) { store[name] = data; };

  function load(name, path) {
    if (name in store) return Promise.resolve(store[name]);
    if (loading[name]) return loading[name];
    loading[name] = new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = base + path;
      s.async = true;
      s.onload = function () {
        s.remove();
        if (name in store) resolve(store[name]);
        else reject(new Error('search index file ' + path + ' did not register'));
      };
      s.onerror = function () {
        s.remove();
        delete loading[name];
        reject(new Error('search index file ' + path + ' could not be loaded'));
      };
      document.head.appendChild(s);
    });
    return loading[name];
  }

  function decodeNumbers(s) {
    var out = [];
    var v = 0;
    var scale = 1;
    for (var i = 0; i < s.length; i++) {
      var x = DIGIT[s.charCodeAt(i)];
      if (x >= 32) { v += (x - 32) * scale; scale *= 32; } else { out.push(v + x * scale); v = 0; scale = 1; }
    }
    return out;
  }

  /** Ascending ids from gaps; with levels, each number is gap * 32 + level. */
  function decodeIds(s, withLevel) {
    var nums = decodeNumbers(s);
    var ids = new Int32Array(nums.length);
    var levels = withLevel ? new Uint8Array(nums.length) : null;
    var prev = -1;
    for (var i = 0; i < nums.length; i++) {
      var n = nums[i];
      var gap = n;
      if (withLevel) { levels[i] = n % 32; gap = (n - levels[i]) / 32; }
      prev = prev + gap + 1;
      ids[i] = prev;
    }
    return { ids: ids, levels: levels };
  }

  // ---- the index ----

  var meta = null;
  var N = 0;
  var kindOf, subOf, pastOf, yearOf;
  var groupOf, groupFirst;    // run of ids (meta.groups) of each id; first id of each run

  function loadMeta() {
    return load('meta', 'meta.js').then(function (m) {
      if (meta) return meta;
      meta = m;
      N = m.n;
      // A small lexicon comes inside meta.js, as shard 0 (index.rs, LEXICON_INLINE_CHARS).
      if (m.lexicon_shard) store.l0 = m.lexicon_shard;
      kindOf = new Uint8Array(N);
      subOf = new Uint16Array(N);
      pastOf = new Uint8Array(N);
      yearOf = new Int16Array(N);
      groupOf = new Uint32Array(N);
      groupFirst = [];
      var id = 0;
      m.groups.forEach(function (g, gi) {
        groupFirst.push(id);
        for (var i = 0; i < g[0]; i++, id++) {
          kindOf[id] = g[1]; subOf[id] = g[2]; pastOf[id] = g[3]; yearOf[id] = g[4]; groupOf[id] = gi;
        }
      });
      return meta;
    });
  }

  var lexicons = Object.create(null);

  function lexicon(k) {
    if (lexicons[k]) return Promise.resolve(lexicons[k]);
    return load('l' + k, 'l' + k + '.js').then(function (data) {
      if (lexicons[k]) return lexicons[k];
      var terms = data[1] ? data[1].split(' ') : [];
      var dfs = decodeNumbers(data[2]);
      var steps = decodeNumbers(data[3]);
      var chunk = new Array(terms.length);
      var c = data[0];
      for (var i = 0; i < terms.length; i++) { c += steps[i]; chunk[i] = c; }
      lexicons[k] = { terms: terms, dfs: dfs, chunk: chunk, start: meta.lexicon[k][1] };
      return lexicons[k];
    });
  }

  /** Lexicon shards whose terms may start with `prefix` (all of them: `prefix` ''). */
  function shardRange(prefix) {
    var L = meta.lexicon;
    var lo = 0;
    for (var k = 0; k < L.length; k++) if (L[k][0] <= prefix) lo = k;
    var hi = lo;
    var end = prefix + '\x7f';
    while (hi + 1 < L.length && L[hi + 1][0] < end) hi++;
    return [lo, hi];
  }

  /** Terms starting with `prefix`, at most `maxShards` lexicon shards deep. */
  function termsWithPrefix(prefix, maxShards) {
    var r = shardRange(prefix);
    var shards = [];
    for (var k = r[0]; k <= r[1] && shards.length < maxShards; k++) shards.push(lexicon(k));
    return Promise.all(shards).then(function (lexs) {
      var out = [];
      lexs.forEach(function (lex) {
        for (var i = 0; i < lex.terms.length; i++) {
          if (lex.terms[i].lastIndexOf(prefix, 0) === 0) {
            out.push({ term: lex.terms[i], df: lex.dfs[i], chunk: lex.chunk[i], n: lex.start + i });
          }
        }
      });
      return out;
    });
  }

  var postingsCache = Object.create(null);

  function postings(t) {
    if (postingsCache[t.term]) return Promise.resolve(postingsCache[t.term]);
    return load('p' + t.chunk, 'p' + t.chunk + '.js').then(function (data) {
      var p = postingsCache[t.term] || decodeIds(data[1][t.n - data[0]] || '', true);
      postingsCache[t.term] = p;
      return p;
    });
  }

  /** Optimal string alignment distance, or max + 1 once it is certainly above `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // ---- query to candidate terms ----

  /** The query's words: folded form, stem, whether it is still being typed (prefix). */
  function queryWords(q) {
    var ws = A.words(q);
    var typing = q.length > 0 && !/\s$/.test(q);
    var out = [];
    ws.forEach(function (w, i) {
      var prefix = typing && i === ws.length - 1 && w.length >= 2;
      if (!A.isIndexed(w) && !prefix) return;
      out.push({ word: w, stem: A.isIndexed(w) ? A.stem(w) : null, prefix: prefix });
    });
    return out;
  }

  /** Keeps candidates by quality, then document frequency, within MAX_CHUNKS chunks. */
  function pick(cands) {
    cands.sort(function (a, b) { return b.quality - a.quality || b.df - a.df || (a.term < b.term ? -1 : 1); });
    var chunks = [];
    var out = [];
    cands.forEach(function (c) {
      if (out.length >= MAX_CANDIDATES) return;
      if (chunks.indexOf(c.chunk) < 0) {
        if (chunks.length >= MAX_CHUNKS && c.quality < 1) return;
        chunks.push(c.chunk);
      }
      out.push(c);
    });
    return out;
  }

  /** Lexicon entries of the given terms (those that exist). */
  function lookupTerms(terms) {
    return Promise.all(terms.map(function (t) {
      return lexicon(shardRange(t)[0]).then(function (lex) {
        var i = lex.terms.indexOf(t);
        return i < 0 ? null : { term: t, df: lex.dfs[i], chunk: lex.chunk[i], n: lex.start + i };
      });
    })).then(function (found) { return found.filter(Boolean); });
  }

  /** Words of the index as written that start with `prefix` (word lists, see index.rs). */
  function wordsWithPrefix(prefix, maxLists) {
    var W = meta.words;
    var lo = 0;
    for (var k = 0; k < W.length; k++) if (W[k] <= prefix) lo = k;
    var lists = [];
    for (k = lo; k < W.length && lists.length < maxLists && (k === lo || W[k] < prefix + '\x7f'); k++) {
      lists.push(load('w' + k, 'w' + k + '.js'));
    }
    return Promise.all(lists).then(function (ls) {
      var out = [];
      ls.forEach(function (l) { l.split(' ').forEach(function (w) { if (w.lastIndexOf(prefix, 0) === 0) out.push(w); }); });
      return out;
    });
  }

  /** Terms a typo'd word may mean: stems of the indexed words within 1 edit (4+ letters) or
   *  2 (8+ letters), among the words sharing its first two letters, else its first letter. */
  function typoTerms(word) {
    var max = word.length >= 8 ? 2 : 1;
    var stem = A.stem(word);
    var near = function (ws) {
      var stems = [];
      var dists = Object.create(null);
      ws.forEach(function (w) {
        var d = distance(word, w, max);
        var t = d <= max || Math.abs(w.length - word.length) <= max + 3 ? A.stem(w) : null;
        // Compared as stems too: `huiskamertje` is three edits from `huiskamer`, two as stems.
        if (t !== null && d > max) d = distance(stem, t, max);
        if (d > max) return;
        if (!(t in dists)) stems.push(t);
        if (!(t in dists) || d < dists[t]) dists[t] = d;
      });
      return lookupTerms(stems).then(function (ts) {
        ts.forEach(function (t) { t.quality = dists[t.term] === 1 ? 0.6 : 0.4; });
        return ts;
      });
    };
    return wordsWithPrefix(word.slice(0, 2), 4).then(near).then(function (ts) {
      return ts.length ? ts : wordsWithPrefix(word[0], 64).then(near);
    });
  }

  /** Candidate terms of one query word: the exact stem; close inflections (`buurtcoach`
   *  finds `buurtcoaches`); completions of the word being typed; typos when there is no
   *  exact match. */
  function candidates(qw, typos) {
    var stem = qw.stem;
    var bases = [qw.word];
    if (stem && stem !== qw.word) bases.push(stem);
    return Promise.all(bases.map(function (b) { return termsWithPrefix(b, 2); })).then(function (found) {
      var seen = Object.create(null);
      var cands = [];
      var hasExact = false;
      found.forEach(function (ts, bi) {
        ts.forEach(function (t) {
          if (seen[t.term]) return;
          if (t.term === stem) { t.quality = 1; hasExact = true; }
          else if (qw.prefix && bi === 0) t.quality = 0.8;
          else if (t.term.length <= bases[bi].length + 3) t.quality = 0.7;
          else return;
          seen[t.term] = true;
          cands.push(t);
        });
      });
      if (hasExact) {
        // Completions and inflections count, but never above the word itself.
        cands.forEach(function (c) { if (c.quality < 1) c.quality = Math.min(c.quality, 0.5); });
      }
      if ((hasExact && !typos) || qw.word.length < 4) return pick(cands);
      return typoTerms(qw.word).then(function (ts) {
        ts.forEach(function (t) { if (!seen[t.term]) { seen[t.term] = true; cands.push(t); } });
        return pick(cands);
      });
    });
  }

  // ---- facets ----

  var RANGE_FACETS = [
    { param: 'type', label: 'Soort', value: function (id) { return meta.kinds[kindOf[id]][1]; },
      labelOf: function (v) { var k = meta.kinds.filter(function (x) { return x[1] === v; })[0]; return k ? k[3] : v; } },
    { param: 'status', label: 'Actueel of afgelopen',
      value: function (id) { return meta.kinds[kindOf[id]][0] === 'offer' ? (pastOf[id] ? 'afgelopen' : 'actueel') : null; },
      labelOf: function (v) { return v === 'afgelopen' ? 'Afgelopen aanbod' : 'Actueel aanbod'; } },
    { param: 'vorm', label: 'Soort aanbod', value: function (id) { return subtypeOf(id, 'offer'); }, labelOf: subtypeLabel },
    { param: 'soort', label: 'Soort publicatie', value: function (id) { return subtypeOf(id, 'publication'); }, labelOf: subtypeLabel },
    { param: 'jaar', label: 'Jaar', value: function (id) { return yearOf[id] ? String(yearOf[id]) : null; },
      labelOf: function (v) { return v; } },
  ];

  var RANGE_BY_PARAM = Object.create(null);
  RANGE_FACETS.forEach(function (f) { RANGE_BY_PARAM[f.param] = f; });

  function subtypeOf(id, kind) {
    return subOf[id] && meta.kinds[kindOf[id]][0] === kind ? meta.subtypes[subOf[id]][0] : null;
  }
  function subtypeLabel(v) {
    var s = meta.subtypes.filter(function (x) { return x[0] === v; })[0];
    return s ? s[1] : v;
  }

  /** Facets with a file of their own: param -> { label, values: [[code, label]], of: id -> [value index] }. */
  var listFacets = Object.create(null);

  function loadFacet(param) {
    return load('f-' + param, 'f-' + param + '.js').then(function (data) {
      var f = listFacets[param];
      if (f.values) return f;
      f.values = data.map(function (v) { return [v[0], v[1]]; });
      f.of = new Array(N);
      data.forEach(function (v, vi) {
        decodeIds(v[2], false).ids.forEach(function (id) { (f.of[id] = f.of[id] || []).push(vi); });
      });
      return f;
    });
  }

  function facetParams() {
    return RANGE_FACETS.map(function (f) { return f.param; }).concat(meta.facets.map(function (f) { return f[0]; }));
  }

  /** Whether item `id` has a selected value of facet `param` (or nothing is selected). */
  function passes(id, param, selected) {
    var sel = selected[param];
    if (!sel || !sel.length) return true;
    var lf = listFacets[param];
    if (lf) {
      if (!lf.values) return false;
      var vs = lf.of[id] || [];
      for (var i = 0; i < vs.length; i++) if (sel.indexOf(lf.values[vs[i]][0]) >= 0) return true;
      return false;
    }
    var v = RANGE_BY_PARAM[param].value(id);
    return v !== null && sel.indexOf(v) >= 0;
  }

  // ---- state and URL ----

  function readUrl() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get('q') || '', selected: {} };
    facetParams().forEach(function (p) {
      var vs = params.getAll(p).filter(Boolean);
      if (vs.length) state.selected[p] = vs;
    });
    return state;
  }

  function urlOf(state) {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    facetParams().forEach(function (p) { (state.selected[p] || []).forEach(function (v) { params.append(p, v); }); });
    var s = params.toString();
    return location.pathname + (s ? '?' + s : '') + location.hash;
  }

  function currentState() {
    var selected = {};
    facetsBox.querySelectorAll('input[type=checkbox]:checked').forEach(function (c) {
      (selected[c.name] = selected[c.name] || []).push(c.value);
    });
    return { q: input.value, selected: selected };
  }

  // ---- search ----

  var seq = 0;
  var shown = null;
  var ready = loadMeta().then(function () { buildFacets(); });

  /** A score level's weight: `2^(level/4) - 1`, as `terms.rs` quantised it. */
  var LEVEL = new Float64Array(32);
  for (var lv = 0; lv < 32; lv++) LEVEL[lv] = Math.pow(2, lv / 4) - 1;

  /** Scores by item: `ids` in the order first matched, `score[id]` (0: no match; every
   *  match scores above 0). */
  function Scores() { this.ids = []; this.score = new Float64Array(N); }

  /** Scores of one query word's candidates: per item, its best candidate. */
  function wordScores(qw, typos, alone) {
    return candidates(qw, typos).then(function (cands) {
      var exact = cands.filter(function (c) { return c.quality === 1; })[0];
      // The word typed in full ranks its own best items first, so a one-word query asks for
      // its champion file with the postings, not a round later (an error shows up when the
      // page's fragments are loaded).
      if (alone && exact && exact.df >= meta.champions[0]) loadChampions(exact.n).catch(function () {});
      return Promise.all(cands.map(postings)).then(function (ps) {
        var scores = new Scores();
        var idfOf = function (df) { return Math.log(1 + (N - df + 0.5) / (df + 0.5)); };
        cands.forEach(function (c, ci) {
          // A rare completion must not outrank the common word that was typed in full.
          var idf = exact ? Math.min(idfOf(c.df), idfOf(exact.df)) : idfOf(c.df);
          var p = ps[ci];
          var w = idf * c.quality;
          for (var i = 0; i < p.ids.length; i++) {
            var id = p.ids[i];
            var s = w * LEVEL[p.levels[i]];
            var old = scores.score[id];
            if (old === 0) { scores.ids.push(id); scores.score[id] = s; } else if (s > old) scores.score[id] = s;
          }
        });
        cands.forEach(function (c, ci) { c.postings = ps[ci]; });
        return { qw: qw, scores: scores, terms: cands.map(function (c) { return c.term; }), cands: cands };
      });
    });
  }

  /** Matching ids with scores for a query (null when the query has no words): items with
   *  every word; if there are none, with typo tolerance for every word; if still none, items
   *  with any word. */
  function match(q) {
    var qws = queryWords(q);
    if (!qws.length) return Promise.resolve(null);
    var finish = function (per, scores, partial) {
      var terms = [];
      var cands = [];
      per.forEach(function (p) { terms = terms.concat(p.terms); cands = cands.concat(p.cands); });
      return { scores: scores, terms: terms, cands: cands, words: qws, partial: partial && scores.ids.length > 0 };
    };
    return Promise.all(qws.map(function (qw) { return wordScores(qw, false, qws.length === 1); })).then(function (per) {
      var every = combine(per, true);
      if (every.ids.length || per.length < 2) return finish(per, every, false);
      return Promise.all(qws.map(function (qw) { return wordScores(qw, true); })).then(function (wide) {
        var wideEvery = combine(wide, true);
        return wideEvery.ids.length ? finish(wide, wideEvery, false) : finish(per, combine(per, false), true);
      });
    });
  }

  /** The words' scores summed: over items with every word, or with any. */
  function combine(per, every) {
    if (per.length === 1) return per[0].scores;
    var out = new Scores();
    per.forEach(function (p, i) {
      var ids = p.scores.ids;
      var score = p.scores.score;
      if (i === 0 || !every) {
        for (var k = 0; k < ids.length; k++) {
          var id = ids[k];
          if (out.score[id] === 0) out.ids.push(id);
          out.score[id] += score[id];
        }
      } else {
        var kept = [];
        for (k = 0; k < out.ids.length; k++) {
          id = out.ids[k];
          if (score[id] > 0) { out.score[id] += score[id]; kept.push(id); } else out.score[id] = 0;
        }
        out.ids = kept;
      }
    });
    return out;
  }

  function search(state, how) {
    var mine = ++seq;
    // The URL follows once the results are shown, and while the reader types, once typing
    // pauses: every change of the URL makes the browser fetch and decode the page's icon
    // again (a few milliseconds), which should not compete with the next keystroke's search.
    var remember = function () {
      if (mine !== seq) return;
      if (how === 'push') history.pushState(null, '', urlOf(state));
      else if (how === 'replace') {
        setTimeout(function () { if (mine === seq) history.replaceState(null, '', urlOf(state)); }, URL_PAUSE);
      }
    };
    return ready
      .then(function () {
        var needed = Object.keys(state.selected).filter(function (p) { return listFacets[p]; });
        return Promise.all(needed.map(loadFacet).concat([match(state.q)]));
      })
      .then(function (r) {
        if (mine !== seq) return null;
        var m = r[r.length - 1];
        var ids;
        if (m) ids = m.scores.ids.slice();
        else if (Object.keys(state.selected).length) { ids = []; for (var i = 0; i < N; i++) ids.push(i); }
        else ids = null;
        var result = { state: state, match: m, ids: ids, hits: [] };
        if (ids) {
          var params = facetParams().filter(function (p) { return (state.selected[p] || []).length; });
          result.hits = params.length ? ids.filter(function (id) {
            return params.every(function (p) { return passes(id, p, state.selected); });
          }) : ids.slice();
          var final = result.final = new Float64Array(N);
          var score = m ? m.scores.score : null;
          for (i = 0; i < result.hits.length; i++) {
            var id = result.hits[i];
            final[id] = (score ? score[id] : 1) * (pastOf[id] ? PAST_FACTOR : 1);
          }
        }
        shown = result;
        // The page's fragments are asked for first; the facets are counted while they load
        // and shown with the results, in one update of the page.
        var rendered = renderResults(result, mine, PAGE, function () { return countFacets(result); });
        return rendered.then(remember);
      })
      .catch(function (e) {
        if (mine === seq) statusEl.textContent = 'Zoeken lukt nu niet: ' + e.message;
      });
  }

  // ---- rendering: text nodes only ----

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Whether a word of displayed text is one the query matched. */
  /** A displayed word's folded words with their stems (null: not indexed), kept across
   *  queries: results share most of their words, and stemming is the costly part. */
  var analysedTokens = new Map();
  function analysed(token) {
    var a = analysedTokens.get(token);
    if (!a) {
      a = A.words(token).map(function (w) { return [w, A.isIndexed(w) ? A.stem(w) : null]; });
      analysedTokens.set(token, a);
    }
    return a;
  }

  function matcher(m) {
    if (!m) return function () { return false; };
    var terms = new Set(m.terms);
    var prefixes = m.words.filter(function (w) { return w.prefix; }).map(function (w) { return w.word; });
    var seen = new Map();
    return function (token) {
      var known = seen.get(token);
      if (known !== undefined) return known;
      var yes = analysed(token).some(function (ws) {
        if (prefixes.some(function (p) { return ws[0].lastIndexOf(p, 0) === 0; })) return true;
        return ws[1] !== null && terms.has(ws[1]);
      });
      seen.set(token, yes);
      return yes;
    };
  }

  var WORD = /[\p{L}\p{N}'\u2019]+/gu;

  /** Appends `text` to `parent`, with matched words in <mark>; returns the number marked. */
  function highlight(parent, text, isMatch) {
    var last = 0;
    var marked = 0;
    text.replace(WORD, function (token, at) {
      if (isMatch(token)) {
        if (at > last) parent.appendChild(document.createTextNode(text.slice(last, at)));
        parent.appendChild(el('mark', null, token));
        last = at + token.length;
        marked++;
      }
      return token;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return marked;
  }

  /** The part of the text to show: the window of about 30 words with the most matches. */
  function snippet(fr, isMatch) {
    var summary = fr[4];
    var body = fr[5];
    var count = function (t) { return (t.match(WORD) || []).filter(isMatch).length; };
    if (!body || count(summary) > 0) return summary || body;
    var words = body.split(' ');
    var best = -1;
    var bestAt = 0;
    for (var i = 0; i < words.length; i += 5) {
      var c = count(words.slice(i, i + 30).join(' '));
      if (c > best) { best = c; bestAt = i; }
    }
    if (best <= 0) return summary || body;
    var from = Math.max(0, bestAt - 5);
    var text = words.slice(from, from + 35).join(' ');
    return (from > 0 ? '… ' : '') + text + (from + 35 < words.length && !/…$/.test(text) ? ' …' : '');
  }

  var MONTHS = 'januari februari maart april mei juni juli augustus september oktober november december'.split(' ');

  /** `2024-04-23` -> `23 april 2024`, as the generator writes dates. */
  function dutchDate(iso) {
    var p = iso.split('-');
    return Number(p[2]) + ' ' + MONTHS[Number(p[1]) - 1] + ' ' + p[0];
  }

  function resultItem(id, fr, isMatch) {
    var li = el('li', 'search-result');
    var h = el('h3');
    var a = el('a');
    a.href = fr[1];
    highlight(a, fr[0], isMatch);
    h.appendChild(a);
    li.appendChild(h);
    var metaLine = el('p', 'search-result-meta');
    metaLine.appendChild(el('span', 'search-badge', meta.kinds[kindOf[id]][2]));
    if (fr[3]) metaLine.appendChild(el('span', 'search-badge' + (pastOf[id] ? ' search-badge-past' : ''), fr[3]));
    if (fr[2]) {
      var t = el('time', null, dutchDate(fr[2]));
      t.setAttribute('datetime', fr[2]);
      metaLine.appendChild(t);
    }
    li.appendChild(metaLine);
    var text = snippet(fr, isMatch);
    if (text) {
      var p = el('p', 'search-result-snippet');
      highlight(p, text, isMatch);
      li.appendChild(p);
    }
    return li;
  }

  // ---- result fragments: champion files first, then fragment files ----

  var championCache = Object.create(null);

  /** The ids in term `c`'s champion file (see champions.rs): its best items by level weight,
   *  past offers discounted, then the lower id. Found by counting items per (level, past)
   *  to find the weakest weight that makes the list, then one pass in id order. */
  function championsOf(c) {
    if (championCache[c.n]) return championCache[c.n];
    var p = c.postings;
    var depth = meta.champions[1];
    var perClass = new Int32Array(64);   // level * 2 + past
    for (var i = 0; i < p.ids.length; i++) perClass[p.levels[i] * 2 + pastOf[p.ids[i]]]++;
    var classes = [];
    for (var k = 0; k < 64; k++) if (perClass[k]) classes.push(k);
    var weight = function (k) { return LEVEL[k >> 1] * (k & 1 ? PAST_FACTOR : 1); };
    classes.sort(function (a, b) { return weight(b) - weight(a); });
    // Classes taken whole, and how many of the last (lowest ids first).
    var take = new Int32Array(64);
    var left = depth;
    for (k = 0; k < classes.length && left > 0; k++) {
      take[classes[k]] = Math.min(left, perClass[classes[k]]);
      left -= take[classes[k]];
    }
    var ids = Object.create(null);
    for (i = 0; i < p.ids.length; i++) {
      var cls = p.levels[i] * 2 + pastOf[p.ids[i]];
      if (take[cls] > 0) { take[cls]--; ids[p.ids[i]] = true; }
    }
    championCache[c.n] = ids;
    return ids;
  }

  var frags = Object.create(null);   // id -> [title, href, date, badge, summary, body]

  function loadChampions(n) {
    return load('c' + n, 'c/' + n + '.js').then(function (data) {
      data.forEach(function (e) { if (!frags[e[0]]) frags[e[0]] = e.slice(1); });
    });
  }

  /** The fragment file holding item `id` (meta.fragments items to a file). */
  function loadFragmentFile(id) {
    var k = Math.floor(id / meta.fragments);
    return load('d' + k, 'd/' + k + '.js').then(function (data) {
      data.forEach(function (fr, i) { var at = k * meta.fragments + i; if (!frags[at]) frags[at] = fr; });
    });
  }

  /** Fragment files for `ids`, one request per file. */
  function loadFragmentFiles(ids) {
    var files = Object.create(null);
    ids.forEach(function (id) { files[Math.floor(id / meta.fragments)] = id; });
    return Object.keys(files).map(function (k) { return loadFragmentFile(files[k]); });
  }

  /** The fragments of `ids`: a champion file wherever one holds at least MIN_COVER of the
   *  missing ones (one request instead of several), fragment files for the rest. */
  function fragments(ids, m) {
    var missing = ids.filter(function (id) { return !frags[id]; });
    var files = [];
    if (m && missing.length >= MIN_COVER) {
      var lists = m.cands.filter(function (c) { return c.df >= meta.champions[0]; });
      while (missing.length >= MIN_COVER) {
        var best = -1;
        var bestCover = [];
        lists.forEach(function (c, li) {
          var has = championsOf(c);
          var cover = missing.filter(function (id) { return has[id]; });
          if (cover.length > bestCover.length) { best = li; bestCover = cover; }
        });
        if (bestCover.length < MIN_COVER) break;
        files.push(loadChampions(lists[best].n));
        lists.splice(best, 1);
        missing = missing.filter(function (id) { return bestCover.indexOf(id) < 0; });
      }
    }
    files = files.concat(loadFragmentFiles(missing));
    return Promise.all(files).then(function () {
      // Whatever a champion file did not hold after all comes from its fragment file.
      var left = ids.filter(function (id) { return !frags[id]; });
      return Promise.all(loadFragmentFiles(left));
    }).then(function () {
      return ids.map(function (id) {
        if (!frags[id]) throw new Error('no search fragment for item ' + id);
        return frags[id];
      });
    });
  }

  /** The first `upto` hits, best first (score, then the lower id): only as many are sorted
   *  as a page shows, the rest when a reader asks for more. */
  function ranked(result, upto) {
    var final = result.final;
    var better = function (a, b) { return final[a] > final[b] || (final[a] === final[b] && a < b); };
    var top = [];
    var hits = result.hits;
    for (var i = 0; i < hits.length; i++) {
      var id = hits[i];
      if (top.length === upto && !better(id, top[upto - 1])) continue;
      var at = top.length;
      while (at > 0 && better(id, top[at - 1])) at--;
      top.splice(at, 0, id);
      if (top.length > upto) top.pop();
    }
    return top;
  }

  /** Renders the first `upto` results; `facets`, if given, counts the facets while the
   *  fragments load, and the counts are shown together with the results. */
  function renderResults(result, mine, upto, facets) {
    var ids = ranked(result, upto);
    var loaded = fragments(ids, result.match);
    var counted = facets ? facets() : null;
    return loaded.then(function (frs) {
      if (mine !== seq) return;
      if (facets) updateFacets(result, counted);
      var isMatch = matcher(result.match);
      var items = frs.map(function (fr, i) { return resultItem(ids[i], fr, isMatch); });
      list.replaceChildren.apply(list, items);
      more.hidden = result.hits.length <= upto;
      result.upto = upto;
      var active = result.ids !== null;
      browse.hidden = active;
      var n = result.hits.length;
      var q = result.state.q.trim();
      var msg;
      if (!active) msg = 'Typ een zoekterm of kies een filter.';
      else if (!n) msg = 'Geen resultaten' + (q ? ' voor ‘' + q + '’' : '') + '. Probeer een ander woord of minder filters.';
      else msg = n + (n === 1 ? ' resultaat' : ' resultaten') + (q ? ' voor ‘' + q + '’' : '') +
        (result.match && result.match.partial ? ' (niet alle woorden gevonden)' : '') + '.';
      statusEl.textContent = msg;
      root.dispatchEvent(new CustomEvent('leernet:results', { detail: { count: n, query: q } }));
    });
  }

  // ---- facet panel: built once per value, then only counts and visibility change ----

  var groups = Object.create(null);
  var clearButton = null;

  function buildFacets() {
    RANGE_FACETS.forEach(function (f) { groups[f.param] = makeGroup(f.param, f.label, false); });
    meta.facets.forEach(function (f) {
      listFacets[f[0]] = { label: f[1], values: null, of: null };
      groups[f[0]] = makeGroup(f[0], f[1], true);
    });
    var clear = el('button', 'search-clear', 'Alle filters wissen');
    clear.type = 'button';
    clear.hidden = true;
    clearButton = clear;
    clear.addEventListener('click', function () {
      facetsBox.querySelectorAll('input[type=checkbox]:checked').forEach(function (c) { c.checked = false; });
      search(currentState(), 'push');
    });
    facetsBox.appendChild(clear);
  }

  function makeGroup(param, label, lazy) {
    var box;
    var ul = el('ul');
    if (lazy) {
      box = el('details', 'search-facet');
      box.appendChild(el('summary', null, label));
      box.addEventListener('toggle', function () {
        if (box.open && !listFacets[param].values) {
          groups[param].loading = el('li', 'search-loading', 'Laden…');
          ul.replaceChildren(groups[param].loading);
          groups[param].order = null;
          loadFacet(param).then(function () { if (shown) updateFacets(shown, countFacets(shown)); });
        }
      });
    } else {
      box = el('fieldset', 'search-facet');
      box.appendChild(el('legend', null, label));
    }
    box.appendChild(ul);
    box.hidden = true;
    facetsBox.appendChild(box);
    return { box: box, ul: ul, items: Object.create(null), lazy: lazy, order: null, loading: null };
  }

  function valueItem(g, param, code, label) {
    var li = el('li');
    var lab = el('label');
    var cb = el('input');
    cb.type = 'checkbox';
    cb.name = param;
    cb.value = code;
    cb.addEventListener('change', function () { search(currentState(), 'push'); });
    var count = el('span', 'search-count');
    lab.appendChild(cb);
    lab.appendChild(el('span', null, label));
    lab.appendChild(count);
    li.appendChild(lab);
    g.items[code] = { li: li, cb: cb, count: count };
    return li;
  }

  /** Each facet's counts for a result, every facet counted under all the other selected
   *  facets: param -> {code: count}, or null for a facet whose file is not loaded. The
   *  range facets (type, status, offer and publication type, year) are counted per run of
   *  ids, since every id of a run has the same values. */
  function countFacets(result) {
    var ids = result.ids;
    if (!ids) return null;
    var sel = result.state.selected;
    var selectedParams = facetParams().filter(function (p) { return (sel[p] || []).length; });
    // Per id, the selected facets it does not pass, as bits.
    var fails = null;
    if (selectedParams.length) {
      fails = new Uint32Array(ids.length);
      for (var k = 0; k < ids.length; k++) {
        for (var j = 0; j < selectedParams.length; j++) if (!passes(ids[k], selectedParams[j], sel)) fails[k] |= 1 << j;
      }
    }
    var byRun = Object.create(null);
    var runCounts = function (mask) {
      if (byRun[mask]) return byRun[mask];
      var c = new Int32Array(groupFirst.length);
      for (var k = 0; k < ids.length; k++) if (!fails || !(fails[k] & mask)) c[groupOf[ids[k]]]++;
      byRun[mask] = c;
      return c;
    };
    var counted = Object.create(null);
    facetParams().forEach(function (param) {
      var own = selectedParams.indexOf(param);
      var mask = own >= 0 ? ~(1 << own) : ~0;
      var counts = Object.create(null);
      var lf = listFacets[param];
      if (lf) {
        if (!lf.values) { counted[param] = null; return; }
        for (var k = 0; k < ids.length; k++) {
          if (fails && (fails[k] & mask)) continue;
          var vs = lf.of[ids[k]];
          if (!vs) continue;
          for (var i = 0; i < vs.length; i++) { var c = lf.values[vs[i]][0]; counts[c] = (counts[c] || 0) + 1; }
        }
      } else {
        var runs = runCounts(mask);
        var value = RANGE_BY_PARAM[param].value;
        for (var g = 0; g < runs.length; g++) {
          if (!runs[g]) continue;
          var v = value(groupFirst[g]);
          if (v !== null) counts[v] = (counts[v] || 0) + runs[g];
        }
      }
      counted[param] = counts;
    });
    return counted;
  }

  /** Shows the counts of `countFacets`: only changed counts, checks and visibility touch
   *  the DOM. */
  function updateFacets(result, counted) {
    var sel = result.state.selected;
    clearButton.hidden = !Object.keys(sel).some(function (k) { return sel[k].length; });
    facetParams().forEach(function (param) {
      var g = groups[param];
      var lf = listFacets[param];
      var counts = (counted && counted[param]) || Object.create(null);
      var order = [];
      if (lf && lf.values) {
        order = lf.values;
      } else if (!lf) {
        order = Object.keys(counts).concat(sel[param] || []).filter(function (v, i, a) { return a.indexOf(v) === i; });
        var rf = RANGE_BY_PARAM[param];
        if (param === 'jaar') order.sort(function (a, b) { return b - a; });
        else if (param === 'type') {
          var folders = meta.kinds.map(function (k) { return k[1]; });
          order.sort(function (a, b) { return folders.indexOf(a) - folders.indexOf(b); });
        } else order.sort();
        order = order.map(function (v) { return [v, rf.labelOf(v)]; });
      }
      var any = false;
      var codes = order.map(function (pair) { return pair[0]; }).join('\n');
      // Nodes are (re)placed only when the values or their order changed.
      var moved = codes !== g.order;
      g.order = codes;
      order.forEach(function (pair) {
        var code = pair[0];
        var item = g.items[code];
        if (!item) {
          valueItem(g, param, code, pair[1]);
          item = g.items[code];
        }
        if (moved) g.ul.appendChild(item.li);
        var checked = (sel[param] || []).indexOf(code) >= 0;
        if (item.cb.checked !== checked) item.cb.checked = checked;
        var text = '(' + (counts[code] || 0) + ')';
        if (item.count.textContent !== text) item.count.textContent = text;
        var hidden = !checked && !counts[code];
        if (item.li.hidden !== hidden) item.li.hidden = hidden;
        if (!hidden) any = true;
      });
      if (g.loading) { g.loading.remove(); g.loading = null; }
      if (lf) {
        g.box.hidden = !result.ids;
        if ((sel[param] || []).length && !g.box.open) g.box.open = true;
      } else g.box.hidden = !any;
    });
  }

  // ---- wiring ----

  function applyUrl() {
    var state = readUrl();
    input.value = state.q;
    facetsBox.querySelectorAll('input[type=checkbox]').forEach(function (c) {
      c.checked = (state.selected[c.name] || []).indexOf(c.value) >= 0;
    });
    return search(state, null);
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('h3 a')); }

  input.addEventListener('input', function () { search(currentState(), 'replace'); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && links().length) { e.preventDefault(); links()[0].focus(); }
    else if (e.key === 'Escape' && input.value) { e.preventDefault(); input.value = ''; search(currentState(), 'replace'); }
  });
  list.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var ls = links();
    var i = ls.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown' && i + 1 < ls.length) ls[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? ls[i - 1] : input).focus();
  });
  input.form.addEventListener('submit', function (e) {
    e.preventDefault();
    search(currentState(), 'push');
  });
  more.addEventListener('click', function () {
    if (!shown) return;
    var first = shown.upto;
    renderResults(shown, seq, shown.upto + PAGE).then(function () {
      var ls = links();
      if (ls[first]) ls[first].focus();
    });
  });
  window.addEventListener('popstate', applyUrl);

  document.getElementById('search-nojs').hidden = true;
  ui.hidden = false;
  // The URL's state, unless the reader typed before the index was ready: that search waits
  // for it and wins.
  ready.then(function () { return seq ? null : applyUrl(); })
    .catch(function (e) { statusEl.textContent = 'Zoeken lukt nu niet: ' + e.message; });
})();
