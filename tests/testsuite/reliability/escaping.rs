//! D. HTML and escaping, over `tests/fixtures/payloads` (a payload in every free-text field of
//! every type, raw HTML attacks, link titles and code-fence info strings in every body): what
//! the sanitiser keeps of a body, every place a title or summary lands, and the page-wide
//! rules behind `script-src 'self'`. The browser side is `tests/browser/escaping.test.js`.

use super::fuzz_replay::checks::markdown::check_html;
use super::*;
use std::collections::BTreeSet;
use std::path::Path;

pub const PAYLOAD: &str = "\"><script>window.__xss=1</script><img src=x onerror=\"window.__xss=1\">";

/// A copy of the payload tree, built with its base URL (so feeds and the sitemap exist).
fn payload_site() -> Tree {
    let t = Tree::empty("payloads");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/payloads/content"), &t.content());
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "the payload site must build:\n{}", r.stderr);
    t
}

/// One start tag: its name and attributes (values with entities left as written).
struct StartTag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The start tags of a page, skipping comments, the doctype and the inside of `<script>`
/// and `<style>` elements.
fn start_tags(html: &str) -> Vec<StartTag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i += html[i..].find("-->").map_or(html.len() - i, |e| e + 3);
            continue;
        }
        if html[i..].starts_with('!') || html[i..].starts_with('/') {
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            if b[i] == b'/' {
                i += 1;
                continue;
            }
            let a = i;
            while i < b.len() && !b" \t\n\r/>=".contains(&b[i]) {
                i += 1;
            }
            let attr = html[a..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i] as char;
                    let end = i + 1 + html[i + 1..].find(q).unwrap_or(html.len() - i - 1);
                    value = html[i + 1..end].to_string();
                    i = end + 1;
                } else {
                    let v = i;
                    while i < b.len() && !b" \t\n\r>".contains(&b[i]) {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i += html[i..].find(&close).unwrap_or(html.len() - i);
        }
        out.push(StartTag { name, attrs });
    }
    out
}

fn decode(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The `<div class="body">` of an item page, as `linkcheck` finds it.
fn body_of(html: &str) -> Option<&str> {
    let start = html.find("<div class=\"body\">")? + "<div class=\"body\">".len();
    let mut depth = 1;
    let mut at = start;
    while depth > 0 {
        let rest = &html[at..];
        let open = rest.find("<div").filter(|&o| rest[o + 4..].starts_with([' ', '>']));
        let close = rest.find("</div>")?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                at += o + 4;
            }
            _ => {
                depth -= 1;
                at += close + 6;
            }
        }
    }
    Some(&html[start..at - 6])
}

#[test]
fn d25_dangerous_body_html_is_removed_by_the_allow_list_sanitiser() {
    let t = payload_site();
    let mut bodies = 0;
    for (path, html) in html_pages(&t) {
        let Some(body) = body_of(&html) else { continue };
        bodies += 1;
        // The fuzz target's own invariants: only allowed elements and attributes, no event
        // handler, no script URL, no third-party source.
        check_html(body, &path);
        let lower = body.to_ascii_lowercase();
        for gone in [
            "<script",
            "<iframe",
            "<object",
            "<embed",
            "<form",
            "<base",
            "<meta",
            "<svg",
            "<math",
            "<style",
            "srcdoc",
            "ontoggle",
            "onerror=\"",
            "javascript:",
        ] {
            assert!(!lower.contains(gone), "{path}: {gone} survived in the body:\n{body}");
        }
    }
    assert!(bodies >= 12, "only {bodies} item bodies");
}

