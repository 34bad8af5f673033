//! The invariants of the fuzz targets, one module per target, each with `check(data)`.
//! Shared by the cargo-fuzz targets (`fuzz_targets/`) and by the normal test suite
//! (`tests/testsuite/reliability/fuzz_replay.rs`), which replays every seed in `corpus/` and
//! every crash ever found in `regressions/` on stable Rust, so a fixed crash stays fixed.

pub mod frontmatter {
    //! Front matter and YAML of one content file, through the steps `leernet check` runs on
    //! every file: `load::decode` (UTF-8, BOM, line endings), then `document::read` (front
    //! matter split, YAML located with its alias and depth budgets, typed, and every rule that
    //! one file can break), then the text rendering of each message. The first byte picks the
    //! type folder, or `site.yaml` / `vocab.yaml`.
    //!
    //! Invariants: no panic, no stack overflow, and every message points at a line of the file
    //! with a column of at least 1 (RELIABILITY A1-A10: `file:line:col`, no off-by-one).

    use leernet::diagnostics::Diagnostic;
    use leernet::document::{FieldNames, FileContext};
    use leernet::load::SourceFile;
    use leernet::model::{Kind, SiteConfig, Vocab};
    use std::sync::OnceLock;

    const VOCAB: &str = include_str!("../tests/testsuite/base/content/vocab.yaml");

    struct Context {
        vocab: Vocab,
        fields: FieldNames,
        now: jiff::civil::Date,
    }

    fn context() -> &'static Context {
        static CONTEXT: OnceLock<Context> = OnceLock::new();
        CONTEXT.get_or_init(|| Context {
            vocab: leernet::yaml::parse_file::<Vocab>(VOCAB).expect("the base vocabulary parses").0,
            fields: FieldNames::new(),
            now: leernet::dates::build_now(Some("2026-01-15"), None).expect("a valid date"),
        })
    }

    fn check_position(text: &str, line: u32, col: u32, what: &str) {
        let lines = text.split('\n').count() as u32;
        assert!(line <= lines, "{what} points at line {line} of a {lines}-line file");
        if line > 0 {
            assert!(col >= 1, "{what} has column 0 on line {line}");
        }
    }

    fn check_diagnostic(text: &str, d: &Diagnostic) {
        check_position(text, d.line, d.col, &d.headline());
        let rendered = d.render_text();
        assert!(rendered.starts_with(&d.headline()));
    }

    pub fn check(data: &[u8]) {
        let Some((&pick, bytes)) = data.split_first() else { return };
        let text = match leernet::load::decode(bytes) {
            Ok(t) => t,
            Err(message) => {
                assert!(message.contains("UTF-8") || message.contains("UTF-16"), "{message}");
                return;
            }
        };
        assert!(!text.contains('\r'), "line endings are normalised");
        let ctx = context();
        let kinds = Kind::ALL;
        match pick as usize % (kinds.len() + 2) {
            n if n < kinds.len() => {
                let folder = kinds[n].folder();
                let file = SourceFile {
                    rel: format!("{folder}/fuzz.md"),
                    display: format!("content/{folder}/fuzz.md"),
                    folder: folder.to_string(),
                    stem: "fuzz".to_string(),
                    text: text.into(),
                };
                let dates = Default::default();
                let file_ctx =
                    FileContext { vocab: &ctx.vocab, fields: &ctx.fields, now: ctx.now, commit_dates: &dates };
                let (doc, diags) = leernet::document::read(&file, &file_ctx);
                for d in &diags {
                    check_diagnostic(&file.text, d);
                }
                if let Some(doc) = doc {
                    assert!(doc.body_offset <= file.text.len());
                    assert!(file.text.is_char_boundary(doc.body_offset));
                    assert_eq!(doc.body(), &file.text[doc.body_offset..]);
                }
            }
            n if n == kinds.len() => {
                if let Err(errors) = leernet::yaml::parse_file::<SiteConfig>(&text) {
                    for e in errors {
                        check_position(&text, e.line, e.col, &e.message);
                    }
                }
            }
            _ => {
                if let Err(errors) = leernet::yaml::parse_file::<Vocab>(&text) {
                    for e in errors {
                        check_position(&text, e.line, e.col, &e.message);
                    }
                }
            }
        }
    }
}

pub mod markdown {
    //! A Markdown body through `markdown::render`, the whole body pipeline of a page: pulldown-cmark,
    //! the scheme filter on every link and image, heading and footnote ids, syntax highlighting,
    //! and the ammonia sanitiser whenever the body holds raw HTML (RELIABILITY A12, B19, C23-C24,
    //! D25, D27).
    //!
    //! Invariants on the HTML that comes out, read by a small tag scanner of its own:
    //! every `<` starts an allowed element (no `<script`, `<iframe`, `<svg`, comments, ...);
    //! every attribute is on an allow-list and none is an event handler (`on*`); every `href` is
    //! relative or http(s), mailto or tel after entity decoding and removal of the characters
    //! browsers ignore; every `src` stays on the site; `style` is only table alignment; and a
    //! body without raw HTML has unique ids.

