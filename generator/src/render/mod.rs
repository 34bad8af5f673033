//! Rendering: the site to a list of output files in memory, through MiniJinja layouts
//! (strict: an undefined variable is an error). Pages render in parallel; the result is
//! bytes, so the build, the dev server and the tests share it without touching disk.

mod agenda;
mod calendar;
mod details;
mod home;
mod item;
mod jsonld;
pub mod lists;
mod theme;
pub mod views;

pub use item::CardText;

use crate::model::Kind;
use crate::output::{Memory, OutputFile, Sink};
use crate::site::{relative_url, url_of, Site};
use anyhow::{Context, Result};
use minijinja::{Environment, UndefinedBehavior};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use views::*;

/// The default layouts, compiled into the binary so `leernet` works from any folder.
pub const DEFAULT_LAYOUTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../layouts/base.html")),
    ("header.html", include_str!("../../../layouts/header.html")),
    ("footer.html", include_str!("../../../layouts/footer.html")),
    ("home.html", include_str!("../../../layouts/home.html")),
    ("list.html", include_str!("../../../layouts/list.html")),
    ("item.html", include_str!("../../../layouts/item.html")),
    ("404.html", include_str!("../../../layouts/404.html")),
    ("sitemap.html", include_str!("../../../layouts/sitemap.html")),
    ("forms.html", include_str!("../../../layouts/forms.html")),
    ("forms-index.html", include_str!("../../../layouts/forms-index.html")),
    ("assets/forms.js", include_str!("../../../layouts/assets/forms.js")),
    ("assets/forms.css", include_str!("../../../layouts/assets/forms.css")),
    ("assets/slug.js", include_str!("../../../layouts/assets/slug.js")),
    ("agenda.html", include_str!("../../../layouts/agenda.html")),
    ("macros.html", include_str!("../../../layouts/macros.html")),
    ("search.html", include_str!("../../../layouts/search.html")),
    ("assets/search.js", include_str!("../../../layouts/assets/search.js")),
    ("assets/search-analysis.js", include_str!("../../../layouts/assets/search-analysis.js")),
    ("assets/search.css", include_str!("../../../layouts/assets/search.css")),
    ("assets/style.css", include_str!("../../../layouts/assets/style.css")),
    ("assets/favicon.svg", include_str!("../../../layouts/assets/favicon.svg")),
];

/// Templates and assets: the defaults, overridden by files from a `layouts/` folder.
#[derive(Debug, Clone, Default)]
pub struct Layouts {
    pub files: BTreeMap<String, Vec<u8>>,
    /// `include_cached` renders every time, as a plain include would: for the test that
    /// the cached parts are the same on every page.
    uncached: bool,
}

impl Layouts {
    pub fn defaults() -> Self {
        Layouts {
            files: DEFAULT_LAYOUTS.iter().map(|(n, s)| (n.to_string(), s.as_bytes().to_vec())).collect(),
            uncached: false,
        }
    }

    /// The same layouts with `include_cached` rendering every time, as a plain include:
    /// for tests that the cached parts come out the same as rendered page by page.
    pub fn without_cache(mut self) -> Self {
        self.uncached = true;
        self
    }

    /// Overrides the defaults with files read from disk (by `load::load_layouts`).
    pub fn with_overrides(mut self, files: Vec<(String, Vec<u8>)>) -> Self {
        self.files.extend(files);
        self
    }

    fn environment(&self) -> Result<Environment<'static>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(html_formatter);
        add_include_cached(&mut env, !self.uncached);
        for (name, bytes) in &self.files {
            if name.ends_with(".html") {
                let text = String::from_utf8(bytes.clone()).with_context(|| format!("layout `{name}` is not UTF-8"))?;
                env.add_template_owned(name.clone(), text)
                    .with_context(|| format!("layout `{name}` has a syntax error"))?;
            }
        }
        Ok(env)
    }
}

