"""Team picks: ballots, their tally, the plan, and the agenda as CSV, Markdown and iCalendar.

Pure, and the page's twin: theme/src/team.js (the tally, the agenda's writers) and
team-ui.js (which papers the tally's CSV holds, in which order) write the same bytes;
tests/fixtures/team/ holds both to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from .bibtex import SPACES, paper_authors
from .codec import LinkError, PlanEntry, Team, clean_name, decode_share, decode_team, well_formed
from .columns import column_value, extra_field_names, team_columns, team_keys
from .errors import ListError, ListWarning
from .export import csv_text
from .importer import import_picks
from .parser import Paper

MD_SPECIAL = re.compile(r"([\\|[\]])")
MD_LINK_SPECIAL = re.compile(r"[()| ]")
FILE_EXTENSION = re.compile(r"\.[^.]*\Z")
FILE_AFFIXES = re.compile(r"^selected_|_papers\Z")
FILE_EXTENSION_CSV = re.compile(r"\.csv\Z", re.IGNORECASE | re.ASCII)
UNDATED = "\uffff"  # sorts after every date


@dataclass(frozen=True)
class Ballot:
    """One member's picks, under their name."""

    name: str
    ids: tuple[str, ...]
    unmatched: int = 0  # picks that matched no paper of the list, or several


@dataclass(frozen=True)
class Row:
    """A paper as the tally shows it: its votes, pickers and place in the plan."""

    paper: Paper
    votes: str
    pickers: str
    presenter: str
    date: str  # 'YYYY-MM-DD HH:MM', '' when unplanned or undated

    def team_values(self, field_names: Iterable[str]) -> dict[str, str]:
        """Give the team columns' values: column name -> text."""
        return {name: getattr(self, key) for name, key in team_keys(field_names).items()}


def add_ballot(ballots: Sequence[Ballot], ballot: Ballot) -> tuple[list[Ballot], Ballot | None]:
    """Keep a ballot, one per name: a newer one replaces the older -> (ballots, replaced)."""
    old = next((b for b in ballots if b.name == ballot.name), None)
    return [b for b in ballots if b is not old] + [ballot], old


def tally(ballots: Iterable[Ballot]) -> dict[str, list[str]]:
    """Give who picked each paper: id -> names, in ballot order."""
    by: dict[str, list[str]] = {}
    for ballot in ballots:
        for id_ in ballot.ids:
            by.setdefault(id_, []).append(ballot.name)
    return by


def by_votes(ids: Sequence[str], votes: Mapping[str, list[str]]) -> list[int]:
    """Give the papers' places by votes, most first, ties in list order."""
    return sorted(range(len(ids)), key=lambda i: -len(votes.get(ids[i], ())))


def show_date(at: str) -> str:
    """Give the plan's date as the agenda says it: '2026-12-03 15:00' ('' when none)."""
    return (at or "").replace("T", " ", 1)


def tally_rows(
    papers: Sequence[Paper],
    ballots: Iterable[Ballot],
    plan: Mapping[str, PlanEntry],
    every: bool = False,
) -> list[Row]:
    """Give the tally's rows in the order shown: papers voted for or planned (every: all)."""
    votes = tally(ballots)
    rows = []
    for i in by_votes([p.id for p in papers], votes):
        paper, who = papers[i], votes.get(papers[i].id, [])
        entry = plan.get(paper.id)
        if every or who or entry:
            entry = entry or PlanEntry()
            rows.append(Row(paper, str(len(who)), "; ".join(who), entry.who, show_date(entry.at)))
    return rows


def planned(rows: Iterable[Row]) -> list[Row]:
    """Give the planned rows (a presenter or a date) in date order, undated last."""
    chosen = [r for r in rows if r.presenter or r.date]
    return [r for _, r in sorted(enumerate(chosen), key=lambda x: (x[1].date or UNDATED, x[0]))]


# --- the writers -----------------------------------------------------------------------------


def write_team_csv(
    rows: Iterable[Row], columns: Sequence[str], field_names: Sequence[str]
) -> bytes:
    """Write the tally as the page's CSV: columns as given (team_columns), rows as shown."""
    body = [[column_value(r.paper, c, r.team_values(field_names)) for c in columns] for r in rows]
    return well_formed(csv_text([list(columns), *body])).encode("utf-8")