    use leernet::markdown::{render, LinkResolver, Resolution};
    use std::collections::HashSet;

    /// Knows one page (`ok.md`) and one media file (`media/ok.svg`); everything else is missing.
    struct Resolver;

    impl LinkResolver for Resolver {
        fn resolve_page(&self, target: &str, anchor: Option<&str>) -> Resolution {
            if target.ends_with("ok.md") {
                let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                Resolution::Url(format!("../../themas/ok/index.html{anchor}"))
            } else {
                Resolution::Missing(format!("link to a missing file: {target}"))
            }
        }

        fn resolve_asset(&self, src: &str) -> Resolution {
            if src.ends_with("media/ok.svg") {
                Resolution::Url("../../media/ok.svg".to_string())
            } else {
                Resolution::Missing(format!("no file {src}"))
            }
        }
    }

    const TAGS: &[&str] = &[
        "p",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "del",
        "s",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "abbr",
        "sub",
        "sup",
        "br",
        "hr",
        "blockquote",
        "code",
        "pre",
        "kbd",
        "mark",
        "small",
        "span",
        "div",
        "details",
        "summary",
        "figure",
        "figcaption",
        "img",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dl",
        "dt",
        "dd",
    ];

    const ATTRIBUTES: &[&str] = &[
        "href",
        "src",
        "alt",
        "title",
        "id",
        "class",
        "style",
        "colspan",
        "rowspan",
        "start",
        "data-lang",
        "open",
        "lang",
        "width",
        "height",
    ];

    fn decode_entities(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let end = rest.find(';').filter(|&e| e <= 12);
            let decoded = end.and_then(|e| {
                let ent = &rest[1..e];
                match ent {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    "colon" => Some(':'),
                    _ => ent
                        .strip_prefix("#x")
                        .or_else(|| ent.strip_prefix("#X"))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                }
            });
            match (decoded, end) {
                (Some(c), Some(e)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A URL as a browser reads its scheme: entities decoded, tabs, newlines and controls gone.
    fn url_as_browser_reads_it(value: &str) -> String {
        decode_entities(value)
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
            .map(|c| if c == '\\' { '/' } else { c.to_ascii_lowercase() })
            .collect()
    }

    fn scheme(url: &str) -> Option<&str> {
        let (s, _) = url.split_once(':')?;
        let mut b = s.bytes();
        (b.next().is_some_and(|c| c.is_ascii_alphabetic())
            && b.all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c)))
        .then_some(s)
    }

    /// Checks every tag of `html`; returns the ids it carries.
    pub fn check_html(html: &str, body: &str) -> Vec<String> {
        let bytes = html.as_bytes();
        let mut ids = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'<' {
                i += 1;
                continue;
            }
            i += 1;
            let closing = bytes.get(i) == Some(&b'/');
            if closing {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let name = html[start..i].to_ascii_lowercase();
            assert!(
                TAGS.contains(&name.as_str()),
                "element <{}{name}> in the output of {body:?}:\n{html}",
                if closing { "/" } else { "" }
            );
            // Attributes until `>`, values quoted or bare.
            loop {
                while i < bytes.len() && (bytes[i] as char).is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    None => panic!("unterminated tag <{name} in the output of {body:?}:\n{html}"),
                    Some(b'>') => {
                        i += 1;
                        break;
                    }
                    Some(b'/') => {
                        i += 1;
                        continue;
                    }
                    _ => {}
                }
                let a = i;
                while i < bytes.len() && !b" \t\n\r\x0c/>=".contains(&bytes[i]) {
                    i += 1;
                }
                let attr = html[a..i].to_ascii_lowercase();
                assert!(!closing, "an end tag with attributes in {html}");
                assert!(!attr.starts_with("on"), "event handler {attr} in the output of {body:?}:\n{html}");
                assert!(
                    ATTRIBUTES.contains(&attr.as_str()),
                    "attribute {attr} on <{name}> in the output of {body:?}:\n{html}"
                );
                let mut value = String::new();
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                    match bytes.get(i) {
                        Some(&q @ (b'"' | b'\'')) => {
                            let v = i + 1;
                            let end = html[v..]
                                .find(q as char)
                                .map(|e| v + e)
                                .unwrap_or_else(|| panic!("unquoted end in {html}"));
                            value = html[v..end].to_string();
                            i = end + 1;
                        }
                        _ => {
                            let v = i;
                            while i < bytes.len() && !b" \t\n\r\x0c>".contains(&bytes[i]) {
                                i += 1;
                            }
                            value = html[v..i].to_string();
                        }
                    }
                }
                match attr.as_str() {
                    "href" => {
                        let url = url_as_browser_reads_it(&value);
                        if let Some(s) = scheme(&url) {
                            assert!(["http", "https", "mailto", "tel"].contains(&s), "href {value:?} from {body:?}");
                        }
                    }
                    "src" => {
                        let url = url_as_browser_reads_it(&value);
                        assert!(scheme(&url).is_none() && !url.starts_with("//"), "src {value:?} from {body:?}");
                    }
                    "style" => assert!(
                        ["text-align: left", "text-align: center", "text-align: right"].contains(&value.as_str()),
                        "style {value:?} from {body:?}"
                    ),
                    "id" => ids.push(decode_entities(&value)),
                    _ => {}
                }
            }
        }
        ids
    }

    pub fn check(data: &[u8]) {
        let Ok(body) = std::str::from_utf8(data) else { return };
        let out = render(body, &Resolver);
        let ids = check_html(&out.html, body);
        for issue in &out.issues {
            assert!(issue.offset <= body.len(), "issue offset {} past the body", issue.offset);
        }
        let headings: HashSet<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(headings.len(), out.headings.len(), "duplicate heading ids from {body:?}");
        if !body.contains('<') {
            let unique: HashSet<&String> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "duplicate ids {ids:?} from {body:?}:\n{}", out.html);
        }
        assert!(!out.text.contains('\n') && !out.text.contains("  "), "plain text not collapsed: {:?}", out.text);
    }
}

