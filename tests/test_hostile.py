"""Hostile lists: in a real browser nothing runs, nothing loads, everything shows as text."""

from __future__ import annotations

import shutil

from generator.cli import main

from .conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"


def build_fixture(project, name: str) -> str:
    shutil.copy(HOSTILE / name, project)
    assert main(["build", name, "-o", "out"]) == 0
    return (project / "out" / "index.html").as_uri()


def test_hostile_list_runs_no_script_and_shows_markup_as_text(project, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    url = build_fixture(project, "hostile.md")
    page.goto(url)
    page.wait_for_load_state("load")
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    page.locator(".paper").first.hover()
    page.keyboard.press("Tab")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert requests == [url]

    titles = page.locator(".paper .title").all_inner_texts()
    assert titles[0] == "<script>window.__pwned='title'</script> Script title"
    assert titles[1].startswith("</script><script>")
    assert page.locator("h1").inner_text() == "Hostile <b>list</b> </script>"
    assert page.locator(".paper img, .paper svg, .paper iframe, .paper script").count() == 0
    live_scripts = page.eval_on_selector_all(
        "script",
        "ss => ss.filter(s => s.type !== 'application/json')"
        " .filter(s => s.textContent.includes('__pwned')).length",
    )
    assert live_scripts == 0
    hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    assert all(h.startswith(("https://", "http://")) or "#" in h for h in hrefs), hrefs
    body = page.locator("main").inner_text()
    assert "javascript:window.__pwned='code'" in body
    assert "[click](javascript:window.__pwned='md')" in body
    assert "\u2028" in page.locator(".paper .abstract").nth(3).text_content()
    assert "\u202e" in page.locator(".paper .title").nth(3).text_content()


def test_tex_cannot_smuggle_markup_or_links_into_mathml(project, page):
    page.goto(build_fixture(project, "hostile.md"))
    math = page.locator(".paper").nth(2).locator("math")
    assert math.count() >= 1
    assert page.locator(".paper math [href], .paper math img").count() == 0
    assert "<img\xa0src=x" in page.locator(".paper").nth(2).locator(".abstract").text_content()


def test_page_has_a_content_security_policy_that_blocks_inline_script(project, page):
    page.goto(build_fixture(project, "hostile.md"))
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp
    # Markup that slipped through could still not run: an injected inline script is refused.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__pwned = "csp"'; document.body.append(s); }""")
    assert page.evaluate("window.__pwned") is None


def test_ten_thousand_character_title_and_megabyte_abstract_build_and_show(project, page):
    page.goto(build_fixture(project, "huge.md"))
    assert page.locator(".paper").count() == 2
    assert len(page.locator(".paper .title").first.inner_text()) > 9000
    assert page.evaluate("window.__pwned") is None
