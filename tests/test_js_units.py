"""Run the page's pure JavaScript unit tests (tests/js/) with node's built-in test runner."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

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


def inlined_code(html: str) -> str:
    """The text of a page's inline <style> and <script> elements, data blocks left out."""
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    scripts = [
        m.group(2)
        for m in re.finditer(r"<script([^>]*)>(.*?)</script>", html, re.S)
        if "application/json" not in m.group(1)
    ]
    return "".join(styles + scripts)


def test_the_pages_own_js_and_css_stay_under_15_kb_gzipped(tmp_path):
    """Issues 3, 4 and 6: the shipped page's own JS and CSS, gzipped together, <= 15 KB."""
    out = tmp_path / "site"
    assert main(["build", "--config", str(ROOT / "config.yml"), "-o", str(out)]) == 0
    code = inlined_code((out / "index.html").read_text(encoding="utf-8"))
    assert "paperpick:v1:" in code and "PaperpickShare" in code  # the scripts, all of them
    assert '"papers"' not in code  # and not the data
    size = len(gzip.compress(code.encode("utf-8"), compresslevel=9))
    print(f"page JS + CSS: {size} bytes gzipped")
    assert size <= 15 * 1024, size
