"""RELIABILITY D26 in the machine-readable outputs, read by real parsers: the payload tree
(tests/fixtures/payloads: a script payload in every free-text field) built with a base URL;
every Atom title and summary, every iCalendar summary and location, the sitemap and the
open data hold the text exactly as written, escaped once, never as markup."""

import json
import os
import pathlib
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAYLOAD = '"><script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


@pytest.fixture(scope="module")
def payload_site():
    binary = os.environ.get("LEERNET_BIN") or str(ROOT / os.environ.get("CARGO_TARGET_DIR", "target") / "release" / "leernet")
    out = pathlib.Path(tempfile.mkdtemp()) / "site"
    subprocess.run(
        [binary, "build", "--content", str(ROOT / "tests" / "fixtures" / "payloads" / "content"), "--out", str(out),
         "--now", "2026-01-15"],
        check=True, capture_output=True,
    )
    return out


def test_d26_atom_titles_and_summaries_hold_the_payload_as_text(payload_site):
    feeds = sorted(payload_site.rglob("feed.xml"))
    assert len(feeds) >= 5
    titles = set()
    for path in feeds:
        raw = path.read_bytes()
        assert b"<script" not in raw, path
        ET.fromstring(raw)  # well-formed XML
        parsed = feedparser.parse(raw, sanitize_html=False)
        assert not parsed.bozo, f"{path}: {parsed.bozo_exception}"
        assert parsed.feed.title.startswith(f"Wijkkennis {PAYLOAD}"), parsed.feed.title
        for e in parsed.entries:
            assert e.title_detail.type == "text/plain", e.title_detail
            assert PAYLOAD in e.title, e.title
            titles.add(e.title)
            if "summary" in e:
                assert PAYLOAD in e.summary, e.summary
    assert f"Bouwstenen {PAYLOAD}" in titles and f"Werkatelier {PAYLOAD}" in titles


def test_d26_icalendar_summaries_and_locations_hold_the_payload_as_text(payload_site):
    cal = icalendar.Calendar.from_ical((payload_site / "leerkringen" / "bijeenkomsten.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert events
    for e in events:
        assert PAYLOAD in str(e["SUMMARY"]), e["SUMMARY"]
    located = [e for e in events if "LOCATION" in e]
    assert located and all(PAYLOAD in str(e["LOCATION"]) for e in located)


def test_d26_sitemap_is_well_formed_and_holds_only_site_addresses(payload_site):
    root = ET.fromstring((payload_site / "sitemap.xml").read_bytes())
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) > 20
    assert all(loc.startswith("https://kennis.example.nl/") and "<" not in loc for loc in locs)


def test_d26_open_data_holds_the_text_as_written(payload_site):
    themes = json.loads((payload_site / "data" / "themas.json").read_text())
    assert any(t["title"] == f"Armoede {PAYLOAD}" for t in themes), [t["title"] for t in themes]
