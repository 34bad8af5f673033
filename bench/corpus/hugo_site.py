"""The benchmark corpus as a Hugo site: the same pages, for a side-by-side build.

Each visible leernet item becomes a Hugo page at the same path (`/leeraanbod/<slug>/`),
themes become the terms of the `themes` taxonomy (`/themes/<slug>/`, the theme's text as
the term page's content), `audiences` and `types` (offer, publication and organisation
type) are taxonomies too. Pages show title, summary, a details list, references as links,
the body and the page's taxonomy terms; section and term lists are paginated by 20, as
leernet's lists are. URLs are relative (`relativeURLs = true`); Hugo's default outputs
stay on (RSS per list, limited to 50 entries like leernet's Atom feeds, and sitemap.xml);
there is no search. Items leernet holds back (drafts, scheduled, private persons, questions
without consent) are written with `draft: true`, so Hugo reads them and leaves them out.

Body links `[t](../publicaties/x.md)` become root-relative `[t](/publicaties/x/)`, which
`relativeURLs` rewrites per page: the cheapest form for Hugo (no `ref` shortcode).
"""

import json
import os
import re
import shutil

CONFIG = """\
baseURL = "https://kennis.example.nl/"
languageCode = "nl"
defaultContentLanguage = "nl"
title = "Wijkkennis"
relativeURLs = true
paginate = 20
enableRobotsTXT = false
disableHugoGeneratorInject = true

[params]
  description = "Kennis, leeraanbod en leervragen voor leefbare en veilige wijken"

[taxonomies]
  theme = "themes"
  audience = "audiences"
  type = "types"

[services.rss]
  limit = 50

[markup.goldmark.renderer]
  unsafe = false

[markup.goldmark.parser]
  autoHeadingID = true
  autoHeadingIDType = "github"
"""

MENU = [
    ("Thema's", "/themes/", 1), ("Leeraanbod", "/leeraanbod/", 2), ("Publicaties", "/publicaties/", 3),
    ("Praktijkvoorbeelden", "/praktijkvoorbeelden/", 4), ("Leervragen", "/leervragen/", 5),
    ("Leerkringen", "/leerkringen/", 6),
]

SECTION_TITLES = {
    "leeraanbod": "Leeraanbod", "publicaties": "Publicaties", "praktijkvoorbeelden": "Praktijkvoorbeelden",
    "leervragen": "Leervragen", "lacunes": "Lacunes", "leerkringen": "Leerkringen", "interventies": "Interventies",
    "organisaties": "Organisaties", "personen": "Personen", "focusgebieden": "Focusgebieden", "paginas": "Pagina's",
}

LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . | truncate 160 }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<a class="skip" href="#inhoud">Naar de inhoud</a>
<p class="banner">Benchmarkinhoud: gegenereerd, niet echt.</p>
<header><a class="logo" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav aria-label="Hoofdmenu"><ul>{{ $cur := . }}{{ range .Site.Menus.main }}<li><a href="{{ .URL | relURL }}"{{ if $cur.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>{{ end }}</ul></nav>
</header>
<main id="inhoud">{{ block "main" . }}{{ end }}</main>
<footer><ul>{{ range .Site.Menus.footer }}<li><a href="{{ .URL | relURL }}">{{ .Name }}</a></li>{{ end }}</ul></footer>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<nav class="crumbs" aria-label="Kruimelpad"><a href="{{ "/" | relURL }}">Home</a>{{ with .Parent }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
{{ with .Params.details }}<dl class="details">{{ range . }}<dt>{{ .label }}</dt><dd>{{ .value }}</dd>{{ end }}</dl>{{ end }}
{{ with .Params.links }}<dl class="refs">{{ range . }}<dt>{{ .label }}</dt><dd><a href="{{ .url | relURL }}">{{ .text }}</a></dd>{{ end }}</dl>{{ end }}
<div class="body">{{ .Content }}</div>
{{ $p := . }}{{ range $name, $_ := .Site.Taxonomies }}{{ with $p.GetTerms $name }}<section class="terms"><h2>{{ $name | humanize }}</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></section>{{ end }}{{ end }}
{{ if not .Date.IsZero }}<p class="meta">Gepubliceerd op <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>{{ end }}
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<nav class="crumbs" aria-label="Kruimelpad"><a href="{{ "/" | relURL }}">Home</a></nav>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
{{ with .Params.links }}<dl class="refs">{{ range . }}<dt>{{ .label }}</dt><dd><a href="{{ .url | relURL }}">{{ .text }}</a></dd>{{ end }}</dl>{{ end }}
{{ .Content }}
{{ $pag := .Paginate .Pages }}
<p class="count">{{ len .Pages }} items</p>
<ul class="cards">{{ range $pag.Pages }}{{ partial "card.html" . }}{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
""",
    "_default/term.html": None,  # the same as list.html, set below
    "_default/taxonomy.html": """\
{{ define "main" }}
<nav class="crumbs" aria-label="Kruimelpad"><a href="{{ "/" | relURL }}">Home</a></nav>
<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<p class="lead">{{ .Site.Params.description }}</p>
{{ range .Site.Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><ul class="cards">{{ range first 3 .Pages }}{{ partial "card.html" . }}{{ end }}</ul></section>{{ end }}
<section><h2>Nieuw</h2><ul class="cards">{{ range first 10 .Site.RegularPages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}</ul></section>
{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>Pagina niet gevonden</h1><p><a href="{{ "/" | relURL }}">Naar de homepage</a></p>{{ end }}
""",
    "partials/card.html": """\
<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}{{ if not .Date.IsZero }}<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>{{ end }}</li>
""",
}

# A term page (`/themes/<slug>/`) is a list of the term's pages, like a section.
LAYOUTS["_default/term.html"] = LAYOUTS["_default/list.html"]

CSS = """\
body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:0 1rem;line-height:1.5}
.banner{background:#fff3cd;padding:.5rem}.cards{list-style:none;padding:0}.card{border-bottom:1px solid #ddd}
.details,.refs{display:grid;grid-template-columns:12rem 1fr}.skip{position:absolute;left:-999px}
"""

LINK = re.compile(r"\]\(\.\./([a-z]+)/([a-z0-9-]+)\.md(#[a-z0-9-]+)?\)")


def q(s):
    return json.dumps(s, ensure_ascii=False)


class HugoSite:
    def __init__(self, out, folders):
        self.out = out
        self.folders = folders
        if os.path.exists(out):
            shutil.rmtree(out)
        self.content = os.path.join(out, "content")
        for folder in folders.values():
            if folder != "themas":
                os.makedirs(os.path.join(self.content, folder))
        os.makedirs(os.path.join(self.content, "themes"))

    def url(self, it):
        if it.kind == "theme":
            return f"/themes/{it.slug}/"
        if it.kind == "page":
            return f"/{it.slug}/"
        return f"/{self.folders[it.kind]}/{it.slug}/"

    def link(self, m):
        folder, slug, anchor = m.group(1), m.group(2), m.group(3) or ""
        path = f"/themes/{slug}/" if folder == "themas" else f"/{folder}/{slug}/"
        return f"]({path}{anchor})"

    def page(self, it, extra):
        fm = [f"title: {q(it.title)}"]
        if extra["summary"]:
            fm.append(f"summary: {q(extra['summary'])}")
        if extra["pub"]:
            fm.append(f"date: {extra['pub'].isoformat()}")
        if it.hidden:
            fm.append("draft: true")
        if it.kind != "theme" and it.themes:
            fm.append("themes: [" + ", ".join(q(self.theme_slugs[t]) for t in it.themes) + "]")
        if extra["audiences"]:
            fm.append("audiences: [" + ", ".join(extra["audiences"]) + "]")
        if extra["types"]:
            fm.append("types: [" + ", ".join(extra["types"]) + "]")
        if it.kind == "page":
            fm.append(f"url: /{it.slug}/")
        if extra["details"]:
            fm.append("details:")
            fm += [f"  - {{label: {q(l)}, value: {q(v)}}}" for l, v in extra["details"]]
        refs = [(l, t) for l, t in extra["refs"] if not t.hidden]
        if refs:
            fm.append("links:")
            fm += [f"  - {{label: {q(l)}, text: {q(t.title)}, url: {q(self.url(t))}}}" for l, t in refs]
        text = "---\n" + "\n".join(fm) + "\n---\n" + LINK.sub(self.link, extra["body"])
        if it.kind == "theme":
            path = os.path.join(self.content, "themes", it.slug)
            os.mkdir(path)
            path = os.path.join(path, "_index.md")
        else:
            path = os.path.join(self.content, self.folders[it.kind], it.slug + ".md")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    def set_themes(self, themes):
        self.theme_slugs = [t.slug for t in themes]

    def finish(self, items, audiences, types):
        """Config, layouts, section and taxonomy index pages."""
        menu = "".join(f'\n[[menu.main]]\n  name = "{n}"\n  url = "{u}"\n  weight = {w}\n' for n, u, w in MENU)
        menu += "".join(
            f'\n[[menu.footer]]\n  name = "{p.title}"\n  url = "/{p.slug}/"\n  weight = {p.data["menu"]}\n'
            for p in items["page"])
        with open(os.path.join(self.out, "hugo.toml"), "w", encoding="utf-8") as f:
            f.write(CONFIG + menu)
        for name, text in LAYOUTS.items():
            path = os.path.join(self.out, "layouts", name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        os.makedirs(os.path.join(self.out, "static", "css"))
        with open(os.path.join(self.out, "static", "css", "style.css"), "w", encoding="utf-8") as f:
            f.write(CSS)
        indexes = [(os.path.join(self.content, folder, "_index.md"), title)
                   for folder, title in SECTION_TITLES.items()]
        indexes.append((os.path.join(self.content, "themes", "_index.md"), "Thema's"))
        for tax, values in (("audiences", audiences), ("types", types)):
            indexes.append((os.path.join(self.content, tax, "_index.md"), tax.capitalize()))
            for code, label in values:
                indexes.append((os.path.join(self.content, tax, code, "_index.md"), label))
        for path, title in indexes:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"---\ntitle: {q(title)}\n---\n")
