"""Feeds, calendars, sitemaps, open data and checksums of a real build, read by real
parsers: feedparser (Atom), icalendar (RFC 5545), jsonschema (open data against its
schema). The site is built by conftest.py from the real content with a base URL."""

import hashlib
import json
import pathlib
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import jsonschema


def test_every_feed_parses_as_atom_with_absolute_links(site):
    feeds = sorted(site.rglob("feed.xml"))
    # Site-wide, per type, per theme and per organisation.
    assert (site / "feed.xml") in feeds
    assert (site / "leeraanbod" / "feed.xml") in feeds
    assert any(p.parent.parent.name == "themas" for p in feeds)
    assert any(p.parent.parent.name == "organisaties" for p in feeds)
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.bozo_exception}"
        assert parsed.version == "atom10", path
        assert parsed.entries, path
        for e in parsed.entries:
            assert e.link.startswith("https://kennis.example.nl/"), e.link
            assert e.id == e.link
            assert e.title and e.updated_parsed
            target = site / e.link.removeprefix("https://kennis.example.nl/") / "index.html"
            assert target.is_file(), f"{path}: entry {e.link} has no page"


def test_feeds_hold_no_unpublished_items(site):
    text = "".join(p.read_text() for p in site.rglob("feed.xml"))
    for held_back in ["zomerschool-wijkaanpak", "concept-handreiking-buurtbudgetten", "jaarbeeld-leerkringen-2026", "sanne-jansen"]:
        assert held_back not in text


def test_calendars_parse_with_stable_uids_and_amsterdam_times(site):
    cals = sorted(site.rglob("*.ics"))
    assert (site / "leerkringen" / "bijeenkomsten.ics") in cals
    assert len(cals) >= 6  # all sessions, and one per circle
    all_events = icalendar.Calendar.from_ical((site / "leerkringen" / "bijeenkomsten.ics").read_bytes()).walk("VEVENT")
    uids = [str(e["UID"]) for e in all_events]
    assert len(uids) == len(set(uids)), "UIDs must be unique"
    per_circle = set()
    for path in cals:
        raw = path.read_bytes()
        assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n")), path
        cal = icalendar.Calendar.from_ical(raw)
        assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
        for e in cal.walk("VEVENT"):
            start = e.decoded("DTSTART")
            if hasattr(start, "tzinfo") and start.tzinfo is not None:
                assert "Amsterdam" in str(start.tzinfo), start.tzinfo
            assert str(e["STATUS"]) in {"CONFIRMED", "CANCELLED", "TENTATIVE"}
            if path.name == "bijeenkomsten.ics" and path.parent.name != "leerkringen":
                per_circle.add(str(e["UID"]))
    assert per_circle == set(uids), "the per-circle calendars together hold every session"
    statuses = {str(e["STATUS"]) for e in all_events}
    assert "CANCELLED" in statuses, "the content has a cancelled session"


def test_open_data_validates_against_its_schema(site):
    data = sorted((site / "data").glob("*.json"))
    names = {p.name for p in data}
    for folder in ["themas", "leeraanbod", "publicaties", "praktijkvoorbeelden", "leervragen", "lacunes",
                   "leerkringen", "interventies", "organisaties", "personen", "focusgebieden", "paginas"]:
        assert f"{folder}.json" in names and f"{folder}.schema.json" in names
        items = json.loads((site / "data" / f"{folder}.json").read_text())
        schema = json.loads((site / "data" / f"{folder}.schema.json").read_text())
        jsonschema.Draft7Validator.check_schema(schema)
        jsonschema.validate(items, schema)
        assert items, folder
        for item in items:
            assert (site / item["url"].removeprefix("https://kennis.example.nl/") / "index.html").is_file()
    people = json.loads((site / "data" / "personen.json").read_text())
    assert all(p["public"] for p in people), "private persons are not open data"


def test_sitemap_and_robots(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [u.find("s:loc", ns).text for u in root.findall("s:url", ns)]
    assert "https://kennis.example.nl/" in locs
    assert len(locs) == len(set(locs)) > 200
    for loc in locs:
        assert (site / loc.removeprefix("https://kennis.example.nl/") / "index.html").is_file(), loc
    assert "Sitemap: https://kennis.example.nl/sitemap.xml" in (site / "robots.txt").read_text()


def test_checksums_cover_every_file(site):
    listed = {}
    for line in (site / "SHA256SUMS").read_text().splitlines():
        digest, path = line.split("  ", 1)
        listed[path] = digest
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert set(listed) == files - {"SHA256SUMS", ".leernet-output"}
    for path, digest in listed.items():
        assert hashlib.sha256((site / path).read_bytes()).hexdigest() == digest, path
