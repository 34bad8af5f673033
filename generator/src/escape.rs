//! Escaping text for HTML and XML: the one place that decides which characters become
//! entities (`& < > " '`), used by the templates, Markdown code blocks, feeds and sitemaps,
//! and the dev server's overlay.

/// Hands `s` to `out` in pieces, with `& < > " '` replaced by entities. Streaming writers
/// (the template formatter) use this directly and allocate nothing.
pub fn html_pieces<E>(s: &str, mut out: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    // Most values hold none of the five: a table lookup per byte finds the next one.
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        t[b'&' as usize] = true;
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'"' as usize] = true;
        t[b'\'' as usize] = true;
        t
    };
    let bytes = s.as_bytes();
    let mut last = 0;
    while let Some(k) = bytes[last..].iter().position(|&b| SPECIAL[b as usize]) {
        let i = last + k;
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
}
