"""Triage in lists and exports: labels, notes and read marks read, written and configured."""

from __future__ import annotations

import csv
import io
import json

from generator.cli import main
from generator.columns import STANDARD_COLUMNS, TRIAGE_COLUMNS, default_columns
from generator.export import export_list, write_markdown
from generator.parser import parse_list
from generator.readers.model import Draft, assemble
from tests.conftest import build_lists

ENTRY = """## {n}. Paper {n}

- [{x}] Paper {n} | https://example.org/{n}

- **Link**: https://example.org/{n}

{extra}
---

"""


def triage_list(*extras: str, ticked: str = "x") -> str:
    """A list whose n-th paper carries the n-th block of extra lines."""
    body = "".join(ENTRY.format(n=i + 1, x=ticked, extra=e) for i, e in enumerate(extras))
    return "# Triage\n\n" + body


def test_the_shipped_reader_reads_label_note_and_read_fields():
    text = triage_list(
        "- **Label**: must-read\n\n- **Note**:   why:  it   grasps \n\n- **Read**: yes\n",
        "- **Read**: No\n\n- **Label**: maybe\n\n- **Label**: again\n",
        "- **Read**: 2024-05-01\n\n- **Authors**: A\n",
        "",
    )
    papers = parse_list(text, "t.md").papers
    assert [(p.label, p.note, p.read) for p in papers] == [
        ("must-read", "why: it grasps", "yes"),
        ("maybe", "", ""),
        ("", "", ""),
        ("", "", ""),
    ]
    # A second Label, or a Read that is neither yes nor no, stays an extra field: not lost.
    assert papers[1].fields == (("Label", "again"),)
    assert papers[2].fields == (("Read", "2024-05-01"), ("Authors", "A"))


def test_a_repeated_paper_keeps_the_triage_of_either_entry():
    link = "https://example.org/1"
    drafts = [
        Draft(line=1, title="P", link=link, label="maybe"),
        Draft(line=9, title="P", link=link, note="seen twice", read="yes", label="skip"),
    ]
    (paper,) = assemble(drafts, "t.md", merge_repeats=True).papers
    assert (paper.label, paper.note, paper.read) == ("maybe", "seen twice", "yes")


def test_markdown_export_writes_triage_that_reads_back_the_same():
    text = triage_list(
        '- **Label**: skip\n\n- **Note**: =1+1, "quoted" — 中文 & 50%\n\n- **Read**: yes\n',
        "- **Note**: only a note\n",
        "",
    )
    parsed = parse_list(text, "t.md")
    again = parse_list(write_markdown(parsed, [p.id for p in parsed.papers]), "again.md")
    assert [(p.label, p.note, p.read) for p in again.papers] == [
        (p.label, p.note, p.read) for p in parsed.papers
    ]
    assert write_markdown(again, [p.id for p in again.papers]) == write_markdown(
        parsed, [p.id for p in parsed.papers]
    )


def test_default_columns_gain_label_note_read_only_when_some_paper_has_triage():
    plain = parse_list(triage_list("", ""), "t.md").papers
    assert default_columns(plain) == list(STANDARD_COLUMNS)
    noted = parse_list(triage_list("", "- **Read**: yes\n"), "t.md").papers
    assert default_columns(noted) == [*STANDARD_COLUMNS, *TRIAGE_COLUMNS]


def test_csv_export_carries_label_note_and_read():
    text = triage_list('- **Label**: must-read\n\n- **Note**: a, "b"\n\n- **Read**: yes\n', "")
    data = export_list(parse_list(text, "t.md"), "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [(r["Label"], r["Note"], r["Read"]) for r in rows] == [
        ("must-read", 'a, "b"', "yes"),
        ("", "", ""),
    ]


def test_bibtex_carries_the_note_only_when_asked():
    import bibtexparser

    text = triage_list("- **Note**: read § 3 & the {appendix}\n", "")
    parsed = parse_list(text, "t.md")
    assert b"note =" not in export_list(parsed, "bibtex")
    bib = export_list(parsed, "bibtex", notes=True).decode("utf-8")
    lib = bibtexparser.parse_string(bib)
    assert not lib.failed_blocks
    notes = [e.fields_dict["note"].value for e in lib.entries if "note" in e.fields_dict]
    assert notes == [r"read § 3 \& the \{appendix\}"]


def test_export_command_writes_notes_into_bibtex_when_asked(project, capsys):
    (project / "l.md").write_text(triage_list("- **Note**: my why\n"), encoding="utf-8")
    assert main(["export", "l.md", "-o", "-", "-f", "bibtex", "--notes"]) == 0
    assert "  note = {my why},\n" in capsys.readouterr().out
    assert main(["export", "l.md", "-o", "-", "-f", "bibtex"]) == 0
    assert "note" not in capsys.readouterr().out


def page_data(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    return json.loads(html.split('id="paperpick-data">', 1)[1].split("</script>", 1)[0])


def test_the_pages_cards_and_csv_columns_carry_the_lists_own_triage(project):
    text = triage_list("- **Label**: maybe\n\n- **Note**: n1 <b>&\n\n- **Read**: yes\n", "")
    site = build_lists(project, {"l.md": text})
    data = page_data(site)
    # the page adds the triage columns while some paper has triage (the reader may clear it)
    assert [name for name, _ in data["columns"]] == list(STANDARD_COLUMNS)
    assert [name for name, _ in data["triCols"]] == list(TRIAGE_COLUMNS)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-label="maybe" data-read>' in html
    assert '<p class="note" data-note>n1 &lt;b&gt;&amp;</p>' in html  # text, never HTML
    assert not {"label", "note", "read"} & set(data["papers"][0])  # the card says it once


def test_configured_columns_are_kept_as_they_are(project):
    config = "lists: [l.md]\ncolumns: [Title, Label, Note]\n"
    data = page_data(build_lists(project, {"l.md": triage_list("")}, config))
    assert data["columns"] == [["Title", "title"], ["Label", "label"], ["Note", "note"]]
    assert data["triCols"] == []


def test_config_labels_name_the_bar_and_the_filter_and_are_checked(project, capsys):
    site = build_lists(project, {"l.md": triage_list("")})
    html = (site / "index.html").read_text(encoding="utf-8")
    name = '<span data-i18n="label:must-read">must-read</span>'
    assert f'data-value="must-read"><kbd>1</kbd> {name}' in html
    assert '<option value="maybe" data-i18n="label:maybe">maybe</option>' in html
    config = "lists: [l.md]\nlabels: [to read, 'C++', done]\n"
    site = build_lists(project, {"l.md": triage_list("")}, config)
    html = (site / "index.html").read_text("utf-8")
    assert 'data-value="C++"><kbd>2</kbd> C++</button>' in html
    assert '<option value="done">done</option>' in html
    bad_ones = ["must-read", "[a, a]", "['a,b']", "[' a']", str(list("abcdefghij")), "[]"]
    for bad in (f"labels: {b}" for b in bad_ones):
        (project / "config.yml").write_text(f"lists: [l.md]\n{bad}\n", encoding="utf-8")
        assert main(["build"]) == 1, bad
        assert "config.yml:2: 'labels'" in capsys.readouterr().err
