#!/usr/bin/env node
'use strict';
// The JavaScript half of the analysis parity test (tests/testsuite/search.rs runs it):
// reads {tokens, known} from the JSON file named on the command line and prints, for every
// token, what layouts/assets/search-analysis.js makes of it: its folded words, its terms, and
// the compound parts of each folded word (with `known` as the corpus vocabulary). The Rust
// side computes the same with generator/src/search/analysis.rs; the outputs must be equal.
//   node tests/search/parity.js input.json > output.json

const fs = require('node:fs');
const path = require('node:path');
const A = require(path.join(__dirname, '..', '..', 'layouts', 'assets', 'search-analysis.js'));

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const known = new Set(input.known);
const isKnown = (w) => known.has(w);
const out = {
  words: input.tokens.map((t) => A.words(t)),
  terms: input.tokens.map((t) => A.terms(t)),
  parts: input.known.map((w) => A.compoundParts(w, isKnown)),
};
process.stdout.write(JSON.stringify(out));
