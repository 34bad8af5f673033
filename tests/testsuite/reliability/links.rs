//! C. Links and references: missing pages and anchors, links to unpublished items, URL
//! schemes, and remote embeds.

use super::*;

#[test]
fn c21_missing_pages_are_errors_at_the_link_and_missing_anchors_only_warn() {
    let t = Tree::base();
    t.with_previous_public();
    t.write(
        "themas/links.md",
        theme("Links", "Eerst [goed](armoede-en-schulden.md#aanpak).\n\nDan [weg](../publicaties/weg.md) en [ook weg](@/themas/nergens.md#x).\n"),
    );
    let r = assert_build_refused(
        &t,
        &[],
        "content/themas/links.md:8:5: error: link to a missing file: content/publicaties/weg.md",
    );
    let heads = headlines(&r.stderr);
    assert_eq!(heads.len(), 2, "{}", r.stderr);
    assert!(
        heads[1].starts_with("content/themas/links.md:8:37: error: link to a missing file: content/themas/nergens.md"),
        "{heads:?}"
    );
}

#[test]
fn c21_a_missing_anchor_warns_and_the_build_still_writes_the_site() {
    let t = Tree::base();
    t.write(
        "themas/anker.md",
        theme("Anker", "## Bron\n\nZie [daar](armoede-en-schulden.md#aanpk), [hier](#nergens), [de bron](#bron) en een noot[^n].\n\n[^n]: Uitleg.\n"),
    );
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "a missing anchor must not fail the build:\n{}", r.stderr);
    let heads = headlines(&r.stderr);
    assert_eq!(
        heads,
        [
            "content/themas/anker.md:8:5: warning: no heading \"#aanpk\" in armoede-en-schulden.md (did you mean \"aanpak\"?)",
            "content/themas/anker.md:8:43: warning: no heading \"#nergens\" on this page",
        ],
        "{}",
        r.stderr
    );
    let html = read(&t, "themas/anker/index.html");
    assert!(html.contains("href=\"../../themas/armoede-en-schulden/index.html#aanpk\""), "{html}");
    assert!(html.contains("href=\"#nergens\""));
    // --strict turns the warnings into errors, and then the previous output stays.
    assert_build_refused(&t, &["--strict"], "content/themas/anker.md:8:5: warning: no heading \"#aanpk\"");
}

#[test]
fn c22_links_to_scheduled_drafts_and_private_persons_are_errors() {
    let t = Tree::base();
    t.with_previous_public();
    t.write("leeraanbod/later.md", "---\ntitle: Later\nsummary: x\nthemes: [armoede-en-schulden]\npublished: 2027-01-01\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\n---\nTekst.\n");
    t.write("themas/concept.md", "---\ntitle: Concept\nsummary: x\nkind: leefgebied\ndraft: true\n---\nMag alles: [later](../leeraanbod/later.md) en [Jan](../personen/jan-jansen.md).\n");
    t.write(
        "themas/links.md",
        theme("Links", "[later](../leeraanbod/later.md)\n[concept](concept.md)\n[Jan](@/personen/jan-jansen.md)\n"),
    );
    t.write("paginas/verwijst.md", "---\ntitle: Verwijst\nrelated: [leeraanbod/later]\n---\nTekst.\n");
    let r = assert_build_refused(&t, &[], "content/paginas/verwijst.md:3:11: error: related[0]: refers to leeraanbod/later which is not published (scheduled");
    let heads = headlines(&r.stderr);
    for want in [
        "content/themas/links.md:6:1: error: link to an unpublished item (scheduled for 2027-01-01): content/leeraanbod/later.md",
        "content/themas/links.md:7:1: error: link to an unpublished item (draft): content/themas/concept.md",
        "content/themas/links.md:8:1: error: link to a person without a public page: content/personen/jan-jansen.md",
    ] {
        assert!(heads.contains(&want), "{want}\n{heads:?}");
    }
    // The draft itself may point anywhere: nothing is reported for content/themas/concept.md.
    assert!(!heads.iter().any(|h| h.starts_with("content/themas/concept.md")), "{heads:?}");
    assert_eq!(heads.len(), 4, "{}", r.stderr);
}

