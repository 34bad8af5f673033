/*! leernet search: Dutch text analysis, the browser twin of generator/src/search/analysis.rs.
 * Fold (NFKD, combining marks dropped, lowercase, a few letters spelled out), split into words
 * of a-z0-9, drop stop words and one-letter words, stem with Snowball Dutch (an exact port of
 * the algorithm rust-stemmers implements), split compounds into parts the corpus knows.
 * Change both files together: tests/search/parity.js checks them against each other over the
 * whole vocabulary of the real content. Defines the global `leernetAnalysis`. */
(function (root) {
  'use strict';

  var STOP_WORDS = new Set(('aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door ' +
    'dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je ' +
    'kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over ' +
    'reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze ' +
    'zelf zich zij zijn zo zonder zou').split(' '));
  var MIN_WORD = 2;
  var MIN_COMPOUND = 8;
  var MIN_PART = 4;
  var MAX_COMPOUND = 40;
  var SPELLED = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ł': 'l', 'ı': 'i' };
  var APOSTROPHES = "'\u2018\u2019\u02BC`";

  function isMark(cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
      (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
  }

  /** The folded words of a text, in order (see analysis.rs `words`). */
  function words(text) {
    var out = [];
    var word = '';
    for (var c of String(text).normalize('NFKD')) {
      if (isMark(c.codePointAt(0)) || APOSTROPHES.indexOf(c) >= 0) continue;
      for (var l of c.toLowerCase()) {
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) word += l;
        else if (Object.prototype.hasOwnProperty.call(SPELLED, l)) word += SPELLED[l];
        else if (word) { out.push(word); word = ''; }
      }
    }
    if (word) out.push(word);
    return out;
  }

  function isStopWord(w) { return STOP_WORDS.has(w); }
  function isIndexed(w) { return w.length >= MIN_WORD && !STOP_WORDS.has(w); }

  // ---- Snowball Dutch, ported from rust-stemmers 1.2 (src/snowball/algorithms/dutch.rs) ----
  // Same routines, same order, same cursor arithmetic; comments name the Snowball lines.
  // Input is a folded word, so code units and the Rust byte offsets coincide.

  var G_V = 'aeiouy\u00E8';
  var G_V_I = G_V + 'I';
  var G_V_J = G_V + 'j';
  var A_0 = [['', 6], ['\u00E1', 1], ['\u00E4', 1], ['\u00E9', 2], ['\u00EB', 2], ['\u00ED', 3], ['\u00EF', 3],
    ['\u00F3', 4], ['\u00F6', 4], ['\u00FA', 5], ['\u00FC', 5]];
  var A_1 = [['', 3], ['I', 2], ['Y', 1]];
  var A_2 = [['dd', -1], ['kk', -1], ['tt', -1]];
  var A_3 = [['ene', 2], ['se', 3], ['en', 2], ['heden', 1], ['s', 3]];
  var A_4 = [['end', 1], ['ig', 2], ['ing', 1], ['lijk', 3], ['baar', 4], ['bar', 5]];
  var A_5 = [['aa', -1], ['ee', -1], ['oo', -1], ['uu', -1]];

  function Env(s) {
    this.current = s; this.cursor = 0; this.limit = s.length; this.limit_backward = 0; this.bra = 0; this.ket = s.length;
  }
  Env.prototype.replace_s = function (bra, ket, s) {
    var adjustment = s.length - (ket - bra);
    this.current = this.current.slice(0, bra) + s + this.current.slice(ket);
    this.limit += adjustment;
    if (this.cursor >= ket) this.cursor += adjustment;
    else if (this.cursor > bra) this.cursor = bra;
    return adjustment;
  };
  Env.prototype.slice_from = function (s) { this.replace_s(this.bra, this.ket, s); return true; };
  Env.prototype.slice_del = function () { return this.slice_from(''); };
  Env.prototype.eq_s = function (s) {
    if (this.cursor >= this.limit) return false;
    if (this.current.startsWith(s, this.cursor)) { this.cursor += s.length; return true; }
    return false;
  };
  Env.prototype.eq_s_b = function (s) {
    if (this.cursor - this.limit_backward < s.length) return false;
    if (this.current.slice(this.cursor - s.length, this.cursor) !== s) return false;
    this.cursor -= s.length;
    return true;
  };
  Env.prototype.in_grouping = function (g) {
    if (this.cursor >= this.limit) return false;
    if (g.indexOf(this.current[this.cursor]) < 0) return false;
    this.cursor += 1;
    return true;
  };
  Env.prototype.out_grouping = function (g) {
    if (this.cursor >= this.limit) return false;
    if (g.indexOf(this.current[this.cursor]) >= 0) return false;
    this.cursor += 1;
    return true;
  };
  Env.prototype.out_grouping_b = function (g) {
    if (this.cursor <= this.limit_backward) return false;
    if (g.indexOf(this.current[this.cursor - 1]) >= 0) return false;
    this.cursor -= 1;
    return true;
  };
  // The generated code searches the (sorted) among table; with no routines attached, that is
  // the longest entry matching at the cursor.
  Env.prototype.find_among = function (amongs) {
    var best = null;
    for (var i = 0; i < amongs.length; i++) {
      var w = amongs[i][0];
      if (this.cursor + w.length <= this.limit && this.current.startsWith(w, this.cursor) &&
        (best === null || w.length > best[0].length)) best = amongs[i];
    }
    if (best === null) return 0;
    this.cursor += best[0].length;
    return best[1];
  };
  Env.prototype.find_among_b = function (amongs) {
    var best = null;
    for (var i = 0; i < amongs.length; i++) {
      var w = amongs[i][0];
      if (this.cursor - w.length >= this.limit_backward &&
        this.current.slice(this.cursor - w.length, this.cursor) === w &&
        (best === null || w.length > best[0].length)) best = amongs[i];
    }
    if (best === null) return 0;
    this.cursor -= best[0].length;
    return best[1];
  };

  function r_prelude(env) {
    var v_1 = env.cursor;
    for (;;) { // repeat, line 42
      var v_2 = env.cursor;
      env.bra = env.cursor;
      var among_var = env.find_among(A_0);
      if (among_var === 0) { env.cursor = v_2; break; }
      env.ket = env.cursor;
      if (among_var === 1) env.slice_from('a');
      else if (among_var === 2) env.slice_from('e');
      else if (among_var === 3) env.slice_from('i');
      else if (among_var === 4) env.slice_from('o');
      else if (among_var === 5) env.slice_from('u');
      else if (among_var === 6) {
        if (env.cursor >= env.limit) { env.cursor = v_2; break; }
        env.cursor += 1;
      }
    }
    env.cursor = v_1;
    var v_3 = env.cursor; // try, line 57
    env.bra = env.cursor;
    if (env.eq_s('y')) { env.ket = env.cursor; env.slice_from('Y'); } else env.cursor = v_3;
    replab3: for (;;) { // repeat, line 58
      var v_4 = env.cursor;
      for (;;) { // goto, line 58
        var v_5 = env.cursor;
        var matched = false;
        lab6: {
          if (!env.in_grouping(G_V)) break lab6;
          env.bra = env.cursor;
          lab7: {
            var v_6 = env.cursor;
            lab8: {
              if (!env.eq_s('i')) break lab8;
              env.ket = env.cursor;
              if (!env.in_grouping(G_V)) break lab8;
              env.slice_from('I');
              break lab7;
            }
            env.cursor = v_6;
            if (!env.eq_s('y')) break lab6;
            env.ket = env.cursor;
            env.slice_from('Y');
          }
          matched = true;
        }
        env.cursor = v_5;
        if (matched) continue replab3;
        if (env.cursor >= env.limit) { env.cursor = v_4; break replab3; }
        env.cursor += 1;
      }
    }
    return true;
  }

  function r_mark_regions(env, ctx) {
    ctx.p1 = env.limit;
    ctx.p2 = env.limit;
    while (!env.in_grouping(G_V)) { if (env.cursor >= env.limit) return false; env.cursor += 1; } // gopast v
    while (!env.out_grouping(G_V)) { if (env.cursor >= env.limit) return false; env.cursor += 1; } // gopast non-v
    ctx.p1 = env.cursor;
    if (ctx.p1 < 3) ctx.p1 = 3;
    while (!env.in_grouping(G_V)) { if (env.cursor >= env.limit) return false; env.cursor += 1; }
    while (!env.out_grouping(G_V)) { if (env.cursor >= env.limit) return false; env.cursor += 1; }
    ctx.p2 = env.cursor;
    return true;
  }

  function r_postlude(env) {
    for (;;) { // repeat, line 75
      var v_1 = env.cursor;
      env.bra = env.cursor;
      var among_var = env.find_among(A_1);
      if (among_var === 0) { env.cursor = v_1; break; }
      env.ket = env.cursor;
      if (among_var === 1) env.slice_from('y');
      else if (among_var === 2) env.slice_from('i');
      else if (among_var === 3) {
        if (env.cursor >= env.limit) { env.cursor = v_1; break; }
        env.cursor += 1;
      }
    }
    return true;
  }

  function r_R1(env, ctx) { return ctx.p1 <= env.cursor; }
  function r_R2(env, ctx) { return ctx.p2 <= env.cursor; }

  function r_undouble(env) {
    var v_1 = env.limit - env.cursor;
    if (env.find_among_b(A_2) === 0) return false;
    env.cursor = env.limit - v_1;
    env.ket = env.cursor;
    if (env.cursor <= env.limit_backward) return false;
    env.cursor -= 1;
    env.bra = env.cursor;
    env.slice_del();
    return true;
  }

  function r_e_ending(env, ctx) {
    ctx.e_found = false;
    env.ket = env.cursor;
    if (!env.eq_s_b('e')) return false;
    env.bra = env.cursor;
    if (!r_R1(env, ctx)) return false;
    var v_1 = env.limit - env.cursor;
    if (!env.out_grouping_b(G_V)) return false;
    env.cursor = env.limit - v_1;
    env.slice_del();
    ctx.e_found = true;
    return r_undouble(env);
  }

  function r_en_ending(env, ctx) {
    if (!r_R1(env, ctx)) return false;
    var v_1 = env.limit - env.cursor;
    if (!env.out_grouping_b(G_V)) return false;
    env.cursor = env.limit - v_1;
    var v_2 = env.limit - env.cursor;
    if (env.eq_s_b('gem')) return false;
    env.cursor = env.limit - v_2;
    env.slice_del();
    return r_undouble(env);
  }

  function r_standard_suffix(env, ctx) {
    var among_var;
    var v_1 = env.limit - env.cursor;
    lab0: { // do, line 107
      env.ket = env.cursor;
      among_var = env.find_among_b(A_3);
      if (among_var === 0) break lab0;
      env.bra = env.cursor;
      if (among_var === 1) {
        if (!r_R1(env, ctx)) break lab0;
        env.slice_from('heid');
      } else if (among_var === 2) {
        if (!r_en_ending(env, ctx)) break lab0;
      } else if (among_var === 3) {
        if (!r_R1(env, ctx)) break lab0;
        if (!env.out_grouping_b(G_V_J)) break lab0;
        env.slice_del();
      }
    }
    env.cursor = env.limit - v_1;
    var v_2 = env.limit - env.cursor; // do, line 120
    r_e_ending(env, ctx);
    env.cursor = env.limit - v_2;
    var v_3 = env.limit - env.cursor;
    lab2: { // do, line 122
      env.ket = env.cursor;
      if (!env.eq_s_b('heid')) break lab2;
      env.bra = env.cursor;
      if (!r_R2(env, ctx)) break lab2;
      var v_4 = env.limit - env.cursor;
      if (env.eq_s_b('c')) break lab2;
      env.cursor = env.limit - v_4;
      env.slice_del();
      env.ket = env.cursor;
      if (!env.eq_s_b('en')) break lab2;
      env.bra = env.cursor;
      r_en_ending(env, ctx);
    }
    env.cursor = env.limit - v_3;
    var v_5 = env.limit - env.cursor;
    lab4: { // do, line 126
      env.ket = env.cursor;
      among_var = env.find_among_b(A_4);
      if (among_var === 0) break lab4;
      env.bra = env.cursor;
      if (among_var === 1) {
        if (!r_R2(env, ctx)) break lab4;
        env.slice_del();
        lab5: { // or, line 130
          var v_6 = env.limit - env.cursor;
          lab6: {
            env.ket = env.cursor;
            if (!env.eq_s_b('ig')) break lab6;
            env.bra = env.cursor;
            if (!r_R2(env, ctx)) break lab6;
            var v_7 = env.limit - env.cursor;
            if (env.eq_s_b('e')) break lab6;
            env.cursor = env.limit - v_7;
            env.slice_del();
            break lab5;
          }
          env.cursor = env.limit - v_6;
          if (!r_undouble(env)) break lab4;
        }
      } else if (among_var === 2) {
        if (!r_R2(env, ctx)) break lab4;
        var v_8 = env.limit - env.cursor;
        if (env.eq_s_b('e')) break lab4;
        env.cursor = env.limit - v_8;
        env.slice_del();
      } else if (among_var === 3) {
        if (!r_R2(env, ctx)) break lab4;
        env.slice_del();
        if (!r_e_ending(env, ctx)) break lab4;
      } else if (among_var === 4) {
        if (!r_R2(env, ctx)) break lab4;
        env.slice_del();
      } else if (among_var === 5) {
        if (!r_R2(env, ctx)) break lab4;
        if (!ctx.e_found) break lab4;
        env.slice_del();
      }
    }
    env.cursor = env.limit - v_5;
    var v_9 = env.limit - env.cursor;
    lab9: { // do, line 146
      if (!env.out_grouping_b(G_V_I)) break lab9;
      var v_10 = env.limit - env.cursor;
      if (env.find_among_b(A_5) === 0) break lab9;
      if (!env.out_grouping_b(G_V)) break lab9;
      env.cursor = env.limit - v_10;
      env.ket = env.cursor;
      if (env.cursor <= env.limit_backward) break lab9;
      env.cursor -= 1;
      env.bra = env.cursor;
      env.slice_del();
    }
    env.cursor = env.limit - v_9;
    return true;
  }

  /** The Snowball Dutch stem of a folded word. */
  function stem(word) {
    var env = new Env(word);
    var ctx = { p1: 0, p2: 0, e_found: false };
    var v_1 = env.cursor;
    r_prelude(env);
    env.cursor = v_1;
    var v_2 = env.cursor;
    r_mark_regions(env, ctx);
    env.cursor = v_2;
    env.limit_backward = env.cursor;
    env.cursor = env.limit;
    var v_3 = env.limit - env.cursor;
    r_standard_suffix(env, ctx);
    env.cursor = env.limit - v_3;
    env.cursor = env.limit_backward;
    var v_4 = env.cursor;
    r_postlude(env);
    env.cursor = v_4;
    return env.current;
  }

  /** The terms of a text: indexed words, stemmed, in order. */
  function terms(text) {
    return words(text).filter(isIndexed).map(stem);
  }

  /** Compound parts found with `known(piece)` (see analysis.rs `compound_parts`). */
  function compoundParts(word, known) {
    var out = [];
    splitInto(word, known, out);
    return out;
  }

  /** The corpus word a piece of a compound stands for (see analysis.rs `part_word`). */
  function partWord(piece, known) {
    if (piece.length < MIN_PART || STOP_WORDS.has(piece)) return null;
    if (known(piece)) return piece;
    if (piece[piece.length - 1] === 's') {
      var bare = piece.slice(0, -1);
      if (bare.length >= MIN_PART && !STOP_WORDS.has(bare) && known(bare)) return bare;
    }
    var plural = piece + 'en';
    return known(plural) ? plural : null;
  }

  function splitInto(word, known, out) {
    var n = word.length;
    if (n < MIN_COMPOUND || n > MAX_COMPOUND || !/^[\x00-\x7f]*$/.test(word)) return;
    var ok = function (piece) { return partWord(piece, known) !== null; };
    var best = new Array(n + 1).fill(null);
    best[n] = [0, n];
    var i, j, choice;
    for (i = n - 1; i >= 0; i--) {
      choice = null;
      for (j = n; j >= i + MIN_PART; j--) {
        if (best[j] !== null && (choice === null || best[j][0] + 1 < choice[0]) && ok(word.slice(i, j))) {
          choice = [best[j][0] + 1, j];
        }
      }
      best[i] = choice;
    }
    var top = null;
    for (j = n - MIN_PART; j >= MIN_PART; j--) {
      if (best[j] !== null && (top === null || best[j][0] + 1 < top[0]) && ok(word.slice(0, j))) {
        top = [best[j][0] + 1, j];
      }
    }
    if (top === null) return;
    var start = 0;
    var end = top[1];
    for (;;) {
      var part = partWord(word.slice(start, end), known);
      if (out.indexOf(part) < 0) out.push(part);
      splitInto(part, known, out);
      if (end === n) break;
      start = end;
      if (best[start] === null) break;
      end = best[start][1];
    }
  }

  var api = {
    words: words, isStopWord: isStopWord, isIndexed: isIndexed, stem: stem, terms: terms,
    compoundParts: compoundParts, MIN_WORD: MIN_WORD,
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.leernetAnalysis = api;
})(this);
