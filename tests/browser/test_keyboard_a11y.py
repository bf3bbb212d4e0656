"""Keyboard, accessibility, languages, dark mode, phone width, print; nothing leaves the page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SMALL, act, open_page, paper_ids, ticked_ids
from tests.conftest import build_lists


def focused_paper(page):
    return page.evaluate("document.activeElement.closest('[data-paper-id]')?.dataset.paperId")


def test_keyboard_keys(page, small_url):
    page.context.route("https://example.org/**", lambda r: r.fulfill(body="ok"))
    open_page(page, small_url)
    ids = paper_ids(page)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("jx")  # typing in the search box is only typing
    assert page.locator("#q").input_value() == "jx"
    assert ticked_ids(page) == [ids[1]]
    page.locator("#q").fill("")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    assert focused_paper(page) == ids[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert focused_paper(page) == ids[2]
    page.keyboard.press("k")
    assert focused_paper(page) == ids[1]
    page.keyboard.press("x")
    assert ticked_ids(page) == []
    page.keyboard.press("k")
    page.keyboard.press("x")
    assert ticked_ids(page) == [ids[0]]
    with page.context.expect_page() as popup:
        page.keyboard.press("o")
    assert popup.value.url == "https://example.org/1"
    popup.value.close()
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    assert "Next paper" in page.locator("#help").inner_text()
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()
    assert page.console_errors == []


def test_every_control_is_labelled_and_axe_finds_no_violations(browser, shipped_url):
    for scheme in ("light", "dark"):
        ctx = browser.new_context(color_scheme=scheme)
        page = ctx.new_page()
        open_page(page, shipped_url)
        page.locator("[data-paper-id] input[type=checkbox]").nth(1).check()
        page.locator("details").first.evaluate("d => d.open = true")
        page.locator("input[type=search]").fill("vision")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.keyboard.press("Escape")
        page.locator("body").press("?")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        ctx.close()


def test_nothing_leaves_the_page_and_no_script_errors(page, shipped_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, shipped_url)
    page.locator("input[type=search]").fill("robot")
    page.locator("[data-paper-id]:not(.out) input[type=checkbox]").first.check()
    page.locator("[data-paper-id]:not(.out) summary").first.click()
    with page.expect_download():
        act(page, "download-csv")
    page.keyboard.press("?")
    page.keyboard.press("Escape")
    outside = [u for u in requests if u != shipped_url and not u.startswith("blob:")]
    assert outside == []
    assert page.console_errors == []


def test_phone_width_has_no_sideways_scrolling(browser, shipped_url):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = ctx.new_page()
    open_page(page, shipped_url)
    for details in page.locator("details").all()[:10]:
        details.evaluate("d => d.open = true")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("[data-action=untick-matching]").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ctx.close()


@pytest.mark.parametrize(
    ("setting", "locale", "want"),
    [
        ("auto", "zh-CN", "zh-CN"),
        ("auto", "en-US", "en"),
        ("zh-CN", "en-US", "zh-CN"),
        ("en", "zh-CN", "en"),
    ],
)
def test_language_follows_config_or_browser(browser, tmp_path, setting, locale, want):
    config = f"language: {setting}\nlists:\n  - file: small.md\n"
    site = build_lists(tmp_path, {"small.md": SMALL}, config)
    ctx = browser.new_context(locale=locale)
    page = ctx.new_page()
    open_page(page, (site / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == want
    count = page.locator("#count").inner_text()
    csv_button = page.locator('[data-action="download-csv"]').text_content()
    if want == "zh-CN":
        assert (count, csv_button) == ("已勾选 1 / 3 篇", "下载 CSV")
        assert page.locator(".paper summary").first.inner_text() == "摘要"
    else:
        assert (count, csv_button) == ("1 of 3 ticked", "Download CSV")
    ctx.close()


def test_print_lists_the_ticked_papers(page, small_url):
    open_page(page, small_url)
    ids = paper_ids(page)
    page.locator(f'[data-paper-id="{ids[2]}"] input[type=checkbox]').check()
    page.locator("input[type=search]").fill("language")  # hides paper 3 on screen ...
    page.emulate_media(media="print")
    shown = [i for i in ids if page.locator(f'[data-paper-id="{i}"]').is_visible()]
    assert shown == [ids[1], ids[2]]  # ... but print lists every ticked paper
    assert not page.locator("#toolbar").is_visible()
    assert not page.locator("input[type=checkbox]").first.is_visible()