#[test]
fn d26_titles_and_summaries_are_escaped_in_every_output() {
    let t = payload_site();
    let escaped =
        "&quot;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;";
    let page = read(&t, "themas/armoede-en-schulden/index.html");
    // HTML text, attributes and <title>: escaped once, decoding gives the text written.
    let title = page.split("<title>").nth(1).unwrap().split("</title>").next().unwrap();
    assert_eq!(decode(title), format!("Armoede {PAYLOAD} | Wijkkennis {PAYLOAD}"));
    assert!(page.contains(&format!("<h1>Armoede {escaped}</h1>")), "{page}");
    assert!(page.contains(&format!("<meta name=\"description\" content=\"Over armoede {escaped}\">")), "{page}");
    assert!(!page.contains("&amp;quot;") && !page.contains("&amp;lt;"), "escaped twice");
    // JSON-LD: valid JSON holding the exact text, and no `<` that could end the element.
    let ld = page.split("<script type=\"application/ld+json\">").nth(1).unwrap().split("</script>").next().unwrap();
    assert!(!ld.contains('<'), "{ld}");
    let v: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(v["@graph"][0]["name"], format!("Armoede {PAYLOAD}"));
    // Every file: the payload's markup never appears as markup where a parser would read it.
    for (path, bytes) in t.snapshot_public() {
        let text = String::from_utf8_lossy(&bytes);
        let raw = text.matches("<script>window.__xss").count();
        match Path::new(&path).extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default().as_str() {
            // Markup formats: escaped, so the raw payload is never there.
            "html" | "xml" | "svg" | "css" => assert_eq!(raw, 0, "{path} holds the payload unescaped"),
            // Text formats read as data (JSON, CSV, iCalendar, the search index's JS
            // strings): the text as written, which only a text node may show.
            "json" | "csv" | "ics" | "js" | "txt" | "" => {}
            other => panic!("{path}: an output format ({other}) this test does not know"),
        }
    }
    let feed = read(&t, "feed.xml");
    assert!(feed.contains(&format!("<title>Bouwstenen {escaped}</title>")), "{feed}");
    let ics = read(&t, "leerkringen/bijeenkomsten.ics");
    assert!(ics.contains("SUMMARY:Leerkring \"><script>window.__xss=1</script><img src=x onerror=\"wind"), "{ics}");
    // The search fragment holds the text itself: the browser builds text nodes from it.
    let fragments: String = t
        .snapshot_public()
        .into_iter()
        .filter(|(p, _)| p.starts_with("zoeken/index/d/"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect();
    assert!(fragments.contains(&serde_json::to_string(&format!("Armoede {PAYLOAD}")).unwrap()), "{fragments}");
}

#[test]
fn d26_every_free_text_field_of_the_fixture_carries_the_payload() {
    // Fields that only take a slug, date, number, code, e-mail address or phone number keep
    // valid values (the check refuses anything else); URL fields carry the payload in their query.
    const CONSTRAINED: &[&str] = &[
        "themes",
        "audiences",
        "published",
        "updated",
        "language",
        "contacts.person",
        "related",
        "image",
        "kind",
        "parent",
        "experts",
        "replaced_by",
        "offer_type",
        "providers",
        "partners",
        "delivery_mode",
        "start",
        "end",
        "status",
        "focus_areas",
        "registration.deadline",
        "addresses_gap",
        "learning_circle",
        "publication_type",
        "authors",
        "authors.organisations",
        "publishers",
        "funded_by",
        "publication_date",
        "country",
        "focus_area",
        "organisations.organisation",
        "organisations.role",
        "period.start",
        "period.end",
        "interventions",
        "source_publication",
        "asked_by",
        "source",
        "matched",
        "gap",
        "reason",
        "identified_in",
        "identified",
        "theme",
        "organisers",
        "lead",
        "sessions.date",
        "sessions.start_time",
        "sessions.end_time",
        "sessions.formats",
        "sessions.location.focus_area",
        "sessions.speakers",
        "sessions.status",
        "sessions.part_of_day",
        "sessions.attendance_mode",
        "owners",
        "recognition_level",
        "recognition_date",
        "org_type",
        "organisations",
        "expertise",
        "email",
        "phone",
        "population.date",
        "contact_email",
        "contacts",
        "base_url",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/payloads/content");
    let mut seen_free = BTreeSet::new();
    let mut files = Vec::new();
    for folder in std::fs::read_dir(&dir).unwrap().flatten() {
        if folder.path().is_dir() && folder.file_name() != "media" {
            for f in std::fs::read_dir(folder.path()).unwrap().flatten() {
                files.push(f.path());
            }
        } else if folder.path().extension().is_some_and(|e| e == "yaml") {
            files.push(folder.path());
        }
    }
    files.sort();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let yaml = match text.strip_prefix("---\n") {
            Some(rest) => rest.split("\n---\n").next().unwrap().to_string(),
            None => text,
        };
        let (value, _) = leernet::yaml::parse_file::<serde_json::Value>(&yaml).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name == "jan-jansen.md" {
            continue; // the private person: no page to escape in
        }
        let mut leaves = Vec::new();
        strings(&value, "", &mut leaves);
        for (path, s) in leaves {
            let field = path.trim_start_matches('.');
            if s.contains("window.__xss=1") {
                seen_free.insert(format!("{name}:{field}"));
            } else {
                assert!(CONSTRAINED.contains(&field), "{name}: {field} = {s:?} carries no payload");
            }
        }
    }
    // Every free-text field of the model is among them (from the JSON Schemas' point of view).
    for want in [
        "armoede-en-schulden.md:title",
        "armoede-en-schulden.md:summary",
        "armoede-en-schulden.md:tags",
        "armoede-en-schulden.md:image_alt",
        "armoede-en-schulden.md:contacts.topic",
        "armoede-en-schulden.md:more_info.label",
        "armoede-en-schulden.md:more_info.url",
        "armoede-en-schulden.md:source_url",
        "armoede-en-schulden.md:synonyms",
        "armoede-en-schulden.md:formerly",
        "werkatelier-vrijwillige-inzet.md:location.venue",
        "werkatelier-vrijwillige-inzet.md:location.city",
        "werkatelier-vrijwillige-inzet.md:cost.note",
        "werkatelier-vrijwillige-inzet.md:registration.url",
        "werkatelier-vrijwillige-inzet.md:registration.note",
        "werkatelier-vrijwillige-inzet.md:learning_goals",
        "bouwstenen.md:authors.name",
        "bouwstenen.md:components",
        "bouwstenen.md:files.url",
        "bouwstenen.md:files.label",
        "bouwstenen.md:files.format",
        "bouwstenen.md:isbn",
        "overvecht-samen.md:municipality",
        "overvecht-samen.md:neighbourhoods",
        "overvecht-samen.md:lessons",
        "leerkring-armoede.md:programme",
        "leerkring-armoede.md:sessions.title",
        "leerkring-armoede.md:sessions.location.venue",
        "leerkring-armoede.md:sessions.location.city",
        "abcd.md:database",
        "abcd.md:target_group",
        "abcd.md:goal",
        "abcd.md:method_description.url",
        "abcd.md:method_description.format",
        "movisie.md:short_name",
        "movisie.md:website",
        "movisie.md:city",
        "els-de-vries.md:job_title",
        "els-de-vries.md:sort_name",
        "utrecht-overvecht.md:municipality",
        "utrecht-overvecht.md:aliases",
        "utrecht-overvecht.md:population.source",
        "utrecht-overvecht.md:programme_office_url",
        "hoe-bereik-je-bewoners.md:title",
        "vertrouwen.md:title",
        "over.md:title",
        "site.yaml:title",
        "site.yaml:description",
        "site.yaml:banner",
        "site.yaml:forms.leeraanbod.endpoint",
        "vocab.yaml:audience.wijkprofessionals",
        "vocab.yaml:audience.beleidsmakers.label",
        "vocab.yaml:audience.beleidsmakers.plural",
        "vocab.yaml:offer_type.werkatelier",
        "vocab.yaml:offer_type.training",
        "vocab.yaml:publication_type.notitie",
        "vocab.yaml:publication_type.toolkit",
        "vocab.yaml:org_type.kennisinstituut",
        "leerkring-armoede.md:sessions.speakers",
    ] {
        assert!(seen_free.contains(want), "{want} carries no payload; fields with one: {seen_free:?}");
    }
}

/// Every string leaf of `v` with its dotted path (list indices dropped).
fn strings(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((path.to_string(), s.clone())),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, path, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| strings(x, &format!("{path}.{k}"), out)),
        _ => {}
    }
}

