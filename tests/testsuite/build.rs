//! Build-level guarantees: the output works, is deterministic, loses nothing on failure,
//! holds no stale or held-back items, and the generator refuses folders it must not touch.

use crate::harness::*;

#[test]
fn build_writes_every_published_page_with_relative_links() {
    let t = Tree::base();
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for page in [
        "index.html",
        "404.html",
        "assets/style.css",
        "themas/index.html",
        "themas/armoede-en-schulden/index.html",
        "leeraanbod/werkatelier-vrijwillige-inzet/index.html",
        "leerkringen/leerkring-armoede/index.html",
        "over/index.html",
        "personen/els-de-vries/index.html",
    ] {
        assert!(t.public().join(page).is_file(), "missing {page}");
    }
    let offer =
        std::fs::read_to_string(t.public().join("leeraanbod/werkatelier-vrijwillige-inzet/index.html")).unwrap();
    // Body links to source files are rewritten to relative page URLs, anchors kept.
    assert!(offer.contains(r#"href="../../publicaties/bouwstenen/index.html""#), "{offer}");
    assert!(offer.contains(r#"href="../../themas/armoede-en-schulden/index.html#aanpak""#));
    assert!(offer.contains(r#"<time datetime="2024-04-23">23 april 2024</time>"#));
    assert!(offer.contains("script-src 'self'"));
    // No absolute site paths anywhere: the output works from file:// and any sub-path.
    for (path, bytes) in t.snapshot_public() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("href=\"/") && !text.contains("src=\"/"), "absolute link in {path}");
    }
}

#[test]
fn f35_private_persons_and_held_back_items_are_in_no_output() {
    let t = Tree::base();
    t.write("leeraanbod/later.md", "---\ntitle: Later aanbod\nsummary: Zeldzaamwoordgepland.\nthemes: [armoede-en-schulden]\npublished: 2027-01-01\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\n---\nZeldzaamwoordgepland.\n");
    t.write("leeraanbod/concept.md", "---\ntitle: Concept aanbod\nsummary: Zeldzaamwoordconcept.\nthemes: [armoede-en-schulden]\npublished: 2024-01-01\ndraft: true\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\n---\nZeldzaamwoordconcept.\n");
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("held back (draft): content/leeraanbod/concept.md"), "{}", r.stderr);
    assert!(r.stderr.contains("held back (scheduled): content/leeraanbod/later.md (2027-01-01)"), "{}", r.stderr);
    for (path, bytes) in t.snapshot_public() {
        let text = String::from_utf8_lossy(&bytes);
        for secret in ["Zeldzaamwoordgepland", "Zeldzaamwoordconcept", "Jan Jansen", "jan@example.nl"] {
            assert!(!text.contains(secret), "{secret} leaked into {path}");
        }
    }
    assert!(!t.public().join("personen/jan-jansen").exists());
    // The private contact shows as the organisation instead.
    let offer =
        std::fs::read_to_string(t.public().join("leeraanbod/werkatelier-vrijwillige-inzet/index.html")).unwrap();
    assert!(offer.contains("Voor vragen over: Vrijwilligerswerk"));
    // With --drafts (preview) the draft appears, marked as such.
    let r = t.build(&["--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let draft = std::fs::read_to_string(t.public().join("leeraanbod/concept/index.html")).unwrap();
    assert!(draft.contains("Concept"));
}

#[test]
fn g36_failed_build_leaves_previous_output_byte_identical() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let before = t.snapshot_public();
    t.write("themas/kapot.md", "---\ntitle: Kapot: echt\nkind: leefgebied\n---\n");
    let r = t.build(&[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("content/themas/kapot.md:2:13: error:"), "{}", r.stderr);
    assert!(r.stderr.contains("left as it was"));
    assert_eq!(before, t.snapshot_public(), "public/ changed after a failed build");
}

#[test]
fn g39_two_builds_are_byte_identical_and_now_is_explicit() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let first = t.snapshot_public();
    assert_eq!(t.build(&[]).code, 0);
    assert_eq!(first, t.snapshot_public());
    // SOURCE_DATE_EPOCH gives the same "now" as --now for the same day.
    let r = t.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "1768478400")]); // 2026-01-15T12:00Z
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(first, t.snapshot_public());
}

#[test]
fn a09_crlf_and_bom_give_identical_output() {
    let clean = Tree::base();
    assert_eq!(clean.build(&[]).code, 0);
    let messy = Tree::base();
    let path = messy.content().join("themas/armoede-en-schulden.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    std::fs::write(&path, bytes).unwrap();
    let other = messy.content().join("themas/integrale-aanpak.md");
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, text.replace('\n', "\r")).unwrap();
    assert_eq!(messy.build(&[]).code, 0);
    assert_eq!(clean.snapshot_public(), messy.snapshot_public());
}

#[test]
fn g38_no_stale_pages_after_a_source_is_deleted() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    assert!(t.public().join("over/index.html").exists());
    t.remove("paginas/over.md");
    assert_eq!(t.build(&[]).code, 0);
    assert!(!t.public().join("over").exists());
}

