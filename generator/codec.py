"""Read share links (#s=, codec v2) and team links (#t=...&n=..., codec v3) (pure).

The page makes and reads these links (theme/src/codec.js, whose top comment describes the
format); this reader gives the same results as its decodeShare and decodeTeam, down to
the counts of picks that match no paper, or several, of this list.
tests/fixtures/links/ holds links both are held to.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import unquote

from .bibtex import WS
from .errors import PaperpickError

SHARE, TEAM = 2, 3  # versions
INDEX, PREFIX = 1, 2  # modes
NAME = 60  # a name is capped at this many UTF-16 code units, as the page caps it
MAX_COUNT = 10**6  # more picks (or empty ballots) than this: a damaged link
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
B32 = "abcdefghijklmnopqrstuvwxyz234567"
EPOCH = datetime(2020, 1, 1)
STEP = timedelta(minutes=5)
CODE = re.compile(r"[A-Za-z0-9_-]*")
# What JavaScript's String.prototype.trim() removes (WS is JavaScript's \s).
TRIM = re.compile(f"^{WS}+|{WS}+\\Z")
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class LinkError(PaperpickError):
    """A share or team link that cannot be read."""


@dataclass(frozen=True)
class Picks:
    """One ballot's picks as a link tells them, against this list."""

    name: str
    ids: tuple[str, ...]  # the papers of this list it picks, sorted
    total: int  # picks in the link
    unmatched: int  # picks that match no paper of this list (an older list?)
    ambiguous: int  # picks that match several papers of this list
    same_list: bool = True  # made from this very list (same fingerprint)


@dataclass(frozen=True)
class PlanEntry:
    """A paper's place in the reading plan: who presents it, when ('YYYY-MM-DDTHH:MM')."""

    who: str = ""
    at: str = ""


@dataclass(frozen=True)
class Team:
    """What a team link carries: every ballot and the plan."""

    same_list: bool
    ballots: tuple[Picks, ...]
    plan: dict[str, PlanEntry] = field(default_factory=dict)


def list_fingerprint(ids) -> str:
    """Fingerprint the set of a list's ids, so a link made from another list is recognised."""
    joined = "\n".join(sorted(ids))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


def js_sorted(values) -> list[str]:
    """Sort distinct strings as JavaScript's sort() does (by UTF-16 code units)."""
    return sorted(set(values), key=lambda s: s.encode("utf-16-be", "surrogatepass"))


def clean_name(name: str) -> str:
    """Trim a name and cap it at 60 characters, as the page does (cleanName)."""
    return TRIM.sub("", name)[:NAME]


def well_formed(text: str) -> str:
    """Replace a lone surrogate with U+FFFD, as browsers do when they write text out."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def decode_name(value: str) -> str:
    """Read a percent-encoded name as decodeURIComponent does; '' when it is malformed."""
    if BAD_PERCENT.search(value):
        return ""
    try:
        return clean_name(unquote(value, errors="strict"))
    except UnicodeDecodeError:
        return ""


def params(fragment: str) -> dict[str, str]:
    """Give a fragment's parameters ('#a=1&b=2' or without '#'), the last of a name winning."""
    out: dict[str, str] = {}
    for part in fragment.removeprefix("#").split("&"):
        if part:
            name, eq, value = part.partition("=")
            out[name] = value if eq else ""
    return out


def _bits(value: int, width: int) -> str:
    return format(value, f"0{width}b") if width else ""


def _id_bits(id_: str) -> str:
    """The 50 bits of an id's first 10 base32 characters (zero-padded)."""
    return "".join(_bits(max(0, B32.find(c)), 5) for c in id_[:10].ljust(10, "a"))


def _fingerprint_value(fingerprint: str) -> int:
    hexa = re.match(r"[0-9A-Fa-f]*", str(fingerprint)[:8]).group()
    return int(hexa, 16) if hexa else 0


def _check(bits: str) -> int:
    """FNV-1a of the bits' characters, folded to 8 bits (the links' check bits)."""
    h = 0x811C9DC5
    for ch in bits:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return (h ^ h >> 8 ^ h >> 16 ^ h >> 24) & 255


class _Damaged(Exception):
    """The bits ran out or hold a value out of range."""