/// `include_cached(name, key...)`: the HTML of layout `name`, rendered with the page's
/// `site` and `page` the first time a key is met and reused for every later page with that
/// key (as Hugo's `partialCached`). The layout must depend on nothing but `site` and its
/// key: the page header on `page.root` and `page.section`, the footer on `page.root`.
/// Rendering the header and footer of every page was 4% of a build's instructions. The
/// cache lives as long as the environment: one build, or one page of the dev server.
fn add_include_cached(env: &mut Environment<'static>, cache: bool) {
    use minijinja::value::{Rest, Value};
    use minijinja::{Error, ErrorKind, State};
    use std::sync::Mutex;
    thread_local! {
        /// How many `include_cached` renders this thread is inside: a layout that includes
        /// itself is an error, not a stack overflow.
        static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let parts: Mutex<crate::FastMap<String, Value>> = Mutex::default();
    env.add_function("include_cached", move |state: &State, name: &str, key: Rest<Value>| -> Result<Value, Error> {
        use std::fmt::Write;
        let mut k = name.to_string();
        for v in key.iter() {
            let _ = write!(k, "\0{v}");
        }
        let cached = || parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&k).cloned();
        if let Some(html) = cache.then(cached).flatten() {
            return Ok(html);
        }
        if DEPTH.get() >= 8 {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("include_cached of `{name}` nested too deeply"),
            ));
        }
        DEPTH.set(DEPTH.get() + 1);
        let ctx = minijinja::context! { site => state.lookup("site"), page => state.lookup("page") };
        let html = state.env().get_template(name).and_then(|t| t.render(ctx));
        DEPTH.set(DEPTH.get() - 1);
        let html = Value::from_safe_string(html?);
        if cache {
            parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(k, html.clone());
        }
        Ok(html)
    });
}

/// Escapes exactly `& < > " '` in HTML templates. MiniJinja's default also escapes `/`,
/// which turns every relative URL into `..&#x2f;index.html`: safe, but larger and noisy.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if state.auto_escape() != minijinja::AutoEscape::Html || value.is_safe() || value.is_undefined() || value.is_none()
    {
        return minijinja::escape_formatter(out, state, value);
    }
    let write = |text: &str, out: &mut minijinja::Output| {
        crate::escape::html_pieces(text, |piece| {
            out.write_str(piece).map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
        })
    };
    match value.as_str() {
        Some(text) => write(text, out),
        None => write(&value.to_string(), out),
    }
}

/// Shared by every view builder: the site, and the page being rendered (for relative URLs).
pub struct Ctx<'a> {
    pub site: &'a Site,
    /// Root-relative folder of the page being rendered (`` for home).
    pub from: String,
}

impl Ctx<'_> {
    pub fn href_to(&self, j: usize) -> String {
        self.site.href(&self.from, j)
    }

    pub fn href(&self, root_relative: &str) -> String {
        relative_url(&self.from, root_relative)
    }

    fn page(&self, title: &str, description: Option<&str>, lang: Option<&str>, breadcrumbs: Vec<Link>) -> PageView {
        let site = self.site;
        let current_top = self.from.split('/').next().unwrap_or_default();
        let section = MENU.iter().position(|&(folder, _)| folder == current_top);
        let depth = crate::site::depth(&self.from);
        let (nav, footer) = match site.menus.get_or_init(|| Menus::of(site)) {
            m if depth < MENU_DEPTHS => (m.nav[depth][section.unwrap_or(MENU.len())].clone(), m.footer[depth].clone()),
            _ => (nav_links(&self.from, section), footer_links(site, &self.from)),
        };
        PageView {
            title: title.to_string(),
            description: description.map(|d| truncate(d, 160)),
            lang: lang.unwrap_or(site.config.language.as_deref().unwrap_or("nl")).to_string(),
            root: "../".repeat(depth),
            canonical: site.config.base_url.as_ref().map(|b| format!("{b}{}", self.from)),
            nav,
            section: section.map_or("", |s| MENU[s].0),
            footer,
            breadcrumbs,
            og_type: "website".into(),
            og_image: None,
            feed: crate::feeds::feed_of(site, &self.from).map(|f| self.href(&f)),
            main_id: "inhoud".into(),
        }
    }
}

