//! Dutch text analysis for search: the one place that decides which terms a text gives.
//! Fold (NFKD, combining marks dropped, lowercase, a few letters spelled out), split into
//! words of `a-z0-9`, drop stop words and one-letter words, stem with Snowball Dutch
//! (rust-stemmers), and split compounds into parts the corpus itself knows.
//!
//! `layouts/assets/search-analysis.js` is its twin in the browser, line for line. The
//! parity test (`tests/search/parity.js`, run by `cargo test` through `tests/testsuite/search.rs`)
//! runs every word of the real content through both and demands identical output, so
//! whatever the browser does to a query gives exactly the terms the index holds.

use rust_stemmers::{Algorithm, Stemmer};

/// The Snowball list of Dutch stop words (snowballstem.org, dutch/stop.txt), folded.
pub const STOP_WORDS: [&str; 101] = [
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de", "der", "deze", "die",
    "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge", "geen", "geweest", "haar", "had", "heb",
    "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je",
    "kan", "kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets",
    "nog", "nu", "of", "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen", "wie", "wil",
    "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
];

/// Words shorter than this are not indexed (`e` of `e-learning`).
pub const MIN_WORD: usize = 2;
/// Only words at least this long are split into compound parts.
pub const MIN_COMPOUND: usize = 8;
/// Each compound part is at least this long (`wijk`, `zorg`, `geld`).
pub const MIN_PART: usize = 4;
/// Longer "words" (hashes, URLs run together) are not split.
pub const MAX_COMPOUND: usize = 40;

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`')
}

/// Letters that NFKD leaves alone but a Dutch reader types without the mark.
fn spelled_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ł' => "l",
        'ı' => "i",
        _ => return None,
    })
}

/// The folded words of a text, in order: runs of `a-z0-9` after folding. Apostrophes are
/// dropped inside words (`thema's` -> `themas`); every other character separates words.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each folded word of `text`, in order, without allocating per word.
/// Decomposing character by character gives the letters of NFKD of the whole text: the
/// only reordering NFKD does is among combining marks, which are dropped or separate words.
///
/// Most words of Dutch text are plain lowercase ASCII: those are handed on as slices of
/// `text`; a word is copied into a buffer only once it needs folding.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    // The current word is `text[start..i]` while `clean`, else `word`.
    let mut word = String::new();
    let mut start = 0;
    let mut clean = false;
    let mut decomposed: Vec<char> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            // The whole run of plain letters and digits at once: most of the text.
            let end = plain_run_end(bytes, i + 1);
            if !clean && word.is_empty() {
                (start, clean) = (i, true);
            } else if !clean {
                word.push_str(&text[i..end]);
            }
            i = end;
            continue;
        }
        // Anything else ends the clean run: the word continues in the buffer, or ends.
        if clean {
            if b.is_ascii_uppercase() || b == b'\'' || b == b'`' || b >= 0x80 {
                word.push_str(&text[start..i]);
            } else {
                f(&text[start..i]);
            }
            clean = false;
        }
        if b.is_ascii_uppercase() {
            word.push(b.to_ascii_lowercase() as char);
            i += 1;
        } else if b < 0x80 {
            if b != b'\'' && b != b'`' && !word.is_empty() {
                f(&word);
                word.clear();
            }
            i += 1;
        } else {
            let Some(c) = text[i..].chars().next() else { break };
            i += c.len_utf8();
            decomposed.clear();
            unicode_normalization::char::decompose_compatible(c, |d| decomposed.push(d));
            for &d in &decomposed {
                if is_mark(d) || is_apostrophe(d) {
                    continue;
                }
                for l in d.to_lowercase() {
                    if l.is_ascii_lowercase() || l.is_ascii_digit() {
                        word.push(l);
                    } else if let Some(s) = spelled_out(l) {
                        word.push_str(s);
                    } else if !word.is_empty() {
                        f(&word);
                        word.clear();
                    }
                }
            }
        }
    }
    if clean {
        f(&text[start..]);
    } else if !word.is_empty() {
        f(&word);
    }
}