class BitReader:
    """Read a code's bits, once its check bits are verified."""

    def __init__(self, body: str):
        self.body = body
        self.p = 0

    @classmethod
    def of(cls, code: str) -> BitReader | None:
        """Give a reader of a link's code, None when it is not one or its check fails."""
        if not CODE.fullmatch(code):
            return None
        bits = "".join(_bits(B64.index(c), 6) for c in code)
        body = bits[:-8]
        if len(bits) < 48 or _check(body) != int(bits[-8:], 2):
            return None
        return cls(body)

    def take(self, width: int) -> int:
        """Read a number of width bits."""
        self.p += width
        if self.p > len(self.body):
            raise _Damaged
        return int(self.body[self.p - width : self.p], 2) if width else 0

    def unary(self) -> int:
        """Read ones up to a zero: their count."""
        end = self.body.find("0", self.p)
        if end < 0:
            raise _Damaged
        n, self.p = end - self.p, end + 1
        return n

    def gamma(self) -> int:
        """Read an Elias gamma code (of the value + 1)."""
        c = self.unary()
        return 2**c + self.take(c) - 1

    def list(self, limit: int) -> list[int]:
        """Read Rice-coded sorted distinct numbers below limit."""
        n, r = self.gamma(), self.take(6)
        if n > MAX_COUNT:
            raise _Damaged
        out, v = [], -1
        for _ in range(n):
            v += self.unary() * 2**r + self.take(r) + 1
            if v >= limit:
                raise _Damaged
            out.append(v)
        return out

    def done(self) -> bool:
        """Whether only padding is left."""
        return len(self.body) - self.p < 6 and "1" not in self.body[self.p :]


# A slot is what one coded pick is here: an id, None (no paper) or False (several papers).
Slot = str | None | bool


def _read_picks(r: BitReader, ids: list[str], fingerprint: str) -> tuple[int, bool, list[Slot]]:
    """Read a frame's header and picks: (version, made from this list, slots)."""
    ids = js_sorted(ids)
    head = r.take(6)
    mode = head & 3
    same = r.take(32) == _fingerprint_value(fingerprint)
    if mode == PREFIX:
        k = r.take(6)
        if not k or k > 48:
            raise _Damaged
        by: dict[int, list[str]] = {}
        for id_ in ids:
            by.setdefault(int(_id_bits(id_)[:k], 2), []).append(id_)
        hits = [by.get(v, []) for v in r.list(2**k)]
        return head >> 2, same, [h[0] if len(h) == 1 else (None if not h else False) for h in hits]
    if mode != INDEX:
        raise _Damaged
    places = r.list(len(ids) if same else MAX_COUNT)
    return head >> 2, same, [ids[i] if same else None for i in places]


def _picks(name: str, slots: list[Slot], same: bool) -> Picks:
    """Tell what coded picks matched here."""
    return Picks(
        name=name,
        ids=tuple(js_sorted(s for s in slots if s)),
        total=len(slots),
        unmatched=sum(s is None for s in slots),
        ambiguous=sum(s is False for s in slots),
        same_list=same,
    )


def decode_share(fragment: str, ids, fingerprint: str) -> Picks | None:
    """Read a share link's fragment against a list: None when it holds no '#s='."""
    p = params(fragment)
    if "s" not in p:
        return None
    r = BitReader.of(p["s"])
    try:
        got = r and _read_picks(r, list(ids), fingerprint)
        if not got or got[0] != SHARE or not r.done():
            raise _Damaged
    except _Damaged:
        raise LinkError(
            "the share link is damaged, or not a paperpick link of this version"
        ) from None
    return _picks(decode_name(p.get("by", "")), got[2], got[1])


def _steps_date(steps: int) -> str:
    return (EPOCH + steps * STEP).strftime("%Y-%m-%dT%H:%M")


def _read_plan(r: BitReader, slots: list[Slot], names: list[str]) -> dict[str, PlanEntry]:
    plan: dict[str, PlanEntry] = {}
    width = (len(slots) - 1).bit_length() if len(slots) > 1 else 0
    for _ in range(r.gamma()):
        at, who = r.take(width), r.gamma()
        steps = r.take(24) if r.take(1) else -1
        if at >= len(slots) or who > len(names):
            raise _Damaged
        if slots[at]:
            plan[slots[at]] = PlanEntry(
                names[who - 1] if who else "", _steps_date(steps) if steps >= 0 else ""
            )
    return plan


def _read_team(r: BitReader, ids: list[str], fingerprint: str, names: list[str]) -> Team:
    version, same, slots = _read_picks(r, ids, fingerprint)
    if version != TEAM:
        raise _Damaged
    ballots = []
    count = r.gamma()
    if count > MAX_COUNT:  # damaged (as the page says too): no real link holds that many
        raise _Damaged
    for i in range(count):
        chosen = [s for s in slots if r.take(1)]
        ballots.append(_picks(names[i] if i < len(names) else "", chosen, same))
    plan = _read_plan(r, slots, names)
    if not r.done():
        raise _Damaged
    return Team(same, tuple(ballots), plan)


def decode_team(fragment: str, ids, fingerprint: str) -> Team | None:
    """Read a team link's fragment against a list: None when it holds no '#t='."""
    p = params(fragment)
    if "t" not in p:
        return None
    names = [decode_name(n) for n in p.get("n", "").split(",")]
    r = BitReader.of(p["t"])
    try:
        if not r:
            raise _Damaged
        return _read_team(r, list(ids), fingerprint, names)
    except _Damaged:
        raise LinkError(
            "the team link is damaged, or not a paperpick link of this version"
        ) from None