/// The main menu: the folder each entry leads to, and its text.
const MENU: [(&str, &str); 7] = [
    (Kind::Theme.folder(), Kind::Theme.plural()),
    (Kind::Offer.folder(), Kind::Offer.plural()),
    (Kind::Publication.folder(), Kind::Publication.plural()),
    (Kind::PracticeExample.folder(), Kind::PracticeExample.plural()),
    (Kind::LearningQuestion.folder(), Kind::LearningQuestion.plural()),
    (Kind::LearningCircle.folder(), Kind::LearningCircle.plural()),
    ("leeragenda", "Leeragenda"),
];

/// Page depths whose menus are made once per site (`Menus`); deeper pages make their own.
const MENU_DEPTHS: usize = 8;

/// The main menu and the footer links as template values, made once per site for each
/// page depth (and menu entry): the thousands of pages at one depth share them instead of
/// each making and dropping a dozen links.
#[derive(Debug)]
pub struct Menus {
    /// By depth, then by menu entry (`MENU`), the last for pages under none.
    nav: Vec<Vec<minijinja::Value>>,
    /// By depth.
    footer: Vec<minijinja::Value>,
}

impl Menus {
    fn of(site: &Site) -> Menus {
        let from = |depth: usize| "x/".repeat(depth);
        Menus {
            nav: (0..MENU_DEPTHS)
                .map(|d| (0..=MENU.len()).map(|s| nav_links(&from(d), (s < MENU.len()).then_some(s))).collect())
                .collect(),
            footer: (0..MENU_DEPTHS).map(|d| footer_links(site, &from(d))).collect(),
        }
    }
}

/// The main menu from the page in folder `from`, with entry `current` marked.
fn nav_links(from: &str, current: Option<usize>) -> minijinja::Value {
    let links: Vec<Link> = MENU
        .iter()
        .enumerate()
        .map(|(i, (folder, text))| Link {
            text: text.to_string(),
            href: relative_url(from, &format!("{folder}/")),
            current: current == Some(i),
        })
        .collect();
    minijinja::Value::from_serialize(&links)
}

/// The footer's links (the site's menu pages) from the page in folder `from`.
fn footer_links(site: &Site, from: &str) -> minijinja::Value {
    let links: Vec<Link> = site
        .agg
        .menu()
        .iter()
        .map(|&j| Link { text: site.docs[j].raw.common().title.to_string(), href: site.href(from, j), current: false })
        .collect();
    minijinja::Value::from_serialize(&links)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n - 1).collect();
    format!("{}…", cut.trim_end())
}

fn site_view(site: &Site) -> SiteView {
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        banner: site.config.banner.clone(),
        language: site.config.language.clone().unwrap_or_else(|| "nl".into()),
    }
}

/// Which output files to render: all of them for a build; one path at a time for the dev
/// server, which renders a page when it is asked for (`serve::incremental`).
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    All,
    One(&'a str),
}

impl Which<'_> {
    fn wants(self, path: &str) -> bool {
        matches!(self, Which::All) || matches!(self, Which::One(p) if p == path)
    }

    /// Whether the page of root-relative `folder` (`themas/x/`) is wanted.
    fn wants_page(self, folder: &str) -> bool {
        matches!(self, Which::All) || matches!(self, Which::One(p) if p.strip_suffix("index.html") == Some(folder))
    }

    /// Whether a file below root-relative `folder` (`themas/`) may be wanted.
    fn under(self, folder: &str) -> bool {
        matches!(self, Which::All) || matches!(self, Which::One(p) if p.starts_with(folder))
    }
}

/// Every output file of the site, sorted by path.
pub fn render_site(site: &Site, layouts: &Layouts) -> Result<Vec<OutputFile>> {
    render_files(site, layouts, Which::All)
}