/// The end of the run of `a-z0-9` bytes that starts at `from`: eight bytes at a time while
/// all eight are plain, then byte by byte.
fn plain_run_end(bytes: &[u8], mut from: usize) -> usize {
    use crate::swar;
    while let Some(w) = swar::load(bytes, from) {
        let plain = (swar::in_range(w, b'a', b'z') | swar::in_range(w, b'0', b'9')) & !w;
        if plain != swar::HIGH {
            return from + swar::first(!plain & swar::HIGH);
        }
        from += 8;
    }
    from + bytes[from..]
        .iter()
        .position(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit()))
        .unwrap_or(bytes.len() - from)
}

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Whether a folded word is indexed at all (long enough, not a stop word).
pub fn is_indexed(word: &str) -> bool {
    word.len() >= MIN_WORD && !is_stop_word(word)
}

/// The Snowball Dutch stem of a folded word.
pub fn stem(word: &str) -> String {
    Stemmer::create(Algorithm::Dutch).stem(word).into_owned()
}

/// The terms of a text: its indexed words, stemmed, in order (repeats kept).
pub fn terms(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| is_indexed(w)).map(|w| stem(&w)).collect()
}

/// The parts of a compound word, found with the corpus's own vocabulary: the coarsest
/// split of `word` into two or more pieces that are words of the corpus (`known`), allowing
/// the Dutch linking forms (fewest pieces; on a tie, the longest first piece), then the same
/// for each part, in pre-order without repeats. `schuldhulpverlening` gives `schuldhulp`,
/// `schuld`, `hulp`, `verlening` when the corpus has those words.
pub fn compound_parts(word: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    split_into(word, known, &mut out);
    out
}

/// The corpus word a piece of a compound stands for: itself, itself without a linking `s`
/// (`gebieds|aanpak`), or itself with the `en` that a compound drops (`kinder|armoede`).
/// Pieces are at least `MIN_PART` long and never stop words.
pub fn part_word(piece: &str, known: &dyn Fn(&str) -> bool) -> Option<String> {
    if piece.len() < MIN_PART || is_stop_word(piece) {
        return None;
    }
    if known(piece) {
        return Some(piece.to_string());
    }
    if let Some(bare) = piece.strip_suffix('s') {
        if bare.len() >= MIN_PART && !is_stop_word(bare) && known(bare) {
            return Some(bare.to_string());
        }
    }
    let plural = format!("{piece}en");
    known(&plural).then_some(plural)
}

