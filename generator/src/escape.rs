//! Escaping text for HTML and XML: the one place that decides which characters become
//! entities (`& < > " '`), used by the templates, Markdown code blocks, feeds and sitemaps,
//! and the dev server's overlay.

/// The five characters that become entities, by byte.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t
};

/// The place of the first of `& < > " '` in `bytes` from `at`. Eight bytes at a time: with
/// their high bits cleared (so no byte carries into the next), the bytes in `"..='` or
/// `<..=>` are marked; that range also holds `# $ % =`, and a byte from 0x80 up may land in
/// it, so a mark is confirmed in the table before it counts. Most values hold none of the
/// five, and their chunks pass with a few integer operations each.
fn next_special(bytes: &[u8], mut at: usize) -> Option<usize> {
    use crate::swar;
    while let Some(w) = swar::load(bytes, at) {
        let w = w & !swar::HIGH;
        let marks = swar::in_range(w, b'"', b'\'') | swar::in_range(w, b'<', b'>');
        if marks == 0 {
            at += 8;
            continue;
        }
        let i = at + swar::first(marks);
        if SPECIAL[bytes[i] as usize] {
            return Some(i);
        }
        at = i + 1;
    }
    bytes[at..].iter().position(|&b| SPECIAL[b as usize]).map(|k| at + k)
}

/// Hands `s` to `out` in pieces, with `& < > " '` replaced by entities. Streaming writers
/// (the template formatter) use this directly and allocate nothing.
pub fn html_pieces<E>(s: &str, mut out: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = s.as_bytes();
    let mut last = 0;
    while let Some(i) = next_special(bytes, last) {
        let rep = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        if i > last {
            out(&s[last..i])?;
        }
        out(rep)?;
        last = i + 1;
    }
    if last < s.len() || s.is_empty() {
        out(&s[last..])?;
    }
    Ok(())
}

/// `s` escaped for HTML text and quoted attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let _ = html_pieces(s, |p| -> Result<(), ()> {
        out.push_str(p);
        Ok(())
    });
    out
}

/// `s` escaped for XML content and attributes: as for HTML, and without the control
/// characters XML 1.0 does not allow.
pub fn xml(s: &str) -> String {
    if s.chars().any(|c| (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r')) {
        let clean: String = s.chars().filter(|&c| (c as u32) >= 0x20 || matches!(c, '\n' | '\t' | '\r')).collect();
        return html(&clean);
    }
    html(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_and_nothing_else() {
        assert_eq!(html("\"<'&>"), "&quot;&lt;&#39;&amp;&gt;");
        assert_eq!(html("één/twee"), "één/twee");
        assert_eq!(xml("a\u{1}b & c"), "ab &amp; c");
    }

    /// Every byte value at every place of a value up to 20 bytes long, and two of them in
    /// one chunk: the eight-byte scan finds the same characters as a byte-by-byte one.
    #[test]
    fn the_eight_byte_scan_finds_what_a_byte_scan_finds() {
        let slow = |b: &[u8], at: usize| b[at..].iter().position(|&c| SPECIAL[c as usize]).map(|k| at + k);
        for len in 1..=20 {
            for b in 0..=255u8 {
                for at in 0..len {
                    let mut v = b"buurt-wijk-2026 en #".repeat(2)[..len].to_vec();
                    v[at] = b;
                    if at + 3 < len {
                        v[at + 3] = b'&';
                    }
                    for from in 0..len {
                        assert_eq!(next_special(&v, from), slow(&v, from), "{v:?} from {from}");
                    }
                }
            }
        }
        assert_eq!(
            html("Zorg & welzijn in \"De Wijk\" (2026) <nieuw> — één 'test' = 100%"),
            "Zorg &amp; welzijn in &quot;De Wijk&quot; (2026) &lt;nieuw&gt; — één &#39;test&#39; = 100%"
        );
    }
}