/// The output files `which` asks for, sorted by path.
pub fn render_files(site: &Site, layouts: &Layouts, which: Which) -> Result<Vec<OutputFile>> {
    let memory = Memory::default();
    render_into(site, layouts, which, &memory)?;
    Ok(memory.into_sorted())
}

/// The pages, assets and media `which` asks for, each handed to `sink` once rendered. Pages
/// render in parallel; none is kept once it is handed on.
pub fn render_into(site: &Site, layouts: &Layouts, which: Which, sink: &dyn Sink) -> Result<()> {
    let env = layouts.environment()?;
    let sv = site_view(site);
    let made = AtomicBool::new(false);
    let put = |f: OutputFile| -> Result<()> {
        made.store(true, Ordering::Relaxed);
        sink.put(f)
    };
    // The one wanted file is rendered: the remaining steps can be skipped.
    let done = || matches!(which, Which::One(_)) && made.load(Ordering::Relaxed);
    // The size of the last page of each layout: the next page's buffer starts a little
    // larger, so it is written without growing (and copying) its buffer on the way.
    let last_size: crate::FastMap<&str, AtomicUsize> =
        layouts.files.keys().map(|name| (name.as_str(), AtomicUsize::new(0))).collect();
    let render = |name: &str, path: String, ctx: minijinja::Value| -> Result<OutputFile> {
        let last = last_size.get(name);
        let mut bytes = Vec::with_capacity(last.map_or(0, |n| n.load(Ordering::Relaxed) * 9 / 8));
        env.get_template(name)
            .and_then(|t| t.render_captured_to(ctx, &mut bytes))
            .with_context(|| format!("rendering {path} with layout {name}"))?;
        if let Some(last) = last {
            last.store(bytes.len(), Ordering::Relaxed);
        }
        // A small page after a large one: it should not hold the large one's room where
        // pages are kept (the dev server, bundles).
        if bytes.capacity() > 2 * bytes.len() {
            bytes.shrink_to_fit();
        }
        Ok(OutputFile { path, bytes })
    };
    crate::feeds::prepare(site);
    item::prepare(site);
    let visible: Vec<usize> = match which {
        Which::All => (0..site.docs.len()).filter(|&i| site.is_visible(i)).collect(),
        // One page: found by its address instead of comparing it with every item's.
        Which::One(p) => p
            .strip_suffix("index.html")
            .and_then(|folder| site.at_url(folder))
            .filter(|&i| site.is_visible(i))
            .into_iter()
            .collect(),
    };
    visible.par_iter().try_for_each(|&i| {
        let ctx = Ctx { site, from: url_of(&site.docs[i]) };
        let (page, item) = item::item_view(&ctx, i);
        put(render(
            "item.html",
            format!("{}index.html", ctx.from),
            minijinja::context! { site => &sv, page => page, item => item },
        )?)
    })?;
    if done() {
        return Ok(());
    }
    let list_page = |lp: lists::ListPage| -> Result<()> {
        let ctx = Ctx { site, from: lp.from.clone() };
        let crumbs = vec![Link { text: "Home".into(), href: ctx.href(""), current: false }];
        let page = ctx.page(&lp.title, lp.view.intro.as_deref(), None, crumbs);
        let calendar = (lp.from == "leerkringen/").then(|| calendar::calendar(&ctx));
        put(render(
            "list.html",
            format!("{}index.html", lp.from),
            minijinja::context! { site => &sv, page => page, list => &lp.view, calendar => calendar },
        )?)
    };
    let ((kinds, measures), forms) = rayon::join(
        || {
            rayon::join(
                || -> Vec<lists::Lists> {
                    Kind::ALL
                        .iter()
                        .filter(|&&k| k != Kind::Page && which.under(&format!("{}/", k.folder())))
                        .map(|&k| lists::Lists::of(site, k))
                        .collect()
                },
                || which.under("leeragenda/").then(|| agenda::MeasurePages::of(site)),
            )
        },
        || crate::forms::pages(site, |from| which.wants_page(from)),
    );
    let forms = forms?;
    // The rest side by side, one page per task, the site-wide pages first: at 100,000
    // items the sitemap, the agenda and the forms are megabytes each, and rendered one
    // after the other at the end they kept one core busy while the other waited.
    let mut jobs: Vec<Job> = [
        (Single::Sitemap, "sitemap/index.html"),
        (Single::Agenda, "leeragenda/index.html"),
        (Single::Search, "zoeken/index.html"),
        (Single::Home, "index.html"),
        (Single::NotFound, "404.html"),
    ]
    .into_iter()
    .filter(|(_, path)| which.wants(path))
    .map(|(s, _)| Job::Single(s))
    .collect();
    jobs.extend(forms.iter().map(Job::Form));
    for l in &kinds {
        jobs.extend(l.pages().into_iter().filter(|p| which.wants_page(&p.from)).map(|p| Job::List(l, p)));
    }
    if let Some(m) = &measures {
        jobs.extend(m.pages(site).into_iter().filter(|p| which.wants_page(&p.from)).map(|p| Job::Measure(m, p)));
    }
    jobs.par_iter().with_max_len(1).try_for_each(|job| match job {
        Job::List(l, p) => list_page(l.page(site, p)),
        Job::Measure(m, p) => list_page(m.page(site, p)),
        Job::Form(fp) => {
            let ctx = Ctx { site, from: fp.from.clone() };
            let page = ctx.page(&fp.title, Some(&fp.description), None, fp.crumbs.clone());
            let view = minijinja::context! { site => &sv, page => page, view => &fp.view };
            put(render(fp.layout, format!("{}index.html", fp.from), view)?)
        }
        Job::Single(Single::Sitemap) => put(sitemap_page(site, &sv, &render)?),
        Job::Single(Single::Agenda) => put(agenda_page(site, &sv, &render)?),
        Job::Single(Single::Search) => put(search_page(site, &sv, &render)?),
        Job::Single(Single::Home) => {
            let ctx = Ctx { site, from: String::new() };
            let page = ctx.page(&site.config.title, site.config.description.as_deref(), None, Vec::new());
            put(render(
                "home.html",
                "index.html".into(),
                minijinja::context! { site => &sv, page => page, home => home::home_view(&ctx) },
            )?)
        }
        Job::Single(Single::NotFound) => {
            let ctx = Ctx { site, from: String::new() };
            let page = ctx.page("Pagina niet gevonden", None, None, Vec::new());
            put(render("404.html", "404.html".into(), minijinja::context! { site => &sv, page => page })?)
        }
    })?;
    for (name, bytes) in &layouts.files {
        if let Some(asset) = name.strip_prefix("assets/") {
            let path = format!("assets/{asset}");
            if which.wants(&path) {
                put(OutputFile { path, bytes: bytes.clone() })?;
            }
        }
    }
    for m in site.media.iter().filter(|m| which.wants(&m.rel)) {
        put(OutputFile { path: m.rel.clone(), bytes: m.bytes.as_ref().clone() })?;
    }
    Ok(())
}

