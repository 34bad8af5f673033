"""Builds the real content once per test session, with a base URL so feeds and the
sitemap are written. LEERNET_BIN points at the binary (default: the release build)."""

import os
import pathlib
import subprocess
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def site():
    binary = os.environ.get("LEERNET_BIN") or str(ROOT / os.environ.get("CARGO_TARGET_DIR", "target") / "release" / "leernet")
    out = pathlib.Path(tempfile.mkdtemp()) / "site"
    subprocess.run(
        [binary, "build", "--content", str(ROOT / "content"), "--out", str(out),
         "--now", "2026-11-28", "--base-url", "https://kennis.example.nl/"],
        check=True, capture_output=True,
    )
    return out
