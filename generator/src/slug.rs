//! The slug rule of the content model: what a valid slug is, and how to derive one
//! from a title or a wrong file name (NFC, transliteration, `&` -> `en`, quotes dropped).

use unicode_normalization::UnicodeNormalization;

/// Names Windows refuses as file names; a mirror on Windows must be able to hold every page.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// True when `s` matches `^[a-z0-9]+(-[a-z0-9]+)*$` and is not a Windows-reserved name.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !is_reserved(s)
}

/// True for Windows-reserved device names.
pub fn is_reserved(s: &str) -> bool {
    RESERVED.contains(&s)
}

/// Derives a slug from any text: `Coördinatie & één "Wijk"` -> `coordinatie-en-een-wijk`.
/// Idempotent: `slugify(slugify(x)) == slugify(x)`. May return an empty string for text
/// without letters or digits; callers decide what to do with that.
pub fn slugify(text: &str) -> String {
    // ASCII text is already in NFC (most headings are): only other text is normalised.
    let nfc: std::borrow::Cow<str> = if text.is_ascii() { text.into() } else { text.nfc().collect::<String>().into() };
    let mut ascii = String::with_capacity(nfc.len());
    for c in nfc.chars() {
        match c {
            '&' => ascii.push_str(" en "),
            // Quotes and apostrophes are dropped so `Jeugd's` -> `jeugds`, not `jeugd-s`.
            '\'' | '"' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '`' | '\u{B4}' => {}
            c if c.is_ascii() => ascii.push(c),
            c => ascii.push_str(deunicode::deunicode_char(c).unwrap_or("-")),
        }
    }
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '"' {
            // Transliteration can yield quotes again (e.g. from modifier letters).
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// A slug for a file that must not be a reserved name: `con` -> `con-1`.
pub fn proposed_file_slug(stem: &str) -> String {
    let s = slugify(stem);
    if s.is_empty() {
        "naamloos".to_string()
    } else if is_reserved(&s) {
        format!("{s}-1")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_as_the_model_says() {
        assert_eq!(slugify("coördinatie"), "coordinatie");
        assert_eq!(slugify("één"), "een");
        assert_eq!(slugify("Jeugd & Gezin"), "jeugd-en-gezin");
        assert_eq!(slugify("\"Quotes\" en 'zo'"), "quotes-en-zo");
        assert_eq!(slugify("Armoede en schulden"), "armoede-en-schulden");
        assert_eq!(slugify("  --Wijk__aanpak--  "), "wijk-aanpak");
        // NFD input (e + combining acute) gives the same slug as NFC.
        assert_eq!(slugify("caf\u{65}\u{301}"), slugify("café"));
    }

    #[test]
    fn validity() {
        assert!(is_valid("armoede-en-schulden"));
        assert!(is_valid("a1"));
        for bad in ["", "-a", "a-", "a--b", "A", "é", "a_b", "con", "nul", "aux"] {
            assert!(!is_valid(bad), "{bad:?} should be invalid");
        }
        assert_eq!(proposed_file_slug("con"), "con-1");
        assert_eq!(proposed_file_slug("Coördinatie punt"), "coordinatie-punt");
    }

    #[test]
    fn slugify_is_idempotent_and_valid() {
        for s in ["Één wijk", "Hallo  Wereld!", "x&y", "ß straße", "Ωmega 12", "日本"] {
            let once = slugify(s);
            assert_eq!(slugify(&once), once);
            assert!(once.is_empty() || is_valid(&once) || is_reserved(&once), "{once}");
        }
    }
}