def _cell(text: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", SPACES.sub(" ", text))


def _md_link(link: str) -> str:
    # ( ) | and space would end or break a Markdown link: percent-encoded.
    return MD_LINK_SPECIAL.sub(lambda m: f"%{ord(m[0]):02X}", link)


def agenda_markdown(title: str, rows: Iterable[Row]) -> str:
    """Write the agenda as a Markdown table: date, presenter, paper, votes."""
    lines = [
        f"# {title}: reading plan\n\n| Date | Presenter | Paper | Votes |\n|---|---|---|---|\n"
    ]
    for r in planned(rows):
        p = r.paper
        paper = f"[{_cell(p.title)}]({_md_link(p.link)})" if p.link else _cell(p.title)
        lines.append(f"| {_cell(r.date)} | {_cell(r.presenter)} | {paper} | {r.votes} |\n")
    return well_formed("".join(lines))


def _ics_text(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub("\r\n|\r|\n", "\\\\n", text)


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (UTF-8), never inside a character; CRLF after it."""
    out, size = [], 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append("\r\n ")
            size = 1
        out.append(ch)
        size += n
    return "".join(out) + "\r\n"


def _event(r: Row, slug: str, stamp: str) -> list[str]:
    p = r.paper
    authors = ", ".join(paper_authors(p))
    about = [r.presenter and "Presenter: " + r.presenter, authors, p.link, p.abstract]
    start = r.date.replace("-", "").replace(":", "").replace(" ", "T", 1) + "00"
    lines = ["BEGIN:VEVENT", f"UID:{p.id}.{slug}@paperpick", f"DTSTAMP:{stamp}"]
    lines += [f"DTSTART:{start}", "DURATION:PT1H", "SUMMARY:" + _ics_text(p.title)]
    description = "\n\n".join(x for x in about if x)
    if description:
        lines.append("DESCRIPTION:" + _ics_text(description))
    if p.link:
        lines.append("URL:" + p.link.replace(" ", "%20"))
    return [*lines, "END:VEVENT"]


def agenda_ics(title: str, slug: str, rows: Iterable[Row], stamp: str) -> str:
    """Write the plan as iCalendar (RFC 5545): one event per dated paper, UIDs stable.

    stamp: the UTC time of the export, 'YYYYMMDDTHHMMSSZ'. A UID is the paper's id and the
    list's slug, so importing a newer file updates the events instead of adding them again.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//paperpick//reading plan//EN"]
    lines += ["CALSCALE:GREGORIAN", "X-WR-CALNAME:" + _ics_text(title)]
    for r in planned(rows):
        if r.date:
            lines += _event(r, slug, stamp)
    return "".join(_fold(well_formed(line)) for line in [*lines, "END:VCALENDAR"])


# --- ballots from links and files -----------------------------------------------------------


@dataclass
class Gathered:
    """The ballots and the plan of every link and file, in the order given."""

    ballots: list[Ballot]
    plan: dict[str, PlanEntry]
    warnings: list[ListWarning]

    def add(self, source: str, ballot: Ballot) -> None:
        """Keep a ballot (a newer one of the same name replaces the older) and say so."""
        self.ballots, old = add_ballot(self.ballots, ballot)
        if old:
            self.warnings.append(
                ListWarning(f"replaces the earlier ballot of {ballot.name}", source)
            )
        if ballot.unmatched:
            n = ballot.unmatched
            picks = "1 pick matches" if n == 1 else f"{n} picks match"
            self.warnings.append(
                ListWarning(
                    f"{ballot.name}: {picks} no paper of this list (an older list?)", source
                )
            )


def shown(source: str) -> str:
    """Give a link or file name short enough to start an error line with."""
    return source if len(source) <= 60 else source[:57] + "..."


def file_ballot_name(file_name: str) -> str:
    """Name a ballot after its file, as the page does: no extension, selected_, _papers."""
    return clean_name(FILE_AFFIXES.sub("", FILE_EXTENSION.sub("", file_name, count=1)))


def link_ballots(link: str, papers: Sequence[Paper], fingerprint: str) -> Team:
    """Read a share or team link into the ballots (and plan) it carries."""
    fragment = link.partition("#")[2]
    ids = [p.id for p in papers]
    team = decode_team(fragment, ids, fingerprint)
    if team:
        return team
    share = decode_share(fragment, ids, fingerprint)
    if share is None:
        raise LinkError("not a share link (#s=...) or a team link (#t=...)")
    if not share.name:
        raise LinkError("the share link names no sender; add &by=NAME to it")
    return Team(share.same_list, (share,))


def gather(
    sources: Iterable[tuple[str, str | None]], papers: Sequence[Paper], fingerprint: str
) -> Gathered:
    """Gather ballots from (link, None) and (file path, its text), in order, as the page does."""
    got = Gathered([], {}, [])
    for source, text in sources:
        if text is not None:
            got.add(source, file_ballot(source, text, papers))
            continue
        try:
            team = link_ballots(source, papers, fingerprint)
        except LinkError as err:
            raise LinkError(err.message, shown(source)) from None
        for b in team.ballots:
            got.add(shown(source), Ballot(clean_name(b.name), b.ids, b.unmatched + b.ambiguous))
        got.plan.update(team.plan)
    return got


def file_ballot(path: str, text: str, papers: Sequence[Paper]) -> Ballot:
    """Read a CSV the page exported, or a ticked Markdown list, as a ballot named after it."""
    name = PurePath(path).name
    found = import_picks(text, name, papers)
    if found is None:
        raise ListError("not a CSV of this list (no Id or Link column) nor a Markdown list", path)
    return Ballot(file_ballot_name(name), found.ids, found.unmatched)


# --- what 'paperpick export --team' writes ----------------------------------------------------

FORMATS = ("csv", "ics", "md")


def export_team(
    fmt: str, papers: Sequence[Paper], got: Gathered, place: ListPlace, stamp: str
) -> bytes:
    """Give the bytes the page downloads: the tally's CSV, the agenda's .ics or Markdown."""
    if fmt == "csv":
        rows = tally_rows(papers, got.ballots, got.plan)
        return write_team_csv(rows, team_columns(place.columns), extra_field_names(papers))
    every = tally_rows(papers, got.ballots, got.plan, every=True)
    if fmt == "md":
        return agenda_markdown(place.title, every).encode("utf-8")
    return agenda_ics(place.title, place.slug, every, stamp).encode("utf-8")


@dataclass(frozen=True)
class ListPlace:
    """What the page of a list is called and shows: title, slug, CSV name and columns."""

    title: str
    slug: str
    csv: str
    columns: Sequence[str]

    def file_name(self, fmt: str) -> str:
        """Name a download as the page does: <csv>_team.csv, <slug>_plan.md or .ics."""
        if fmt == "csv":
            return FILE_EXTENSION_CSV.sub("_team.csv", self.csv, count=1)
        return f"{self.slug}_plan.{fmt}"