#[test]
fn d27_link_titles_and_code_fence_info_strings_cannot_break_out() {
    let t = payload_site();
    let page = read(&t, "themas/armoede-en-schulden/index.html");
    let body = body_of(&page).unwrap();
    // The link title stays one attribute value.
    let escaped_title = "title=\"&quot;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=# onerror=&quot;window.__xss=1&quot;&gt;\"";
    assert_eq!(body.matches(escaped_title).count(), 2, "{body}");
    for tag in start_tags(body) {
        let names: Vec<&str> = tag.attrs.iter().map(|(a, _)| a.as_str()).collect();
        assert!(!names.iter().any(|a| a.starts_with("on")), "<{} {names:?}>", tag.name);
        if tag.name == "pre" {
            for (a, v) in &tag.attrs {
                // A fence that names no known language is shown plain; `data-lang` only
                // ever holds a language token.
                assert!(a != "data-lang" || v.bytes().all(|b| b.is_ascii_alphanumeric()), "{a}={v}");
            }
        }
    }
    assert!(
        body.contains("<pre><code>let x = \"&lt;script&gt;window.__xss=1&lt;/script&gt;\";\n</code></pre>"),
        "{body}"
    );
    assert!(body.contains("<pre><code>&lt;b onmouseover=\"window.__xss=1\"&gt;x&lt;/b&gt;\n</code></pre>"), "{body}");
}