#[test]
fn c23_javascript_vbscript_and_data_links_are_removed_with_a_warning() {
    let dangerous = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "java&#10;script:alert(1)",
        "javascript&colon;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "<java\tscript:alert(1)>",
    ];
    let body: String = dangerous.iter().map(|d| format!("[klik]({d}) ![beeld]({d})\n\n")).collect();
    let body = format!("{body}<a href=\"jav&#x09;ascript:alert(1)\">rauw</a> <a href=\"https://x.nl/\">web</a> [mail](mailto:a@b.nl) [bel](tel:+31301234567) [rel](../media/x.pdf)\n");
    let t = Tree::base();
    t.write("media/x.pdf", "%PDF-1.4");
    t.write("themas/schemes.md", theme("Schemes", &body));
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let heads = headlines(&r.stderr);
    for (i, _) in dangerous.iter().enumerate() {
        let line = 6 + 2 * i;
        let on_line: Vec<&&str> =
            heads.iter().filter(|h| h.starts_with(&format!("content/themas/schemes.md:{line}:"))).collect();
        assert_eq!(on_line.len(), 2, "line {line}: {heads:?}");
        for h in on_line {
            assert!(h.ends_with("warning: link with disallowed scheme removed"), "{h}");
        }
    }
    let html = read(&t, "themas/schemes/index.html");
    let body_html = &html[html.find("<div class=\"body\">").unwrap()..];
    let lower = body_html.to_lowercase();
    for bad in ["javascript", "vbscript", "data:", "&#x09;"] {
        assert!(!lower.contains(bad), "{bad} survived:\n{body_html}");
    }
    for good in
        ["href=\"https://x.nl/\"", "href=\"mailto:a@b.nl\"", "href=\"tel:+31301234567\"", "href=\"../../media/x.pdf\""]
    {
        assert!(body_html.contains(good), "{good} removed:\n{body_html}");
    }
    // In front matter a URL field only takes a web address.
    let t = Tree::base();
    t.with_previous_public();
    t.write("paginas/x.md", "---\ntitle: X\nsource_url: javascript:alert(1)\nmore_info:\n  - { label: Meer, url: \"data:text/html,x\" }\n---\nTekst.\n");
    let r = assert_build_refused(
        &t,
        &[],
        "content/paginas/x.md:3:13: error: source_url: \"javascript:alert(1)\" is not a web address",
    );
    assert!(
        headlines(&r.stderr).iter().any(|h| h.starts_with(
            "content/paginas/x.md:5:25: error: more_info[0].url: \"data:text/html,x\" is not a web address"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn c24_remote_images_and_iframes_warn_and_no_page_asks_a_third_party() {
    let t = Tree::base();
    t.write(
        "themas/embeds.md",
        theme(
            "Embeds",
            "![kaart](https://cdn.example/kaart.png)\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\nTekst <img src=\"//tracker.example/p.gif\"> en <video src=\"https://cdn.example/v.mp4\"></video>.\n",
        ),
    );
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let heads = headlines(&r.stderr);
    assert_eq!(
        heads,
        [
            "content/themas/embeds.md:6:1: warning: remote image \"https://cdn.example/kaart.png\" removed: the site makes no third-party requests",
            "content/themas/embeds.md:8:1: warning: remote iframe \"https://www.youtube.com/embed/x\" removed: the site makes no third-party requests",
            "content/themas/embeds.md:10:7: warning: remote image \"//tracker.example/p.gif\" removed: the site makes no third-party requests",
        ],
        "{}",
        r.stderr
    );
    assert_eq!(t.build(&["--strict"]).code, 1);
    // No page of the site loads anything from elsewhere: every src, every stylesheet and
    // script link is relative.
    for (path, html) in html_pages(&t) {
        for attr in [" src=\"", " srcset=\"", "<link rel=\"stylesheet\" href=\"", " poster=\""] {
            for value in html.split(attr).skip(1).map(|s| s.split('"').next().unwrap()) {
                let v = value.to_ascii_lowercase();
                assert!(
                    !v.starts_with("http:") && !v.starts_with("https:") && !v.starts_with("//"),
                    "{path}: {attr}{value}"
                );
            }
        }
        assert!(!html.contains("<iframe") && !html.contains("<video"), "{path}");
    }
}