/// A page rendered after the items (`render_into`).
enum Job<'a> {
    Single(Single),
    /// A contribution form: `bijdragen/` (overview and one page per form) and `vraag-stellen/`.
    Form(&'a crate::forms::FormPage),
    List(&'a lists::Lists, lists::ListPageRef),
    Measure(&'a agenda::MeasurePages, agenda::MeasurePageRef),
}

/// The site-wide pages.
#[derive(Clone, Copy)]
enum Single {
    Sitemap,
    Agenda,
    Search,
    Home,
    NotFound,
}

/// Renders one page with a layout and its context.
type RenderFn<'a> = dyn Fn(&str, String, minijinja::Value) -> Result<OutputFile> + Sync + 'a;

fn agenda_page(site: &Site, sv: &SiteView, render: &RenderFn) -> Result<OutputFile> {
    let ctx = Ctx { site, from: "leeragenda/".into() };
    let page = ctx.page(
        "Leeragenda",
        Some("Vraag en aanbod per thema: waar sluit het aan, en waar ontbreekt aanbod?"),
        None,
        vec![Link { text: "Home".into(), href: ctx.href(""), current: false }],
    );
    render(
        "agenda.html",
        "leeragenda/index.html".into(),
        minijinja::context! { site => sv, page => page, agenda => agenda::view(&ctx) },
    )
}

fn sitemap_page(site: &Site, sv: &SiteView, render: &RenderFn) -> Result<OutputFile> {
    let ctx = Ctx { site, from: "sitemap/".into() };
    let page = ctx.page(
        "Sitemap",
        Some("Alle pagina's van de site op een rij."),
        None,
        vec![Link { text: "Home".into(), href: ctx.href(""), current: false }],
    );
    render(
        "sitemap.html",
        "sitemap/index.html".into(),
        minijinja::context! { site => sv, page => page, sitemap => sitemap(&ctx) },
    )
}

fn search_page(site: &Site, sv: &SiteView, render: &RenderFn) -> Result<OutputFile> {
    let ctx = Ctx { site, from: "zoeken/".into() };
    let crumbs = vec![Link { text: "Home".into(), href: ctx.href(""), current: false }];
    let page = ctx.page("Zoeken", Some("Zoek in alle thema's, leeraanbod, publicaties en voorbeelden."), None, crumbs);
    let search = crate::search::page::view(&ctx);
    render(
        "search.html",
        "zoeken/index.html".into(),
        minijinja::context! { site => sv, page => page, search => search },
    )
}

fn sitemap(ctx: &Ctx) -> SitemapView {
    let site = ctx.site;
    let mut groups = vec![SitemapGroup {
        title: "Algemeen".into(),
        href: None,
        links: std::iter::once(Link { text: "Home".into(), href: ctx.href(""), current: false })
            .chain(site.visible_of(Kind::Page).map(|j| Link {
                text: site.docs[j].raw.common().title.to_string(),
                href: ctx.href_to(j),
                current: false,
            }))
            .collect(),
    }];
    for kind in Kind::ALL.into_iter().filter(|&k| k != Kind::Page) {
        let links = site
            .agg
            .sorted(kind)
            .iter()
            .map(|&j| Link { text: site.docs[j].raw.common().title.to_string(), href: ctx.href_to(j), current: false })
            .collect();
        groups.push(SitemapGroup {
            title: kind.plural().into(),
            href: Some(ctx.href(&format!("{}/", kind.folder()))),
            links,
        });
    }
    SitemapView { groups }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `template` rendered with the built-in layouts' macros imported as `m`.
    fn with_builtin_macros(template: &str, ctx: minijinja::Value) -> String {
        let mut env = Layouts::defaults().environment().unwrap();
        env.add_template_owned("t.html", format!(r#"{{% import "macros.html" as m %}}{template}"#)).unwrap();
        env.get_template("t.html").unwrap().render(ctx).unwrap()
    }

    /// `include_cached` renders a layout once per key, with the page's `site` and `page`;
    /// uncached (for the equivalence test) it renders every time; a layout that includes
    /// itself is an error, not a stack overflow.
    #[test]
    fn include_cached_renders_once_per_key() {
        let render = |cache: bool, pages: &[(&str, u32)]| -> Vec<String> {
            let mut env = Environment::new();
            add_include_cached(&mut env, cache);
            env.add_template("part.html", "{{ site.title }} {{ page.n }}").unwrap();
            env.add_template("page.html", r#"{{ include_cached("part.html", page.k) }}"#).unwrap();
            let t = env.get_template("page.html").unwrap();
            pages
                .iter()
                .map(|(k, n)| t.render(minijinja::context! { site => minijinja::context! { title => "W" }, page => minijinja::context! { k, n } }).unwrap())
                .collect()
        };
        let pages = [("a", 1), ("a", 2), ("b", 3), ("a", 4)];
        assert_eq!(render(true, &pages), ["W 1", "W 1", "W 3", "W 1"]);
        assert_eq!(render(false, &pages), ["W 1", "W 2", "W 3", "W 4"]);
        let mut env = Environment::new();
        add_include_cached(&mut env, true);
        env.add_template("self.html", r#"{{ include_cached("self.html") }}"#).unwrap();
        let err = env.get_template("self.html").unwrap().render(minijinja::context! {}).unwrap_err();
        assert!(format!("{err:#}").contains("nested too deeply"), "{err:#}");
    }

    /// A layout that overrides one file may still call `m.card(c)` and `m.value(v)` of the
    /// built-in macros: they render exactly what the list macros render for one element.
    #[test]
    fn single_card_and_value_macros_match_the_list_macros() {
        let date = minijinja::context! { iso => "2026-01-02", text => "2 januari 2026" };
        let c = minijinja::context! {
            href => "../x/index.html", title => "Wijk & werk", kind_label => "Leeraanbod", badge => "Open",
            date => date, date_label => "Start", summary => "Kort.", note => "Noot."
        };
        let v = minijinja::context! { href => "https://x.nl/", external => true, text => "X" };
        let out = with_builtin_macros(
            r#"{{ m.card(c, 2) }}|{{ m.cards([c], 2) }}|{{ m.value(v) }}|{{ m.values([v], ", ") }}"#,
            minijinja::context! { c => c, v => v },
        );
        let parts: Vec<&str> = out.split('|').collect();
        assert_eq!(parts.len(), 4, "{out}");
        assert_eq!(parts[0], parts[1]);
        assert!(parts[0].starts_with(r#"<li class="card">"#), "{out}");
        assert!(
            parts[0].contains(r#"<h2 class="card-title"><a href="../x/index.html">Wijk &amp; werk</a></h2>"#),
            "{out}"
        );
        assert!(parts[0].contains(r#"<p class="card-note">Noot.</p>"#), "{out}");
        assert_eq!(parts[2], parts[3]);
        assert!(parts[2].starts_with(r#"<a class="external" href="https://x.nl/">X"#), "{out}");
    }

    /// `details` writes its rows' values itself (one macro call per box, not per row): each
    /// row's `<dd>` holds exactly what `values` renders for that row, for every kind of value.
    #[test]
    fn details_rows_render_as_the_values_macro() {
        let value = |text: &str, href: Option<&str>, date: Option<&str>, external: bool| {
            minijinja::context! { text => text, href => href, date => date, external => external }
        };
        let rows = vec![
            minijinja::context! {
                label => "Aanbieder", joiner => ", ",
                values => vec![value("A & B", Some("../a/index.html"), None, false), value("Landelijk", Some("https://x.nl/"), None, true)]
            },
            minijinja::context! {
                label => "Periode", joiner => " tot en met ",
                values => vec![value("1 mei", None, Some("2026-05-01"), false), value("2 mei", None, Some("2026-05-02"), false)]
            },
            minijinja::context! { label => "Vorm", joiner => ", ", values => vec![value("Training", None, None, false)] },
        ];
        let out = with_builtin_macros(
            r#"{{ m.details(rows) }}|{% for r in rows %}{{ m.values(r.values, r.joiner) }}|{% endfor %}"#,
            minijinja::context! { rows => rows },
        );
        let parts: Vec<&str> = out.split('|').collect();
        assert_eq!(parts.len(), 5, "{out}");
        let dds: Vec<&str> = parts[0].split("<dd>").skip(1).map(|d| d.split("</dd>").next().unwrap()).collect();
        assert_eq!(dds, parts[1..4].to_vec(), "{out}");
        assert!(parts[1].contains(r#"<a href="../a/index.html">A &amp; B</a>, <a class="external""#), "{out}");
        assert_eq!(
            parts[2],
            r#"<time datetime="2026-05-01">1 mei</time> tot en met <time datetime="2026-05-02">2 mei</time>"#
        );
    }
}
