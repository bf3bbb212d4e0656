"""Team picks in Python: the tally's CSV and the agenda (shared vectors), and the command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from generator.cli import main
from generator.codec import PlanEntry
from generator.columns import extra_field_names, page_columns, team_columns
from generator.parser import Paper
from generator.team import (
    Ballot,
    agenda_ics,
    agenda_markdown,
    file_ballot_name,
    tally_rows,
    write_team_csv,
)
from tests.conftest import FIXTURES, SHIPPED_LIST, build_lists

VECTORS = sorted((FIXTURES / "team").glob("*.json"))


def load(path: Path):
    """Read a team vector: the vector, its papers, ballots and plan."""
    vec = json.loads(path.read_text(encoding="utf-8"))
    papers = [
        Paper(
            p["id"],
            p["title"],
            p["link"],
            p["venue"],
            p["year"],
            p["abstract"],
            tuple(tuple(f) for f in p["fields"]),
            p["ticked"],
            0,
        )
        for p in vec["papers"]
    ]
    ballots = [Ballot(b["name"], tuple(b["ids"])) for b in vec["ballots"]]
    plan = {k: PlanEntry(v["who"], v["at"]) for k, v in vec["plan"].items()}
    return vec, papers, ballots, plan


def outputs(vec, papers, ballots, plan) -> dict[str, bytes]:
    fields = extra_field_names(papers)
    columns = team_columns(vec["columns"])
    every = tally_rows(papers, ballots, plan, every=True)
    title, slug = vec["list"]["title"], vec["list"]["slug"]
    return {
        "csv": write_team_csv(tally_rows(papers, ballots, plan), columns, fields),
        "md": agenda_markdown(title, every).encode("utf-8"),
        "ics": agenda_ics(title, slug, every, vec["stamp"]).encode("utf-8"),
    }


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_the_tally_and_agenda_match_the_shared_vectors(path):
    """The same bytes as the page's team.js (tests/js/team.test.js reads these vectors too)."""
    vec, papers, ballots, plan = load(path)
    # The build hands the page the tally CSV's columns as [name, key] pairs.
    cols = page_columns(team_columns(vec["columns"]), extra_field_names(papers))
    assert cols == vec["team_columns"]
    got = outputs(vec, papers, ballots, plan)
    for kind in ("csv", "md", "ics"):
        assert got[kind] == vec[kind].encode("utf-8"), kind


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_the_calendar_reads_back_with_icalendar(path):
    vec, papers, ballots, plan = load(path)
    ics = outputs(vec, papers, ballots, plan)["ics"]
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))
    assert b"\n" not in ics.replace(b"\r\n", b"")
    cal = Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    dated = {i: p for i, p in plan.items() if p.at}
    assert sorted(str(e["UID"]) for e in events) == sorted(
        f"{i}.{vec['list']['slug']}@paperpick" for i in dated
    )
    by_id = {p.id: p for p in papers}
    for event in events:
        paper_id = str(event["UID"]).split(".")[0]
        paper, entry = by_id[paper_id], dated[paper_id]
        assert str(event["SUMMARY"]) == paper.title
        assert event.decoded("DTSTART").isoformat()[:16] == entry.at
        description = str(event.get("DESCRIPTION", ""))
        assert paper.abstract.replace("\r\n", "\n").replace("\r", "\n") in description
        if entry.who:
            assert description.startswith("Presenter: " + entry.who.replace("\ud83d", "\ufffd"))
        assert str(event.get("URL", "")) == paper.link.replace(" ", "%20")  # a URI has no space


def test_a_later_export_keeps_the_uids_and_moves_the_event():
    vec, papers, ballots, plan = load(FIXTURES / "team" / "reading_group.json")
    first = Calendar.from_ical(outputs(vec, papers, ballots, plan)["ics"])
    moved = {**plan, "g3aaaaaa": PlanEntry("Bo", "2026-12-04T10:00")}
    again = Calendar.from_ical(outputs(vec, papers, ballots[:1], moved)["ics"])
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert sorted(uids) == sorted(str(e["UID"]) for e in again.walk("VEVENT"))
    event = next(e for e in again.walk("VEVENT") if str(e["UID"]).startswith("g3aaaaaa."))
    assert event.decoded("DTSTART").isoformat() == "2026-12-04T10:00:00"


def test_files_name_their_ballots_as_the_page_does():
    assert file_ballot_name("selected_icml2024_papers.csv") == "icml2024"
    assert file_ballot_name("Ana.md") == "Ana"
    assert file_ballot_name("bo.picks.csv") == "bo.picks"
    assert file_ballot_name("x" * 80 + ".csv") == "x" * 60


# --- paperpick export --team ---------------------------------------------------------------

LINKS = json.loads((FIXTURES / "links" / "links.json").read_text(encoding="utf-8"))
TEAM_LINK = "https://example.org/picks/#" + next(
    c["fragment"].lstrip("#") for c in LINKS["cases"] if c["about"].startswith("three ballots")
)
OLD_LINK = "https://example.org/picks/#s=KbuRyXEMGwWj3FlDcCN&by=Old%20Version"


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["export", str(SHIPPED_LIST), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_team_writes_the_tally_of_links_and_files(tmp_path, capsys):
    picks = tmp_path / "Dana.md"  # a ticked Markdown list: Dana's ballot, named after the file
    picks.write_text("## 1. Libra\n\n- [x] Libra | https://icml.cc/virtual/2024/poster/34554\n")
    out = tmp_path / "tally.csv"
    code, said, err = run(capsys, "--team", OLD_LINK, TEAM_LINK, str(picks), "-o", str(out))
    assert (code, err) == (0, "")
    assert said == f"exported the tally of 5 ballots to {out}\n"
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["Votes"] for r in rows] == ["3", "2", "2", "1", "1", "1", "1", "1"]
    assert [r["Pickers"] for r in rows[:2]] == ["Ana; Bo; Chen Wei", "Old Version; Ana"]
    assert rows[0]["Presenter"] == "Ana" and rows[0]["Date"] == "2026-12-03 15:00"
    assert rows[-1]["Title"].startswith("Libra")
    assert (rows[-1]["Pickers"], rows[-1]["Date"]) == ("Dana", "2027-01-14 09:30")


