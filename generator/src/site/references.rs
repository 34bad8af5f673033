//! References between items: every typed field and `related`/`matched` entry must resolve
//! (with a "did you mean" when it does not), a published item may not point at an
//! unpublished one, and every reference is recorded in both directions.

use super::{Backlink, Hidden, Site};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::model::{Kind, Raw, Target};
use rayon::prelude::*;

pub fn resolve(
    site: &mut Site,
    unreadable: &std::collections::HashSet<(Kind, String)>,
    diags: &mut Vec<Diagnostic>,
    per_file: &dyn super::PerFile,
) {
    let site_ref: &Site = site;
    let key = key(site_ref, unreadable);
    let per_doc: Vec<Resolved> = (0..site_ref.docs.len())
        .into_par_iter()
        .map(|i| {
            let resolve = || resolve_one(site_ref, i, unreadable);
            // A theme's parent chain reads other themes' files, which the key leaves out.
            match site_ref.docs[i].kind {
                Kind::Theme => resolve(),
                _ => per_file.references(&site_ref.docs[i], key, &resolve),
            }
        })
        .collect();
    for (i, (forward, ds)) in per_doc.into_iter().enumerate() {
        diags.extend(ds);
        site.references[i] = forward;
    }
    for i in 0..site.docs.len() {
        if !site.is_visible(i) {
            continue;
        }
        for (_, j) in site.references[i].iter() {
            // In order of `i`: a repeat can only follow itself.
            if site.backlinks[*j].last() != Some(&Backlink { from: i }) {
                site.backlinks[*j].push(Backlink { from: i });
            }
        }
    }
    check_speakers(site, diags);
}

/// A document's references that resolve (field, target), and the diagnostics of the rest.
pub type Resolved = (std::sync::Arc<[(String, usize)]>, Vec<Diagnostic>);

/// A fingerprint of everything `resolve_one` reads besides the document itself, for any
/// document but a theme: every document's kind, slug and whether (and why) it is held back
/// or outside the subset, the media files and the files that could not be read. Equal
/// fingerprints also mean equal document numbers.
fn key(site: &Site, unreadable: &std::collections::HashSet<(Kind, String)>) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let state = foldhash::fast::FixedState::default();
    let mut h = state.build_hasher();
    site.hash_addresses(&mut h);
    // A set: its hashes are added up, in whatever order it gives them.
    let set = unreadable.iter().fold(0u64, |sum, u| sum.wrapping_add(state.hash_one(u)));
    (unreadable.len(), set).hash(&mut h);
    h.finish()
}

/// The references of document `i` that resolve, with the diagnostics of those that do
/// not, of its theme parent chain and of its files under media/.
fn resolve_one(site: &Site, i: usize, unreadable: &std::collections::HashSet<(Kind, String)>) -> Resolved {
    let mut diags = Vec::new();
    let doc = &site.docs[i];
    let fields = doc.raw.fields();
    let mut forward = Vec::new();
    for r in &fields.refs {
        let (kind, slug) = match target_of(r.target, r.value) {
            Ok(t) => t,
            Err(msg) => {
                diags.push(doc.diag(true, &r.path, msg.0).help(msg.1));
                continue;
            }
        };
        let Some(j) = site.lookup(kind, slug) else {
            if unreadable.contains(&(kind, slug.to_string())) {
                continue;
            }
            let candidates = site.docs.iter().filter(|d| d.kind == kind).map(|d| d.slug.as_str());
            let shown = if matches!(r.target, Target::Typed(_)) { r.value.to_string() } else { slug.to_string() };
            let near = did_you_mean(slug, candidates).map(|h| match r.target {
                Target::Typed(_) => h.replace("mean \"", &format!("mean \"{}/", kind.folder())),
                Target::One(_) => h,
            });
            diags.push(
                doc.diag(true, &r.path, format!("unknown {} \"{shown}\"", kind.name().replace('_', " ")))
                    .help_opt(near.or_else(|| Some(format!("no file {}/{slug}.md", kind.folder())))),
            );
            continue;
        };
        if site.is_visible(i) {
            if let Some(why) = &site.hidden[j] {
                // A private person may be named as a contact: the page shows the
                // organisation instead. Anything else unpublished may not be linked.
                if *why != Hidden::PrivatePerson {
                    diags.push(
                        doc.diag(
                            true,
                            &r.path,
                            format!("refers to {}/{} which is not published ({})", kind.folder(), slug, why.describe()),
                        )
                        .help("publish that item first, or remove the reference"),
                    );
                    continue;
                }
            }
        }
        if j == i {
            diags.push(doc.diag(true, &r.path, "an item cannot refer to itself"));
            continue;
        }
        forward.push((r.path.clone(), j));
    }
    check_theme_parent(site, i, &mut diags);
    check_files(site, i, &fields.downloads, &mut diags);
    (forward.into(), diags)
}

