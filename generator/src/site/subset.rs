//! Subset builds (`--only theme=...,focus_area=...,organisation=...`): a municipality's
//! own copy. Selected are the items on the themes (with child themes), in the focus areas,
//! or of the organisations, plus what they need: their themes, organisations, focus areas
//! and public persons, and every content page. Everything else stays out of pages, lists,
//! search and feeds, and links to it go to the canonical site (`base_url`).

use super::Site;
use crate::diagnostics::did_you_mean;
use crate::model::{Kind, Raw};

/// One `--only` criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub kind: Kind,
    pub slug: String,
}

/// Parses `theme=a,focus_area=b` (also `thema=`, `focusgebied=`, `organisatie=`).
pub fn parse(spec: &str) -> Result<Vec<Criterion>, String> {
    spec.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|part| {
            let (key, slug) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}`: write key=slug, e.g. theme=armoede-en-schulden"))?;
            let kind = match key.trim() {
                "theme" | "thema" => Kind::Theme,
                "focus_area" | "focusgebied" => Kind::FocusArea,
                "organisation" | "organisatie" => Kind::Organisation,
                other => return Err(format!("`{other}`: --only takes theme, focus_area or organisation")),
            };
            Ok(Criterion { kind, slug: slug.trim().to_string() })
        })
        .collect()
}

/// Marks everything outside the subset as external. Errors name unknown slugs.
pub fn apply(site: &mut Site, only: &[Criterion]) -> Result<(), String> {
    if site.config.base_url.is_none() {
        return Err("a subset build needs base_url (in site.yaml or --base-url): links to items outside the subset go to the canonical site".into());
    }
    let n = site.docs.len();
    let mut selected = vec![false; n];
    for c in only {
        let Some(t) = site.lookup(c.kind, &c.slug).filter(|&t| site.hidden[t].is_none()) else {
            let names = site.docs.iter().filter(|d| d.kind == c.kind).map(|d| d.slug.as_str());
            let hint = did_you_mean(&c.slug, names).map(|h| format!(" ({h})")).unwrap_or_default();
            return Err(format!("--only: no published {} \"{}\"{hint}", c.kind.name().replace('_', " "), c.slug));
        };
        selected[t] = true;
        let targets: Vec<usize> = match c.kind {
            Kind::Theme => site.agg.closure(t).to_vec(),
            _ => vec![t],
        };
        for (i, sel) in selected.iter_mut().enumerate() {
            let on_theme = c.kind == Kind::Theme && site.agg.themes_of(i).iter().any(|x| targets.contains(x));
            if on_theme || site.references[i].iter().any(|(_, j)| targets.contains(j)) {
                *sel = true;
            }
        }
        for &x in &targets {
            selected[x] = true;
        }
    }
    // What the selected items need: themes, organisations, focus areas, public persons.
    let needed: Vec<usize> = (0..n)
        .filter(|&i| selected[i])
        .flat_map(|i| site.references[i].iter().map(|(_, j)| *j).collect::<Vec<_>>())
        .filter(|&j| matches!(site.docs[j].kind, Kind::Theme | Kind::Organisation | Kind::Person | Kind::FocusArea))
        .collect();
    for j in needed {
        selected[j] = true;
    }
    for (i, d) in site.docs.iter().enumerate() {
        if matches!(d.raw, Raw::Page(_)) {
            selected[i] = true;
        }
    }
    site.external = selected.into_iter().map(|s| !s).collect();
    Ok(())
}