def test_export_team_tells_replaced_ballots_and_picks_of_another_list(tmp_path, capsys):
    later = tmp_path / "later.md"  # the shipped list without its first paper
    text = SHIPPED_LIST.read_text(encoding="utf-8")
    start, end = text.index("## 1."), text.index("## 2.")
    later.write_text(text[:start] + text[end:], encoding="utf-8")
    code, _, err = run(capsys, "--team", OLD_LINK, OLD_LINK, "-o", str(tmp_path / "x.csv"))
    assert code == 0
    assert err.startswith("warning: https://example.org/picks/#s=KbuRy") and err.count("\n") == 1
    assert err.endswith("...: replaces the earlier ballot of Old Version\n")  # the link, cut
    capsys.readouterr()
    assert main(["export", str(later), "--team", OLD_LINK, "-o", str(tmp_path / "y.csv")]) == 0
    err = capsys.readouterr().err
    assert err.endswith(": Old Version: 1 pick matches no paper of this list (an older list?)\n"), (
        err
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--team", OLD_LINK.replace("KbuR", "KbuS")], "the share link is damaged"),
        (["--team", TEAM_LINK[:-40]], "the team link is damaged"),
        (["--team", OLD_LINK.split("&")[0]], "names no sender; add &by=NAME"),
        (["--team", "https://example.org/#q=1"], "not a share link (#s=...) or a team link"),
        (["--team", "missing.csv"], "missing.csv: no such file, nor a link"),
        (["--team", str(SHIPPED_LIST.parent / "config.yml")], "not a CSV of this list"),
        (["--team", OLD_LINK, "-f", "bibtex"], "--team writes csv, ics or md"),
        (["-f", "ics"], "ics is a team's plan: give --team"),
        (["--team", OLD_LINK, "-o", "x.pdf"], "name a .csv, .md, .ics file"),
    ],
)
def test_export_team_mistakes_are_one_line(capsys, tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == 1
    assert err.startswith("error: ") and err.count("\n") == 1 and said in err, err
    assert list(tmp_path.iterdir()) == []


def test_export_team_stamp_and_help(capsys):
    code, _, err = run(capsys, "--team", OLD_LINK, "--stamp", "2026-12-03")
    assert code == 2 and "is not a UTC time like 20261203T150000Z" in err
    capsys.readouterr()
    assert main(["export", "--help"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "--team LINK_OR_FILE" in said and "--stamp YYYYMMDDTHHMMSSZ" in said
    assert "iCalendar" in said


def test_export_team_calendar_is_stamped_now_unless_told(tmp_path, capsys):
    out = tmp_path / "plan.ics"
    assert run(capsys, "--team", TEAM_LINK, "-o", str(out))[0] == 0
    stamp = Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0].decoded("DTSTAMP")
    assert stamp.tzinfo is not None and stamp.utcoffset().total_seconds() == 0
    assert run(capsys, "--team", TEAM_LINK, "-o", str(out), "--stamp", "20260101T000000Z")[0] == 0
    assert b"DTSTAMP:20260101T000000Z\r\n" in out.read_bytes()


def test_team_columns_are_columns_of_the_config_and_reach_the_page(tmp_path):
    """`columns:` takes the team's columns; a list's own Date field keeps its column."""
    listed = "# L\n\n## 1. One\n\n- [x] One | https://example.org/1\n\n- **Date**: 2024-07-21\n"
    config = "lists: [l.md]\ncolumns: [Title, Votes, Date, Presenter]\n"
    site = build_lists(tmp_path, {"l.md": listed}, config)
    html = (site / "index.html").read_text(encoding="utf-8")
    data = json.loads(html.split('id="paperpick-data">', 1)[1].split("</script>", 1)[0])
    assert data["columns"] == [["Title", "title"], ["Votes", "votes"], ["Date", ""],
                               ["Presenter", "presenter"]]  # fmt: skip
    assert data["teamColumns"] == [*data["columns"], ["Pickers", "pickers"]]
    out = tmp_path / "x.csv"
    args = ["export", str(tmp_path / "l.md"), "-c", str(tmp_path / "config.yml"), "-o", str(out)]
    assert main(args) == 0
    assert out.read_bytes() == "\ufeffTitle,Votes,Date,Presenter\r\nOne,,2024-07-21,\r\n".encode()
    (tmp_path / "Ana.md").write_text(listed, encoding="utf-8")  # a ballot: Ana's, from a file
    assert main([*args[:-1], str(tmp_path / "team.csv"), "--team", str(tmp_path / "Ana.md")]) == 0
    assert (tmp_path / "team.csv").read_bytes() == (
        "\ufeffTitle,Votes,Date,Presenter,Pickers\r\nOne,1,2024-07-21,,Ana\r\n".encode()
    )
