"""Storage refused, full or corrupt: the page says so, keeps working, and loses nothing."""

from __future__ import annotations

import csv
import io
import json

from tests.browser.conftest import open_page, paper_ids, reload, stored, ticked_ids

REFUSE = """Object.defineProperty(window, 'localStorage', {configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});"""
FULL = """Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"""


def test_storage_refused_says_so_keeps_working_and_offers_the_csv(page, small_url):
    page.add_init_script(REFUSE)
    open_page(page, small_url)
    notices = page.locator("#notices")
    assert "refuses to store ticks" in notices.inner_text()
    ids = paper_ids(page)
    assert ticked_ids(page) == [ids[1]]  # [x] papers still start ticked
    page.locator(f'[data-paper-id="{ids[0]}"] input[type=checkbox]').check()
    assert page.locator("#count").inner_text() == "2 of 3 ticked"
    with page.expect_download() as info:
        notices.locator('[data-action="download-csv-notice"]').click()
    rows = list(csv.reader(io.StringIO(info.value.path().read_text("utf-8-sig"), newline="")))
    assert [r[1] for r in rows[1:]] == ["https://example.org/1", "https://example.org/2"]
    assert page.console_errors == []


def test_storage_full_says_so_and_keeps_ticks_in_memory(page, small_url):
    page.add_init_script(FULL)
    open_page(page, small_url)
    assert page.locator("#notices").inner_text() == ""
    ids = paper_ids(page)
    page.locator(f'[data-paper-id="{ids[2]}"] input[type=checkbox]').check()
    assert "storage is full" in page.locator("#notices").inner_text()
    assert ticked_ids(page) == [ids[1], ids[2]]
    page.locator(f'[data-paper-id="{ids[0]}"] input[type=checkbox]').check()
    assert ticked_ids(page) == ids
    assert page.locator("#count").inner_text() == "3 of 3 ticked"
    assert page.console_errors == []


def test_corrupt_stored_ticks_are_set_aside_not_thrown_away(page, small_url):
    open_page(page, small_url)
    page.evaluate("localStorage.setItem('paperpick:v1:small', '{\"v\":1,\"ticked\":[broken')")
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    text = page.locator("#notices").inner_text()
    assert "could not be read" in text and "paperpick:v1:small:corrupt:" in text
    aside = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('paperpick:v1:small:corrupt:'))"
    )
    assert len(aside) == 1
    assert page.evaluate(f"localStorage.getItem('{aside[0]}')") == '{"v":1,"ticked":[broken'
    ids = paper_ids(page)
    assert ticked_ids(page) == [ids[1]]  # started afresh from the list's [x]
    page.locator(f'[data-paper-id="{ids[0]}"] input[type=checkbox]').check()
    assert json.loads(stored(page, "small"))["ticked"] == [ids[1], ids[0]]
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert "could not be read" not in page.locator("#notices").inner_text()
    assert ticked_ids(page) == [ids[0], ids[1]]
    assert page.console_errors == []