#[test]
fn d28_every_page_carries_the_csp_and_no_inline_script_or_event_handler() {
    for t in [payload_site(), {
        let t = Tree::base();
        assert_eq!(t.build(&["--base-url", "https://kennis.example.nl/"]).code, 0);
        t
    }] {
        let pages = html_pages(&t);
        assert!(pages.len() > 40);
        for (path, html) in pages {
            let tags = start_tags(&html);
            let csp: Vec<&StartTag> = tags
                .iter()
                .filter(|t| {
                    t.name == "meta"
                        && t.attrs
                            .iter()
                            .any(|(a, v)| a == "http-equiv" && v.eq_ignore_ascii_case("Content-Security-Policy"))
                })
                .collect();
            assert_eq!(csp.len(), 1, "{path}: one CSP meta tag");
            let policy = decode(&csp[0].attrs.iter().find(|(a, _)| a == "content").unwrap().1);
            assert!(policy.split(';').any(|d| d.trim() == "script-src 'self'"), "{path}: {policy}");
            assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "{path}: {policy}");
            // The CSP comes before any script.
            let csp_at = html.find("Content-Security-Policy").unwrap();
            assert!(html.find("<script").is_none_or(|s| s > csp_at), "{path}: a script before the CSP");
            for tag in &tags {
                for (a, v) in &tag.attrs {
                    assert!(!a.starts_with("on"), "{path}: <{} {a}=...>", tag.name);
                    let url: String = decode(v)
                        .chars()
                        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    if ["href", "src", "action", "formaction", "xlink:href", "data"].contains(&a.as_str()) {
                        assert!(
                            !url.starts_with("javascript:")
                                && !url.starts_with("vbscript:")
                                && !url.starts_with("data:text"),
                            "{path}: {a}={v}"
                        );
                    }
                }
                if tag.name == "script" {
                    let has_src = tag.attrs.iter().any(|(a, _)| a == "src");
                    let data = tag.attrs.iter().any(|(a, v)| a == "type" && v == "application/ld+json");
                    assert!(has_src || data, "{path}: an inline script");
                }
            }
        }
    }
}
