//! F. Dates and lifecycle: an explicit "now" in Europe/Amsterdam whatever the machine's zone,
//! invalid dates in every date field, and held-back items leaving no trace anywhere.

use super::*;

fn offer(published: &str, extra: &str) -> String {
    format!("---\ntitle: Aanbod {published}\nsummary: x\nthemes: [armoede-en-schulden]\npublished: {published}\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\n{extra}---\nTekst.\n")
}

#[test]
fn f33_output_does_not_depend_on_the_machine_time_zone_or_clock() {
    let mut outputs = Vec::new();
    for tz in ["Pacific/Kiritimati", "America/Adak", "UTC", "Europe/Amsterdam"] {
        let t = Tree::base();
        let r = t.run_env(&["build", "--now", NOW], &[("TZ", tz)]);
        assert_eq!(r.code, 0, "{tz}: {}", r.stderr);
        outputs.push((tz, t.snapshot_public()));
    }
    for (tz, out) in &outputs[1..] {
        assert!(out == &outputs[0].1, "TZ={tz} gives other output than TZ={}", outputs[0].0);
    }
}

#[test]
fn f33_source_date_epoch_is_read_as_a_date_in_amsterdam() {
    // 2026-01-14T23:30Z is already 15 January in Amsterdam; 22:30Z is still the 14th.
    for (epoch, visible) in [("1768433400", true), ("1768429800", false)] {
        let t = Tree::base();
        t.write("leeraanbod/vandaag.md", offer("2026-01-15", ""));
        let r = t.run_env(&["build"], &[("SOURCE_DATE_EPOCH", epoch), ("TZ", "UTC")]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(t.public().join("leeraanbod/vandaag/index.html").exists(), visible, "epoch {epoch}: {}", r.stderr);
        assert_eq!(
            r.stderr.contains("held back (scheduled): content/leeraanbod/vandaag.md (2026-01-15)"),
            !visible,
            "{}",
            r.stderr
        );
    }
    // A broken SOURCE_DATE_EPOCH is a usage error, not a silent fallback to the clock.
    let t = Tree::base();
    assert_eq!(t.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "gisteren")]).code, 2);
}

#[test]
fn f34_invalid_dates_are_refused_in_every_kind_of_date_field() {
    let t = Tree::base();
    t.with_previous_public();
    t.write("leeraanbod/a.md", offer("2024-02-30", "registration: { url: \"https://x.nl/\", deadline: 31-12-2024 }\n"));
    t.write("publicaties/p.md", "---\ntitle: P\nsummary: x\nthemes: [armoede-en-schulden]\npublished: 2024-01-01\npublication_type: notitie\npublishers: [movisie]\npublication_date: \"2015-13\"\n---\nTekst.\n");
    t.write("praktijkvoorbeelden/v.md", "---\ntitle: V\nsummary: x\nthemes: [armoede-en-schulden]\npublished: 2024-01-01\nmunicipality: Utrecht\norganisations: [{organisation: movisie, role: trekker}]\nperiod: { start: morgen }\n---\nTekst.\n");
    let r = assert_build_refused(
        &t,
        &[],
        "content/leeraanbod/a.md:5:12: error: published: invalid date \"2024-02-30\": write it as YYYY-MM-DD",
    );
    let heads = headlines(&r.stderr);
    assert_eq!(heads.len(), 4, "{}", r.stderr);
    assert!(heads[1].starts_with("content/leeraanbod/a.md:9:49: error: registration.deadline: invalid date \"31-12-2024\": write it as YYYY-MM-DD"), "{heads:?}");
    assert!(
        heads[2].starts_with("content/praktijkvoorbeelden/v.md:8:18: error: period.start: invalid date \"morgen\""),
        "{heads:?}"
    );
    assert!(heads[2].contains("YYYY"), "the accepted format is shown: {}", heads[2]);
    assert!(
        heads[3].starts_with("content/publicaties/p.md:8:19: error: publication_date: invalid date \"2015-13\""),
        "{heads:?}"
    );
    assert!(heads[3].contains("YYYY-MM"), "partial dates are offered: {}", heads[3]);
}

#[test]
fn f35_held_back_items_leave_no_trace_in_any_output() {
    let args = ["--base-url", "https://kennis.example.nl/"];
    let clean = Tree::base();
    assert_eq!(clean.build(&args).code, 0);
    let t = Tree::base();
    t.write("leeraanbod/later.md", offer("2027-01-01", ""));
    t.write("leeraanbod/concept.md", offer("2024-01-01", "draft: true\n"));
    t.write(
        "themas/concept-thema.md",
        "---\ntitle: Concept thema\nsummary: x\nkind: leefgebied\ndraft: true\n---\nTekst.\n",
    );
    t.write("leervragen/zonder-toestemming.md", "---\ntitle: Mag dit zonder toestemming?\nsummary: x\nthemes: [armoede-en-schulden]\npublished: 2024-01-10\nasked_by: [wijkprofessionals]\nsource: coordinatiepunt\nstatus: open\n---\nTekst.\n");
    let r = t.build(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for line in [
        "held back (draft): content/themas/concept-thema.md, content/leeraanbod/concept.md",
        "held back (scheduled): content/leeraanbod/later.md (2027-01-01)",
        "held back (question from the coordination point without consent): content/leervragen/zonder-toestemming.md",
        "held back (person with public: false): content/personen/jan-jansen.md",
    ] {
        assert!(r.stderr.contains(line), "{line}\n{}", r.stderr);
    }
    // Pages, lists, counts, feeds, sitemap, search, open data, calendars, checksums: all
    // byte-identical to a build without those files.
    let (a, b) = (clean.snapshot_public(), t.snapshot_public());
    let differ: Vec<&String> = a.iter().zip(&b).filter(|(x, y)| x != y).map(|(x, _)| &x.0).collect();
    assert!(
        a.len() == b.len() && differ.is_empty(),
        "held-back items changed: {differ:?} ({} vs {} files)",
        a.len(),
        b.len()
    );
}
