"""Run the page's pure JavaScript unit tests (tests/js/) with node's built-in test runner."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_page_logic_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    files = sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    assert files, "no JavaScript unit tests found"
    result = subprocess.run(
        [node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pages_own_js_and_css_stay_under_10_kb_gzipped():
    """The page's core (style, core, i18n, app) leaves 5 KB of the 15 KB budget for the rest."""
    theme = ROOT / "theme"
    parts = [theme / "style.css"] + [theme / "js" / n for n in ("core.js", "i18n.js", "app.js")]
    joined = b"".join(p.read_bytes() for p in parts)
    assert len(gzip.compress(joined, compresslevel=9)) <= 10 * 1024