/// Speakers are person slugs or free text; text that is nearly a person slug is probably
/// a typo, which would silently lose the link to the person's page.
fn check_speakers(site: &Site, diags: &mut Vec<Diagnostic>) {
    for doc in &site.docs {
        let Raw::LearningCircle(c) = &doc.raw else {
            continue;
        };
        for (i, s) in c.sessions.iter().enumerate() {
            for (k, speaker) in s.speakers.iter().enumerate() {
                if site.lookup(Kind::Person, speaker).is_some() || !crate::slug::is_valid(speaker) {
                    continue;
                }
                let persons = site.docs.iter().filter(|d| d.kind == Kind::Person).map(|d| d.slug.as_str());
                if let Some(near) = did_you_mean(speaker, persons) {
                    diags.push(
                        doc.diag(
                            false,
                            &format!("sessions[{i}].speakers[{k}]"),
                            format!("speaker \"{speaker}\" is no person's slug, so it is shown as text"),
                        )
                        .help(near),
                    );
                }
            }
        }
    }
}

/// The kind and slug a reference names, or what is wrong with how it is written.
fn target_of(target: Target, value: &str) -> Result<(Kind, &str), (String, String)> {
    match target {
        Target::One(kind) => Ok((kind, value)),
        Target::Typed(allowed) => {
            let Some((folder, slug)) = value.split_once('/') else {
                return Err((
                    format!("\"{value}\" must be written as folder/slug"),
                    "e.g. publicaties/tophits-leeromgeving".into(),
                ));
            };
            let Some(kind) = Kind::from_folder(folder) else {
                let near = did_you_mean(folder, Kind::folders())
                    .unwrap_or_else(|| format!("folders: {}", Kind::folders().join(", ")));
                return Err((format!("unknown type folder \"{folder}\""), near));
            };
            if !allowed.is_empty() && !allowed.contains(&kind) {
                let names: Vec<&str> = allowed.iter().map(|k| k.folder()).collect();
                return Err((format!("\"{folder}\" cannot be used here"), format!("use one of: {}", names.join(", "))));
            }
            Ok((kind, slug))
        }
    }
}

/// A theme's parent chain must end: `a -> b -> a` is an error.
fn check_theme_parent(site: &Site, i: usize, diags: &mut Vec<Diagnostic>) {
    let Raw::Theme(_) = &site.docs[i].raw else {
        return;
    };
    let mut seen = vec![i];
    let mut cur = i;
    while let Raw::Theme(t) = &site.docs[cur].raw {
        let Some(parent) = t.parent.as_deref().and_then(|p| site.lookup(Kind::Theme, p)) else {
            return;
        };
        if seen.contains(&parent) {
            if parent == i {
                diags.push(site.docs[i].diag(true, "parent", "the parent themes form a loop back to this theme"));
            }
            return;
        }
        seen.push(parent);
        cur = parent;
    }
}

/// `image:` and local downloads must name a file under media/.
fn check_files(site: &Site, i: usize, downloads: &[(String, &str)], diags: &mut Vec<Diagnostic>) {
    let doc = &site.docs[i];
    for (path, url) in downloads.iter().filter(|(_, u)| u.starts_with("media/")) {
        if !site.media.iter().any(|m| m.rel == *url) {
            let names = site.media.iter().map(|m| m.rel.as_str());
            diags.push(
                doc.diag(true, path, format!("no file \"{url}\" under content/")).help_opt(did_you_mean(url, names)),
            );
        }
    }
    if let Some(img) = doc.raw.common().image {
        let rel = img.trim_start_matches("../").trim_start_matches('/');
        if !site.media.iter().any(|m| m.rel == rel) {
            let names = site.media.iter().map(|m| m.rel.as_str());
            diags.push(
                doc.diag(true, "image", format!("no file \"{rel}\" under content/")).help_opt(
                    did_you_mean(rel, names)
                        .or_else(|| Some("images live in content/media/; write image: media/name.svg".into())),
                ),
            );
        }
    }
}
