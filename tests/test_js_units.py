"""The page's JavaScript: node unit tests, eslint, the committed bundle, its size."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "theme" / "page.js"


def node_tool(name: str) -> Path:
    """Find a tool of package.json's devDependencies; skip off CI when npm ci was not run."""
    path = ROOT / "node_modules" / ".bin" / name
    if shutil.which("node") is None or not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"node or node_modules/.bin/{name} is missing: run 'npm ci'")
        pytest.skip(f"node or {name} is not installed (npm ci)")
    return path


def run(args: list[str | Path]) -> subprocess.CompletedProcess:
    """Run a command in the repository, capturing its output."""
    return subprocess.run(
        [str(a) for a in args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_page_logic_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    files = sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    assert files, "no JavaScript unit tests found"
    result = run([node, "--test", *files])
    assert result.returncode == 0, result.stdout + result.stderr


def test_eslint_is_clean():
    result = run([node_tool("eslint"), "--max-warnings", "0"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_committed_bundle_is_built_from_the_sources(tmp_path):
    """theme/page.js and theme/index.js are what 'npm run build' makes of theme/src/: users
    never need node."""
    node_tool("esbuild")  # and terser: the devDependencies are installed
    result = run(["node", ROOT / "scripts" / "bundle.mjs", tmp_path])
    assert result.returncode == 0, result.stderr
    for name in ("page.js", "index.js"):
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        assert fresh == (BUNDLE.parent / name).read_text(encoding="utf-8"), (
            f"theme/{name} is stale: run 'npm run build' and commit it"
        )


def inlined_code(html: str) -> str:
    """The text of a page's inline <style> and <script> elements, data blocks left out."""
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    scripts = [
        m.group(2)
        for m in re.finditer(r"<script([^>]*)>(.*?)</script>", html, re.S)
        if "application/json" not in m.group(1)
    ]
    return "".join(styles + scripts)


def test_the_pages_own_js_and_css_stay_under_20_kb_gzipped(tmp_path):
    """The shipped page's own JS and CSS, gzipped together, <= 20 KB with every feature."""
    out = tmp_path / "site"
    assert main(["build", "--config", str(ROOT / "config.yml"), "-o", str(out)]) == 0
    code = inlined_code((out / "index.html").read_text(encoding="utf-8"))
    assert "paperpick:v1:" in code and BUNDLE.read_text(encoding="utf-8").strip() in code
    assert '"papers":[' not in code  # and not the data
    size = len(gzip.compress(code.encode("utf-8"), compresslevel=9))
    print(f"page JS + CSS: {size} bytes gzipped")
    assert size <= 20 * 1024, size


def test_every_key_page_js_names_by_number_reaches_the_page(tmp_path):
    """page.js names the strings its modules say as t('key') by their place in
    theme/page-keys.json (scripts/bundle.mjs writes both): the page's data hands that list
    over, and each key in it has its text in every language the page speaks."""
    node_tool("esbuild")
    result = run(["node", ROOT / "scripts" / "bundle.mjs", tmp_path])
    assert result.returncode == 0, result.stderr
    names = json.loads((BUNDLE.parent / "page-keys.json").read_text(encoding="utf-8"))
    fresh = json.loads((tmp_path / "page-keys.json").read_text(encoding="utf-8"))
    assert fresh == names, "theme/page-keys.json is stale: run 'npm run build' and commit it"
    modules = [f for f in (BUNDLE.parent / "src").glob("*.js") if f.name != "index-page.js"]
    said = r"\bt\((?:[\w.]+ \? '([\w:-]+)' : )?'([\w:-]+)'"  # t('key'), t(x ? 'key' : 'key')
    named = {k for f in modules for m in re.findall(said, f.read_text("utf-8")) for k in m if k}
    assert {"undo", "tickedN", "untickedN"} <= named <= set(names)
    out = tmp_path / "site"
    assert main(["build", "--config", str(ROOT / "config.yml"), "-o", str(out)]) == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="paperpick-data">(.*?)</', html, re.S)
    data = json.loads(found.group(1))
    assert data["keys"] == names
    for lang, table in data["strings"].items():
        assert [k for k in names if not table.get(k)] == [], lang