fn split_into(word: &str, known: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
    let n = word.len();
    if !(MIN_COMPOUND..=MAX_COMPOUND).contains(&n) || !word.is_ascii() {
        return;
    }
    let ok = |piece: &str| part_word(piece, known).is_some();
    // best[i]: (pieces, end of first piece) of the coarsest split of word[i..], if any.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, n));
    for i in (0..n).rev() {
        let mut choice: Option<(usize, usize)> = None;
        for j in (i + MIN_PART..=n).rev() {
            if let Some((rest, _)) = best[j] {
                if choice.is_none_or(|(c, _)| rest + 1 < c) && ok(&word[i..j]) {
                    choice = Some((rest + 1, j));
                }
            }
        }
        best[i] = choice;
    }
    // The top level must split: the first piece ends before the word does.
    let mut top: Option<(usize, usize)> = None;
    for j in (MIN_PART..=n - MIN_PART).rev() {
        if let Some((rest, _)) = best[j] {
            if top.is_none_or(|(c, _)| rest + 1 < c) && ok(&word[..j]) {
                top = Some((rest + 1, j));
            }
        }
    }
    let Some((_, mut end)) = top else { return };
    let mut start = 0;
    loop {
        let part = part_word(&word[start..end], known).unwrap_or_default();
        if !out.contains(&part) {
            out.push(part.clone());
        }
        split_into(&part, known, out);
        if end == n {
            break;
        }
        start = end;
        end = match best[start] {
            Some((_, e)) => e,
            None => break,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The plain character-by-character folding that `for_each_word` must equal.
    fn reference_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let push = |d: char, word: &mut String, out: &mut Vec<String>| {
            if is_mark(d) || is_apostrophe(d) {
                return;
            }
            for l in d.to_lowercase() {
                if l.is_ascii_lowercase() || l.is_ascii_digit() {
                    word.push(l);
                } else if let Some(s) = spelled_out(l) {
                    word.push_str(s);
                } else if !word.is_empty() {
                    out.push(std::mem::take(word));
                }
            }
        };
        for c in text.chars() {
            unicode_normalization::char::decompose_compatible(c, |d| push(d, &mut word, &mut out));
        }
        if !word.is_empty() {
            out.push(word);
        }
        out
    }

    #[test]
    fn the_fast_path_folds_like_the_plain_one() {
        let samples = [
            "",
            "a",
            "Abc",
            "abc DEF ghi",
            "thema's en `quote`",
            "Coördinatie café ﬁets",
            "ĳsselmonde ß Æon",
            "e-learning 2024-2025 NPRZ",
            "x\u{0301}y",
            "’s-Hertogenbosch",
            "Москва 東京 emoji🙂woord",
            "A'B'c d'",
            "straße1 9x",
            "  spaties  ",
            "'",
            "a'",
            "'a",
            "aBc'dE",
            "één\ttwee\ndrie",
            "ABC",
            "abc\u{00e9}",
        ];
        for s in samples {
            assert_eq!(words(s), reference_words(s), "{s:?}");
        }
        // Every pair of characters from a varied alphabet, with letters around.
        let alphabet: Vec<char> = "aZ9 '`-éÉ\u{0301}ßĳ’🙂東".chars().collect();
        for &x in &alphabet {
            for &y in &alphabet {
                for s in [format!("{x}{y}"), format!("ab{x}{y}cd"), format!("{x}ab{y}")] {
                    assert_eq!(words(&s), reference_words(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn plain_runs_end_at_the_first_other_byte() {
        // Every byte value at every place of a run up to 20 bytes long, with plain bytes
        // of both kinds and other bytes after it (which a carry might have hidden).
        for stop in 0..=255u8 {
            for at in 0..20 {
                let mut bytes: Vec<u8> =
                    (0..at).map(|k| if k % 3 == 0 { b'0' + (k % 10) as u8 } else { b'a' + k as u8 }).collect();
                bytes.push(stop);
                bytes.extend_from_slice(b"z9\xff{/`@:");
                let expected =
                    bytes.iter().position(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit())).unwrap_or(bytes.len());
                assert_eq!(plain_run_end(&bytes, 0), expected, "{bytes:?}");
                assert_eq!(plain_run_end(&bytes[..at], 0), at);
            }
        }
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn folding_drops_diacritics_case_and_apostrophes() {
        assert_eq!(words("Coördinatie"), ["coordinatie"]);
        assert_eq!(words("Thema's: één Café, straße"), ["themas", "een", "cafe", "strasse"]);
        assert_eq!(words("e-learning NPRZ-gebied 2027"), ["e", "learning", "nprz", "gebied", "2027"]);
        assert_eq!(words("Jeugd & Gezin <script>"), ["jeugd", "gezin", "script"]);
        assert_eq!(words("ĳsselmonde"), ["ijsselmonde"]);
    }

    #[test]
    fn terms_are_stemmed_without_stop_words() {
        assert_eq!(terms("De wijken en de wijk"), ["wijk", "wijk"]);
        assert_eq!(terms("vrijwilligers"), terms("vrijwilliger"));
        assert_eq!(terms("coördinatie"), terms("coordinatie"));
        assert!(terms("e van de").is_empty());
    }

    #[test]
    fn compounds_split_into_known_parts() {
        let known: HashSet<&str> =
            ["schuldhulp", "schuld", "hulp", "verlening", "voor", "beelden", "gebied", "aanpak", "kinderen", "armoede"]
                .into();
        let f = |w: &str| known.contains(w);
        assert_eq!(compound_parts("schuldhulpverlening", &f), ["schuldhulp", "schuld", "hulp", "verlening"]);
        // Linking forms: a dropped `en`, an added `s`.
        assert_eq!(compound_parts("kinderarmoede", &f), ["kinderen", "armoede"]);
        assert_eq!(compound_parts("gebiedsaanpak", &f), ["gebied", "aanpak"]);
        // A stop word is never a part.
        assert!(compound_parts("voorbeelden", &f).is_empty());
        // Short words are not split.
        assert!(compound_parts("hulpje", &f).is_empty());
    }
}
