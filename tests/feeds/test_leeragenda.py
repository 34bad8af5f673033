"""The learning agenda, recomputed independently: this reads the content's front matter
with PyYAML (not leernet's reader), applies the rules as the README documents them, and
compares every number with the HTML table on /leeragenda/ and with data/leeragenda.json."""

import datetime
import html.parser
import json
import re
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOW = datetime.date(2026, 11, 28)
MEASURES = ["vragen", "open_vragen", "lopend_aanbod", "domeinoverstijgend_aanbod", "publicaties",
            "erkende_interventies", "leerkringen"]


def as_date(v):
    if isinstance(v, datetime.datetime):
        return v.date()
    if isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat(str(v)[:10])


def load():
    items = {}
    for path in sorted((ROOT / "content").glob("*/*.md")):
        text = path.read_text(encoding="utf-8-sig")
        front = text.split("---\n", 2)[1]
        items[(path.parent.name, path.stem)] = yaml.safe_load(front)
    return items


def published(folder, fm):
    if fm.get("draft"):
        return False
    if "published" in fm and as_date(fm["published"]) > NOW:
        return False
    if folder == "personen" and not fm.get("public"):
        return False
    if folder == "leervragen" and fm.get("source") == "coordinatiepunt" and fm.get("consent") is not True:
        return False
    return True


def recompute():
    items = {k: v for k, v in load().items() if published(k[0], v)}
    themes = {slug: fm for (folder, slug), fm in items.items() if folder == "themas"}

    def closure(t):
        out = {t}
        while True:
            more = {s for s, fm in themes.items() if fm.get("parent") in out} - out
            if not more:
                return out
            out |= more

    def themes_of(folder, fm):
        return {fm["theme"]} if folder == "leerkringen" else set(fm.get("themes") or [])

    def current_offer(fm):
        return not ("end" in fm and as_date(fm["end"]) < NOW)

    def recognised(fm):
        level = fm["recognition_level"]
        if level == "niet-beoordeeld":
            return False
        if "recognition_date" not in fm:
            return True
        years = 3 if level == "goed-beschreven" else 5
        d = as_date(fm["recognition_date"])
        return d.replace(year=d.year + years) >= NOW

    tests = {
        "vragen": lambda f, fm: f == "leervragen",
        "open_vragen": lambda f, fm: f == "leervragen" and fm["status"] not in ("gekoppeld", "gesloten"),
        "lopend_aanbod": lambda f, fm: f == "leeraanbod" and current_offer(fm),
        "domeinoverstijgend_aanbod": lambda f, fm: f == "leeraanbod" and current_offer(fm) and fm.get("cross_domain") is True,
        "publicaties": lambda f, fm: f == "publicaties",
        "erkende_interventies": lambda f, fm: f == "interventies" and recognised(fm),
        "leerkringen": lambda f, fm: f == "leerkringen",
    }
    counts = {}
    for t in themes:
        c = closure(t)
        on = [(f, fm) for (f, _), fm in items.items() if themes_of(f, fm) & c]
        counts[t] = {m: sum(1 for f, fm in on if tests[m](f, fm)) for m in MEASURES}
    return counts


class TableReader(html.parser.HTMLParser):
    """Rows of the agenda table: theme link target slug, then the cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self.row, self.in_cell, self.text = [], None, False, ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.row = []
        elif tag == "th" and a.get("scope") == "row":
            self.row_theme = None
        elif tag == "a" and self.row is not None and not self.row and "themas/" in a.get("href", "") and getattr(self, "row_theme", "x") is None:
            self.row_theme = a["href"].split("themas/")[1].split("/")[0]
        elif tag == "td":
            self.in_cell, self.text = True, ""

    def handle_endtag(self, tag):
        if tag == "td":
            self.row.append(int(self.text.strip()))
            self.in_cell = False
        elif tag == "tr" and self.row:
            self.rows.append((self.row_theme, self.row))
            self.row = None

    def handle_data(self, data):
        if self.in_cell:
            self.text += data


def test_every_number_of_the_agenda_matches_an_independent_count(site):
    expected = recompute()
    reader = TableReader()
    reader.feed((site / "leeragenda" / "index.html").read_text())
    table = dict(reader.rows)
    assert set(table) == set(expected), "one row per published theme"
    exported = {r["slug"]: r for r in json.loads((site / "data" / "leeragenda.json").read_text())["per_thema"]}
    for slug, want in expected.items():
        assert table[slug] == [want[m] for m in MEASURES], f"{slug}: table {table[slug]} != {want}"
        assert [exported[slug][m] for m in MEASURES] == [want[m] for m in MEASURES], slug
        signal = want["open_vragen"] > 0 and want["domeinoverstijgend_aanbod"] == 0
        assert (exported[slug]["mogelijke_lacune"] is not None) == signal, slug


def test_every_number_links_to_a_list_of_exactly_that_many_items(site):
    reader = TableReader()
    page = (site / "leeragenda" / "index.html").read_text()
    reader.feed(page)
    for slug, cells in reader.rows:
        for measure, count in zip(MEASURES, cells):
            target = site / "leeragenda" / slug / measure.replace("_", "-") / "index.html"
            if count == 0:
                assert not target.exists()
                continue
            text = target.read_text()
            assert f"{count} {'resultaat' if count == 1 else 'resultaten'}" in text, target
            # Long lists are paginated: follow rel="next" and count the cards of every page.
            cards, page = 0, target
            while True:
                text = page.read_text()
                cards += text.count('<li class="card">')
                nxt = re.search(r'<a href="([^"]+)" rel="next"', text)
                if not nxt:
                    break
                page = (page.parent / nxt.group(1)).resolve()
            assert cards == count, target


def test_csv_exports_agree_with_the_json(site):
    import csv
    rows = list(csv.DictReader((site / "data" / "leeragenda-per-thema.csv").open(newline="", encoding="utf-8")))
    exported = json.loads((site / "data" / "leeragenda.json").read_text())
    assert [r["slug"] for r in rows] == [r["slug"] for r in exported["per_thema"]]
    for r, j in zip(rows, exported["per_thema"]):
        assert all(int(r[m]) == j[m] for m in MEASURES)
    focus = list(csv.DictReader((site / "data" / "leeragenda-per-focusgebied.csv").open(newline="", encoding="utf-8")))
    assert len(focus) == 20
    audience = list(csv.DictReader((site / "data" / "leeragenda-per-thema-en-doelgroep.csv").open(newline="", encoding="utf-8")))
    assert audience and all(int(r["leervragen"]) + int(r["lopend_aanbod"]) > 0 for r in audience)