#[test]
fn g37_refuses_folders_it_did_not_create() {
    let t = Tree::base();
    std::fs::create_dir_all(t.root.join("eigen")).unwrap();
    std::fs::write(t.root.join("eigen/belangrijk.txt"), "niet weggooien").unwrap();
    let r = t.build(&["--out", "eigen"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("leernet did not create it"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(t.root.join("eigen/belangrijk.txt")).unwrap(), "niet weggooien");
    for target in [".", "content", "content/themas"] {
        let r = t.build(&["--out", target]);
        assert_eq!(r.code, 2, "--out {target}: {}", r.stderr);
    }
    std::fs::create_dir_all(t.root.join("repo/.git")).unwrap();
    let r = t.build(&["--out", "repo"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("git repository"), "{}", r.stderr);
    assert!(t.content().join("themas/armoede-en-schulden.md").exists());
}

#[test]
fn a06_yaml_1_1_words_stay_the_strings_written() {
    let t = Tree::base();
    t.write(
        "themas/no.md",
        "---\ntitle: NO\nsummary: 0123\nkind: leefgebied\nsynonyms: [yes, on, 1.10]\n---\nTekst.\n",
    );
    assert_eq!(t.build(&[]).code, 0);
    let html = std::fs::read_to_string(t.public().join("themas/no/index.html")).unwrap();
    assert!(html.contains("<h1>NO</h1>"));
    assert!(html.contains("0123"));
    assert!(html.contains("yes, on, 1.10"), "{html}");
}

#[test]
fn d26_titles_with_markup_are_escaped_in_the_page() {
    let t = Tree::base();
    t.write("themas/xss.md", "---\ntitle: \"<script>alert(1)</script> & \\\"quotes\\\" </title>\"\nsummary: \"<img src=x onerror=alert(1)>\"\nkind: leefgebied\n---\n<script>alert(2)</script>\n\n[klik](javascript:alert(3))\n");
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(t.public().join("themas/xss/index.html")).unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.to_lowercase().contains("javascript:"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &lt;/title&gt;"), "{html}");
}

#[test]
fn new_writes_a_skeleton_that_checks_and_never_overwrites() {
    let t = Tree::base();
    for (kind, title) in [
        ("offer", "Training Coördinatie & één wijk"),
        ("theme", "Nieuw thema"),
        ("learning_question", "Hoe werkt het"),
        ("practice_example", "Voorbeeld"),
        ("gap", "Nieuwe lacune"),
        ("intervention", "Interventie"),
        ("organisation", "Organisatie"),
        ("person", "Persoon"),
        ("focus_area", "Gebied"),
        ("page", "Colofon"),
        ("publication", "Notitie"),
        ("learning_circle", "Kring"),
    ] {
        let r = t.run(&["new", kind, title]);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
    }
    assert!(t.content().join("leeraanbod/training-coordinatie-en-een-wijk.md").is_file());
    let r = t.check(&[]);
    assert_eq!(r.code, 0, "skeletons must pass check:\n{}", r.stderr);
    let r = t.run(&["new", "offer", "Training Coördinatie & één wijk"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("never overwrites"));
}

#[test]
fn schema_writes_a_json_schema_per_type() {
    let t = Tree::base();
    let r = t.run(&["schema", "--out", "schemas"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let offer = std::fs::read_to_string(t.root.join("schemas/offer.schema.json")).unwrap();
    assert!(
        offer.contains("\"$schema\"")
            && offer.contains("\"delivery_mode\"")
            && offer.contains("\"additionalProperties\": false")
    );
    for name in [
        "theme",
        "publication",
        "practice_example",
        "learning_question",
        "gap",
        "learning_circle",
        "intervention",
        "organisation",
        "person",
        "focus_area",
        "page",
        "site",
        "vocab",
    ] {
        assert!(t.root.join(format!("schemas/{name}.schema.json")).is_file(), "{name}");
    }
}

#[test]
fn json_format_gives_one_object_per_diagnostic() {
    let t = Tree::base();
    t.write("themas/fout.md", "---\ntitle: Fout\nsummary: x\nkind: leefgebied\nparent: armoede\n---\nTekst.\n");
    let r = t.check(&["--format", "json"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.stdout);
    assert_eq!(
        lines[0],
        r#"{"path":"content/themas/fout.md","line":5,"col":9,"severity":"error","field":"parent","message":"unknown theme \"armoede\"","help":"did you mean \"armoede-en-schulden\"?"}"#
    );
}

#[test]
fn usage_errors_exit_2() {
    let t = Tree::base();
    assert_eq!(t.run(&["build", "--bogus"]).code, 2);
    assert_eq!(t.run(&["check", "--content", "bestaat-niet"]).code, 2);
    assert_eq!(t.run(&["check", "--now", "morgen"]).code, 2);
    assert_eq!(t.run(&["new", "ding", "X"]).code, 2);
}

/// Enough themes that writing the output takes a while, so a kill lands mid-write.
fn grow(t: &Tree, n: usize) {
    for i in 0..n {
        t.write(
            &format!("themas/extra-{i}.md"),
            format!(
                "---\ntitle: Extra {i}\nsummary: x\nkind: leefgebied\n---\n{}\n",
                "Tekst over de wijk. ".repeat(50)
            ),
        );
    }
}

#[test]
fn g36_killed_build_leaves_previous_output_byte_identical() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let before = t.snapshot_public();
    grow(&t, 3000);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_leernet"))
        .args(["build", "--now", NOW])
        .current_dir(&t.root)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut killed = false;
    for _ in 0..60_000 {
        let writing = std::fs::read_dir(&t.root)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".public.tmp-"));
        if writing {
            child.kill().unwrap();
            killed = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_micros(500));
    }
    child.wait().unwrap();
    assert!(killed, "the build finished before it could be killed; grow the tree");
    assert_eq!(before, t.snapshot_public(), "public/ changed after a killed build");
    // The next build cleans up the killed build's temporary folder and succeeds.
    assert_eq!(t.build(&[]).code, 0);
    let leftovers: Vec<_> = std::fs::read_dir(&t.root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public."))
        .collect();
    assert!(leftovers.is_empty());
    assert!(t.public().join("themas/extra-2999/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn g42_full_disk_is_an_error_naming_the_path_and_keeps_the_previous_output() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let before = t.snapshot_public();
    grow(&t, 50);
    // A file-size limit makes writes fail with EFBIG, as a full disk makes them fail with
    // ENOSPC; SIGXFSZ is ignored so the write returns the error instead of killing.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f 8; exec '{}' build --now {NOW}", env!("CARGO_BIN_EXE_leernet")))
        .current_dir(&t.root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("failed to write `") && stderr.contains("File too large"), "{stderr}");
    assert_eq!(before, t.snapshot_public());
}

fn read(t: &Tree, path: &str) -> String {
    std::fs::read_to_string(t.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn theme_pages_roll_up_child_themes_and_invite_contributions() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let theme = read(&t, "themas/armoede-en-schulden/index.html");
    // The practice example is on the child theme: listed here, marked as roll-up.
    assert!(theme.contains("Samen in Overvecht"), "{theme}");
    assert!(theme.contains("Via subthema Integrale aanpak"));
    for section in
        ["Leeraanbod", "Leerkringen", "Publicaties", "Praktijkvoorbeelden", "Wat werkt", "Leervragen", "Lacunes"]
    {
        assert!(theme.contains(&format!(">{section}</h2>")), "section {section} missing");
    }
    assert!(theme.contains("Subthema&#39;s") || theme.contains("Subthema's"));
    // The expert's contact block shows the public person with a tel: link in Dutch grouping.
    assert!(theme.contains(r#"href="tel:+31301234567">030 123 4567</a>"#), "{theme}");
    let child = read(&t, "themas/integrale-aanpak/index.html");
    assert!(child.contains("Er is nog geen leeraanbod over dit thema."), "{child}");
    assert!(child.contains("Er zijn nog geen interventies over dit thema."));
    // Breadcrumb: Home > Thema's > Armoede en schulden > Integrale aanpak.
    assert!(child.contains(r#"<li><a href="../../themas/armoede-en-schulden/index.html">Armoede en schulden</a></li><li aria-current="page">Integrale aanpak</li>"#), "{child}");
}

#[test]
fn lists_paginate_and_have_static_filter_pages() {
    let t = Tree::base();
    for i in 0..25 {
        t.write(
            &format!("leeraanbod/training-{i:02}.md"),
            format!("---\ntitle: Training {i:02}\nsummary: x\nthemes: [integrale-aanpak]\npublished: 2024-01-01\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\n---\n"),
        );
    }
    assert_eq!(t.build(&[]).code, 0);
    let first = read(&t, "leeraanbod/index.html");
    assert!(first.contains("26 resultaten, pagina 1 van 2"), "{first}");
    assert!(first.contains(r#"leeraanbod/pagina/2/index.html" rel="next""#), "{first}");
    let second = read(&t, "leeraanbod/pagina/2/index.html");
    assert!(second.contains(r#"leeraanbod/index.html" rel="prev""#), "{second}");
    assert!(second.contains("pagina 2 van 2"));
    // Filter pages: per theme (with child themes rolled up) and per offer type.
    let by_type = read(&t, "leeraanbod/vorm/training/index.html");
    assert!(by_type.contains("25 resultaten") && by_type.contains("Vorm: Training"), "{by_type}");
    let by_theme = read(&t, "leeraanbod/thema/armoede-en-schulden/index.html");
    assert!(by_theme.contains("26 resultaten"), "the parent theme includes its child theme's offers");
    assert!(read(&t, "publicaties/soort/notitie/index.html").contains("Bouwstenen"));
    // An item may not take a sub-route name.
    t.write("leeraanbod/pagina.md", "---\ntitle: P\nsummary: x\nthemes: [integrale-aanpak]\npublished: 2024-01-01\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\n---\n");
    let r = t.check(&[]);
    assert!(
        r.stderr.contains("content/leeraanbod/pagina.md: error: the name \"pagina\" is taken by the list pages"),
        "{}",
        r.stderr
    );
}

#[test]
fn calendar_groups_sessions_by_month_with_statuses() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let list = read(&t, "leerkringen/index.html");
    // On 2026-01-15 the March 2025 session is past (collapsed); session 2 is unplanned.
    assert!(list.contains(r#"<details class="past-month" id="maand-2025-03">"#), "{list}");
    assert!(list.contains("maart 2025"));
    assert!(list.contains(">Afgelopen</span>"));
    assert!(list.contains("Nog te plannen") && list.contains(">Te plannen</span>"));
    let circle = read(&t, "leerkringen/leerkring-armoede/index.html");
    assert!(circle.contains(r#"id="bijeenkomst-1""#) && circle.contains("14.30 tot 16.00 uur"), "{circle}");
}

#[test]
fn structured_data_is_valid_json_of_the_right_type() {
    let t = Tree::base();
    assert_eq!(t.build(&["--base-url", "https://kennis.example.nl/"]).code, 0);
    let extract = |path: &str| -> serde_json::Value {
        let html = read(&t, path);
        let start = html.find(r#"<script type="application/ld+json">"#).expect("json-ld") + 35;
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    };
    let types = |v: &serde_json::Value| -> Vec<String> {
        v["@graph"].as_array().unwrap().iter().map(|n| n["@type"].as_str().unwrap().to_string()).collect()
    };
    let offer = extract("leeraanbod/werkatelier-vrijwillige-inzet/index.html");
    assert_eq!(types(&offer), ["Course", "BreadcrumbList"]);
    assert_eq!(offer["@graph"][0]["hasCourseInstance"]["courseMode"], "onsite");
    assert_eq!(offer["@graph"][0]["url"], "https://kennis.example.nl/leeraanbod/werkatelier-vrijwillige-inzet/");
    assert_eq!(offer["@graph"][1]["itemListElement"][1]["item"], "https://kennis.example.nl/leeraanbod/");
    assert_eq!(
        types(&extract("leerkringen/leerkring-armoede/index.html")),
        ["Course", "EducationEvent", "BreadcrumbList"]
    );
    assert_eq!(types(&extract("publicaties/bouwstenen/index.html"))[0], "Report");
    assert_eq!(types(&extract("praktijkvoorbeelden/overvecht-samen/index.html"))[0], "Article");
    assert_eq!(types(&extract("organisaties/movisie/index.html"))[0], "Organization");
    assert_eq!(types(&extract("personen/els-de-vries/index.html"))[0], "Person");
    let page = read(&t, "leeraanbod/werkatelier-vrijwillige-inzet/index.html");
    assert!(page.contains(
        r#"<link rel="canonical" href="https://kennis.example.nl/leeraanbod/werkatelier-vrijwillige-inzet/">"#
    ));
    assert!(page.contains(r#"<meta property="og:type" content="article">"#));
    // A title that tries to end the script element stays inside it.
    t.write(
        "themas/breakout.md",
        "---\ntitle: \"</script><script>alert(1)</script>\"\nsummary: x\nkind: leefgebied\n---\nTekst.\n",
    );
    assert_eq!(t.build(&[]).code, 0);
    let html = read(&t, "themas/breakout/index.html");
    assert_eq!(html.matches("<script").count(), 1, "only the JSON-LD script element: {html}");
    assert_eq!(extract("themas/breakout/index.html")["@graph"][0]["name"], "</script><script>alert(1)</script>");
}

#[test]
fn sitemap_lists_every_published_page() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let map = read(&t, "sitemap/index.html");
    for href in [
        "../themas/armoede-en-schulden/index.html",
        "../over/index.html",
        "../leerkringen/leerkring-armoede/index.html",
    ] {
        assert!(map.contains(&format!(r#"href="{href}""#)), "{href} missing");
    }
    assert!(!map.contains("jan-jansen"));
}

#[test]
fn subset_builds_hold_the_selection_and_link_out_to_the_canonical_site() {
    let t = Tree::base();
    t.write("themas/veiligheid.md", "---\ntitle: Veiligheid\nsummary: x\nkind: leefgebied\n---\nTekst.\n");
    t.write("publicaties/veilig.md", "---\ntitle: Veilige wijk\nsummary: x\nthemes: [veiligheid]\npublished: 2024-01-01\npublication_type: toolkit\npublishers: [movisie]\n---\nZie [de notitie](../publicaties/bouwstenen.md).\n");
    t.write("leeraanbod/veilig-aanbod.md", "---\ntitle: Veilig aanbod\nsummary: x\nthemes: [veiligheid]\npublished: 2024-01-01\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\nrelated: [publicaties/veilig]\n---\nTekst.\n");
    // Without a base URL a subset cannot link out: refused with a clear message.
    let r = t.build(&["--only", "theme=veiligheid"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("a subset build needs base_url"), "{}", r.stderr);
    let r = t.build(&["--only", "theme=veiligheidd", "--base-url", "https://kennis.example.nl/"]);
    assert!(r.stderr.contains("did you mean \"veiligheid\""), "{}", r.stderr);
    let r = t.build(&["--only", "theme=veiligheid", "--base-url", "https://kennis.example.nl/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // In: the theme, its items, and what they need (their organisation, their themes).
    for page in [
        "themas/veiligheid/index.html",
        "publicaties/veilig/index.html",
        "leeraanbod/veilig-aanbod/index.html",
        "organisaties/movisie/index.html",
        "over/index.html",
    ] {
        assert!(t.public().join(page).is_file(), "{page} missing from the subset");
    }
    // Out: items on other themes.
    for page in [
        "themas/armoede-en-schulden/index.html",
        "publicaties/bouwstenen/index.html",
        "leeraanbod/werkatelier-vrijwillige-inzet/index.html",
    ] {
        assert!(!t.public().join(page).exists(), "{page} must not be in the subset");
    }
    // A body link to an item outside the subset goes to the canonical site.
    let html = read(&t, "publicaties/veilig/index.html");
    assert!(html.contains(r#"href="https://kennis.example.nl/publicaties/bouwstenen/""#), "{html}");
    // Lists cover only the subset.
    let list = read(&t, "publicaties/index.html");
    assert!(list.contains("Veilige wijk") && !list.contains("Bouwstenen"), "{list}");
}

#[test]
fn bundle_is_a_deterministic_zip_with_checksums() {
    let t = Tree::base();
    let r = t.run(&["bundle", "--now", NOW, "--out", "a.zip"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&["bundle", "--now", NOW, "--out", "b.zip"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a = std::fs::read(t.root.join("a.zip")).unwrap();
    assert_eq!(a, std::fs::read(t.root.join("b.zip")).unwrap(), "two bundles differ");
    assert!(a.starts_with(b"PK\x03\x04"));
    let listing = String::from_utf8_lossy(&a);
    for name in
        ["site/index.html", "site/SHA256SUMS", "site/leerkringen/bijeenkomsten.ics", "site/data/leeraanbod.json"]
    {
        assert!(listing.contains(name), "{name} not in the zip");
    }
}

#[test]
fn a_layout_with_a_broken_link_fails_the_build_naming_page_and_link() {
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let before = t.snapshot_public();
    std::fs::create_dir_all(t.root.join("layouts")).unwrap();
    std::fs::write(
        t.root.join("layouts/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Weg</h1><a href=\"{{ page.root }}bestaat-niet/index.html\">x</a>{% endblock %}",
    )
    .unwrap();
    let r = t.build(&[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("broken internal link(s) in the output"), "{}", r.stderr);
    assert!(r.stderr.contains("404.html: bestaat-niet/index.html (no file bestaat-niet/index.html)"), "{}", r.stderr);
    assert_eq!(before, t.snapshot_public());
}

#[test]
fn updated_falls_back_to_the_last_commit_or_says_why_not() {
    let t = Tree::base();
    let git = |args: &[&str], date: &str| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(&t.root)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.nl")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.nl")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    // Outside git: the fallback is announced once.
    let r = t.build(&[]);
    assert_eq!(r.stderr.matches("`updated` falls back to `published`").count(), 1, "{}", r.stderr);
    git(&["init", "-q"], "2025-01-01T12:00:00+01:00");
    git(&["add", "."], "2025-01-01T12:00:00+01:00");
    git(&["commit", "-q", "-m", "een"], "2025-01-01T12:00:00+01:00");
    t.write(
        "themas/integrale-aanpak.md",
        "---\ntitle: Integrale aanpak\nsummary: x\nkind: werkwijze\nparent: armoede-en-schulden\n---\nNieuwe tekst.\n",
    );
    git(&["commit", "-q", "-am", "twee"], "2025-06-15T23:30:00Z"); // 16 June in Amsterdam
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("falls back"), "{}", r.stderr);
    let page = std::fs::read_to_string(t.public().join("themas/integrale-aanpak/index.html")).unwrap();
    assert!(page.contains(r#"Laatst gewijzigd op <time datetime="2025-06-16">16 juni 2025</time>"#), "{page}");
    // An item first committed after its publication date shows that commit as its update.
    let offer =
        std::fs::read_to_string(t.public().join("leeraanbod/werkatelier-vrijwillige-inzet/index.html")).unwrap();
    assert!(offer.contains(r#"Laatst gewijzigd op <time datetime="2025-01-01">1 januari 2025</time>"#), "{offer}");
}

#[test]
fn ci_formats_annotate_the_offending_line() {
    let t = Tree::base();
    t.write("themas/fout.md", "---\ntitle: Fout\nsummary: x\nkind: leefgebied\nparent: armoede\n---\nTekst.\n");
    let r = t.check(&["--format", "github"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout.trim(),
        "::error file=content/themas/fout.md,line=5,col=9,title=parent::unknown theme \"armoede\" (did you mean \"armoede-en-schulden\"?)"
    );
    let r = t.check(&["--format", "gitlab"]);
    assert_eq!(r.code, 1);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report[0]["location"]["path"], "content/themas/fout.md");
    assert_eq!(report[0]["location"]["lines"]["begin"], 5);
    assert_eq!(report[0]["severity"], "major");
    assert_eq!(report[0]["fingerprint"].as_str().unwrap().len(), 32);
}

#[cfg(unix)]
#[test]
fn pre_commit_hook_refuses_broken_content_and_accepts_the_fix() {
    let t = Tree::base();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_leernet")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&t.root)
            .env("PATH", &path)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.nl")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.nl")
            .output()
            .unwrap()
    };
    assert!(git(&["init", "-q"]).status.success());
    let hook = t.root.join(".git/hooks/pre-commit");
    std::fs::copy(suite_dir().join("../../examples/content-repo/pre-commit"), &hook).unwrap();
    assert!(git(&["add", "."]).status.success());
    let ok = git(&["commit", "-q", "-m", "begin"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    t.write("themas/fout.md", "---\ntitle: Fout: echt\nkind: leefgebied\n---\n");
    git(&["add", "."]);
    let refused = git(&["commit", "-q", "-m", "kapot"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "the hook must refuse broken content");
    assert!(stderr.contains("content/themas/fout.md:2:12: error:"), "{stderr}");
    t.write("themas/fout.md", "---\ntitle: \"Fout: echt\"\nsummary: x\nkind: leefgebied\n---\nTekst.\n");
    git(&["add", "."]);
    let fixed = git(&["commit", "-q", "-m", "hersteld"]);
    assert!(fixed.status.success(), "{}", String::from_utf8_lossy(&fixed.stderr));
}

#[test]
fn example_ci_workflows_are_valid_yaml_and_run_the_check() {
    let dir = suite_dir().join("../../examples/content-repo");
    let gh = std::fs::read_to_string(dir.join(".github/workflows/leernet-check.yml")).unwrap();
    let (v, _) = leernet::yaml::parse_file::<serde_json::Value>(&gh).unwrap();
    let steps = v["jobs"]["check"]["steps"].as_array().unwrap();
    assert!(steps
        .iter()
        .any(|s| s["run"].as_str().is_some_and(|r| r.contains("leernet check") && r.contains("--format github"))));
    let gl = std::fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap();
    let (v, _) = leernet::yaml::parse_file::<serde_json::Value>(&gl).unwrap();
    assert_eq!(v["leernet-check"]["artifacts"]["reports"]["codequality"], "gl-code-quality-report.json");
}

/// Ids of the id attributes in `html`, in order.
fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"").skip(1).map(|p| p[..p.find('"').unwrap()].to_string()).collect()
}

#[test]
fn body_headings_keep_their_ids_and_the_layouts_sections_move_aside() {
    let t = Tree::base();
    let theme = std::fs::read_to_string(t.content().join("themas/armoede-en-schulden.md")).unwrap();
    t.write(
        "themas/armoede-en-schulden.md",
        format!("{theme}\n## Inhoud\n\nTekst.\n\n## Meer weten\n\nTekst.\n\n## Sectie leeraanbod\n\nTekst.\n"),
    );
    let circle = std::fs::read_to_string(t.content().join("leerkringen/leerkring-armoede.md")).unwrap();
    t.write("leerkringen/leerkring-armoede.md", format!("{circle}\n## Bijeenkomst 1\n\nWat we doen.\n"));
    // Editors link to the body's headings by their own ids: no warning, even under --strict.
    let offer = std::fs::read_to_string(t.content().join("leeraanbod/werkatelier-vrijwillige-inzet.md")).unwrap();
    t.write(
        "leeraanbod/werkatelier-vrijwillige-inzet.md",
        format!("{offer}\nZie [de inhoud](@/themas/armoede-en-schulden.md#inhoud) en [meer](@/themas/armoede-en-schulden.md#meer-weten).\n"),
    );
    let run = t.build(&["--strict", "--base-url", "https://kennis.example.nl/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&t, "themas/armoede-en-schulden/index.html");
    assert!(page.contains(r#"<h2 id="inhoud">Inhoud</h2>"#), "{page}");
    assert!(page.contains(r#"<h2 id="meer-weten">Meer weten</h2>"#), "{page}");
    // The skip link, the contacts box and the theme's offers section take the next free id.
    assert!(page.contains(r##"<a class="skiplink" href="#inhoud-1">"##), "{page}");
    assert!(page.contains(r#"<main id="inhoud-1""#), "{page}");
    assert!(page.contains(r#"aria-labelledby="meer-weten-1"><h2 id="meer-weten-1">Meer weten?</h2>"#), "{page}");
    assert!(page.contains(r#"aria-labelledby="sectie-leeraanbod-1">"#), "{page}");
    let circle = read(&t, "leerkringen/leerkring-armoede/index.html");
    assert!(circle.contains(r#"<h2 id="bijeenkomst-1">Bijeenkomst 1</h2>"#), "{circle}");
    assert!(circle.contains(r#"id="bijeenkomst-1-1""#), "{circle}");
    // The calendar and the structured data point at the session, not at the heading.
    // (Lines are folded at 75 octets.)
    let ics = read(&t, "leerkringen/leerkring-armoede/bijeenkomsten.ics").replace("\r\n ", "");
    assert!(ics.contains("leerkringen/leerkring-armoede/#bijeenkomst-1-1"), "{ics}");
    assert!(circle.contains(r#"leerkringen/leerkring-armoede/#bijeenkomst-1-1""#), "{circle}");
    for path in ["themas/armoede-en-schulden/index.html", "leerkringen/leerkring-armoede/index.html", "index.html"] {
        let all = ids(&read(&t, path));
        let unique: std::collections::BTreeSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "{path}: {all:?}");
    }
    // A page without such headings keeps the plain ids.
    let offer = read(&t, "leeraanbod/werkatelier-vrijwillige-inzet/index.html");
    assert!(
        offer.contains(r#"<main id="inhoud""#) && offer.contains(r#"<h2 id="meer-weten">Meer weten?</h2>"#),
        "{offer}"
    );
    assert!(offer.contains("themas/armoede-en-schulden/index.html#inhoud"), "{offer}");
}
