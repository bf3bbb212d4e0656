"""The CSV download: bytes Excel and LibreOffice read, rows Python's csv module reads back."""

from __future__ import annotations

import csv
import io

from generator.parser import parse_list
from tests.browser.conftest import act, entry, open_page, paper_list
from tests.conftest import SHIPPED_LIST, build_lists

TRICKY = paper_list(
    "Tricky",
    [
        entry(1, 'Comma, "quotes" and 中文标题', "https://example.org/1", ticked=True,
              abstract="First paragraph.\n\nSecond, with \"quotes\".",
              extra=[("Authors", "Ana, Bo")]),
        entry(2, "Not picked", "https://example.org/2"),
        entry(3, '=HYPERLINK("http://evil.example","click")', "https://example.org/3", ticked=True),
        entry(4, "+1 plus", "https://example.org/4", ticked=True),
        entry(5, "-minus start", "https://example.org/5", ticked=True, extra=[("Code", "=cmd")]),
        entry(6, "@at start", "https://example.org/6", ticked=True),
        entry(7, "RoboMP$^2$: TeX in a title", "https://example.org/7", ticked=True,
              abstract="Holds $\\leq$ 10% and ``TeX quotes''."),
    ],
)  # fmt: skip


def download_csv(page):
    with page.expect_download() as info:
        act(page, "download-csv")
    return info.value.suggested_filename, info.value.path().read_bytes()


def test_csv_bytes_quoting_formula_guard_and_order(page, tmp_path):
    site = build_lists(tmp_path, {"tricky.md": TRICKY})
    open_page(page, (site / "index.html").as_uri())
    name, data = download_csv(page)
    assert name == "selected_tricky_papers.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert text.endswith("\r\n")
    lines = text.split("\r\n")
    assert lines[0] == "Title,Link,Conference,Year,Abstract,Authors,Code"
    assert lines[1].startswith('"Comma, ""quotes"" and 中文标题",https://example.org/1,ICML,2024,')
    assert '"\'=HYPERLINK(""http://evil.example"",""click"")"' in text
    assert "\r\n'+1 plus," in text and "\r\n'-minus start," in text and "\r\n'@at start," in text
    assert ",'=cmd\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Title", "Link", "Conference", "Year", "Abstract", "Authors", "Code"]
    assert [r[0] for r in rows[1:]] == [
        'Comma, "quotes" and 中文标题',
        '\'=HYPERLINK("http://evil.example","click")',
        "'+1 plus",
        "'-minus start",
        "'@at start",
        "RoboMP$^2$: TeX in a title",
    ]
    assert rows[1][4] == 'First paragraph.\n\nSecond, with "quotes".'
    assert rows[1][5] == "Ana, Bo"
    assert rows[6][4] == "Holds $\\leq$ 10% and ``TeX quotes''."
    assert all(len(r) == 7 for r in rows)
    # Titles read back are the titles the page shows (after the guard's quote, for TeX the source).
    shown = page.locator(".paper.on .title").all_inner_texts()
    assert [r[0].removeprefix("'") for r in rows[1:6]] == shown[:5]


def test_csv_of_the_shipped_list_carries_every_ticked_paper_from_the_source(page, shipped_url):
    open_page(page, shipped_url)
    page.locator('[data-action="tick-matching"]').click()
    assert page.locator("#count").inner_text() == "76 of 76 ticked"
    name, data = download_csv(page)
    assert name == "selected_icml2024_papers.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Title", "Link", "Conference", "Year", "Abstract"]
    papers = parse_list(SHIPPED_LIST.read_text(encoding="utf-8"), "x").papers
    assert rows[1:] == [[p.title, p.link, p.venue, p.year, p.abstract] for p in papers]


def test_csv_rows_follow_list_order_not_tick_order(page, shipped_url):
    open_page(page, shipped_url)
    boxes = page.locator("[data-paper-id] input[type=checkbox]")
    for i in (40, 3, 17):
        boxes.nth(i).check()
    titles = page.locator(".paper .title").all_text_contents()
    _, data = download_csv(page)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == [titles[3], titles[17], titles[40]]