pub mod slug {
    //! The slug rule (RELIABILITY B17, B18): `slugify` of any text is idempotent and either
    //! empty or matches `^[a-z0-9]+(-[a-z0-9]+)*$`; NFC and NFD spellings of one text give one
    //! slug (B16); the name proposed for a file always passes the rule, reserved names included.

    use leernet::slug::{is_valid, proposed_file_slug, slugify};
    use unicode_normalization::UnicodeNormalization;

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`, written out so it does not share code with `is_valid`.
    fn matches_rule(s: &str) -> bool {
        !s.is_empty()
            && s.split('-')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
    }

    pub fn check(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let once = slugify(text);
        assert_eq!(slugify(&once), once, "slugify is not idempotent on {text:?}");
        assert!(once.is_empty() || matches_rule(&once), "{text:?} -> {once:?}");
        let nfd: String = text.nfd().collect();
        assert_eq!(slugify(&nfd), once, "NFD spelling of {text:?} gives another slug");
        let proposed = proposed_file_slug(text);
        assert!(is_valid(&proposed), "proposed name {proposed:?} for {text:?} breaks the rule");
        assert_eq!(is_valid(&once), matches_rule(&once) && !leernet::slug::is_reserved(&once));
    }
}

pub mod serve_path {
    //! The dev server's request-path resolution (`serve::output_path`, RELIABILITY H44/H45):
    //! whatever the request target, a path it accepts is a plain relative path inside the
    //! site (no `..`, `.`, empty or dot-led segment, no backslash, no `%` left, no control
    //! character), which joined to the site's folder stays inside it. Also the Host guard
    //! (H46): an accepted Host is `localhost` or an IP address, with the server's port.

    use leernet::output::is_safe_relative;
    use leernet::serve::{allowed_host, output_path};
    use std::path::{Component, Path, PathBuf};

    fn normalised(p: &Path) -> PathBuf {
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    }

    pub fn check(data: &[u8]) {
        let Ok(raw) = std::str::from_utf8(data) else { return };
        if let Some(path) = output_path(raw) {
            // `is_safe_relative` also refuses `:` (a drive letter when the output is written on
            // Windows); the server looks paths up in memory, never on a disk, so `:` is harmless.
            assert!(is_safe_relative(&path.replace(':', "_")), "{raw:?} -> {path:?} is not a safe relative path");
            assert!(!path.contains(['%', '\\', '\0']), "{raw:?} -> {path:?}");
            assert!(!path.chars().any(char::is_control), "{raw:?} -> {path:?}");
            for seg in path.split('/') {
                assert!(!seg.is_empty() && !seg.starts_with('.'), "{raw:?} -> {path:?}: segment {seg:?}");
            }
            let root = Path::new("/srv/site");
            let joined = normalised(&root.join(&path));
            assert!(joined.starts_with(root) && joined != root, "{raw:?} -> {}", joined.display());
            // The raw path itself never held a traversal the decoding could have hidden.
            assert!(!raw.split('/').any(|s| s == ".."), "{raw:?} accepted");
        }
        let port = 8000;
        if allowed_host(raw, port) {
            let (name, p) = raw.rsplit_once(':').expect("an accepted Host has a port");
            assert_eq!(p.parse::<u16>().ok(), Some(port), "{raw:?}");
            let bare = name.trim_start_matches('[').trim_end_matches(']');
            assert!(
                name.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok(),
                "Host {raw:?} accepted"
            );
        }
    }
}
