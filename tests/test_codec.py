"""generator/codec.py reads share and team links as the page does (theme/src/codec.js)."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess

import pytest

from generator.codec import (
    LinkError,
    PlanEntry,
    clean_name,
    decode_share,
    decode_team,
    list_fingerprint,
)
from tests.conftest import FIXTURES, ROOT

B32 = "abcdefghijklmnopqrstuvwxyz234567"
NAMES = [
    "Ana",
    "Chen Wei",
    "李雷",
    "\u202egnp.exe",
    'O"Brien, Jr.; PhD',
    "a&b=c#d%e",
    "  padded\u3000",
    "x" * 5000,
    "y" * 58 + "😀",
    "émile 🎉 z",
    "",
]


def node_page(module: str, calls: list) -> list:
    """Run the page's functions of theme/src/<module>.js in node: [[name, *args], ...]."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing")
        pytest.skip("node is not installed")
    result = subprocess.run(
        [node, str(ROOT / "tests" / "js" / "page_run.mjs")],
        input=json.dumps([[module, *call] for call in calls]),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout)


def node_codec(calls: list) -> list:
    """Run theme/src/codec.js's functions in node."""
    return node_page("codec", calls)


def random_ids(rand: random.Random, n: int, length: int = 8) -> list[str]:
    ids: set[str] = set()
    while len(ids) < n:
        ids.add("".join(rand.choice(B32) for _ in range(length)))
    return list(ids)


def as_page(got) -> dict:
    """Give what the Python reader returned in the shape of the page's result."""
    if isinstance(got, LinkError):
        return {"ok": False}
    if got is None:
        return None
    if hasattr(got, "ballots"):
        return {
            "ok": True,
            "sameList": got.same_list,
            "ballots": [picks(b) for b in got.ballots],
            "plan": {k: {"who": v.who, "at": v.at} for k, v in got.plan.items()},
        }
    return {"ok": True, "name": got.name, "sameList": got.same_list, **picks(got)}


def picks(b) -> dict:
    out = {"ids": list(b.ids), "total": b.total, "unmatched": b.unmatched}
    return {"name": b.name, **out, "ambiguous": b.ambiguous}


def python_decode(kind: str, fragment: str, lst: dict):
    decode = decode_share if kind == "decodeShare" else decode_team
    try:
        return as_page(decode(fragment, lst["ids"], lst["fingerprint"]))
    except LinkError as err:
        assert "\n" not in str(err)
        return as_page(err)


def lists_for(rand: random.Random, ids: list[str]) -> list[dict]:
    """The list a link was made from, a later version of it, and one with near twins."""
    later = rand.sample(ids, len(ids) * 4 // 5) + random_ids(rand, 7)
    twins = [i[:3] + ("b" if i[3] != "b" else "c") + i[4:] for i in ids[:5]]
    return [{"ids": x, "fingerprint": list_fingerprint(x)} for x in (ids, later, ids + twins)]


def damaged(rand: random.Random, fragment: str) -> list[str]:
    """A fragment with one character changed, cut short, lengthened, or of the other kind."""
    head, _, tail = fragment.partition("&")
    code = head[2:]
    i = rand.randrange(len(code))
    flipped = code[:i] + rand.choice([c for c in "AB9_-z" if c != code[i]]) + code[i + 1 :]
    other = "t" if head[0] == "s" else "s"
    return [
        f"{head[:2]}{flipped}&{tail}",
        f"{head[:2]}{code[: len(code) // 2]}&{tail}",
        f"{head[:2]}{code}AAAA&{tail}",
        f"{head[:2]}{code}+&{tail}",
        f"{other}={code}&{tail}",
        f"q=1&{fragment}&x",
    ]


def team_plan(rand: random.Random, ballots: list[dict], ids: list[str]) -> dict:
    plan = {}
    for id_ in rand.sample(ids, min(3, len(ids))):
        who = rand.choice([b["name"] for b in ballots] + ["Guest Speaker", ""])
        when = rand.choice(["", "2026-12-03T15:00", "2020-01-01T00:00", "2179-08-07T10:55"])
        plan[id_] = {"who": who, "at": when}
    return plan


def make_cases(seed: int) -> tuple[list, list]:
    """Links of random lists, picks, names and plans: encode calls, then what to decode."""
    rand = random.Random(seed)
    encodes, decodes = [], []
    for n in (0, 1, 5, 76, 300, 3000):
        ids = random_ids(rand, n, rand.choice([8, 8, 10]))
        base = {"ids": ids, "fingerprint": list_fingerprint(ids)}
        k = len(ids) * 2 // 3 if n == 3000 else rand.randint(0, min(n, 40))
        picks_ = rand.sample(ids, k) + random_ids(rand, rand.choice([0, 2]))
        encodes.append(["encodeShare", {**base, "picks": picks_, "name": rand.choice(NAMES)}])
        names = rand.sample([m for m in NAMES if m][:7], rand.randint(1, 4))
        ballots = [{"name": m, "ids": rand.sample(ids, rand.randint(0, min(n, 30)))} for m in names]
        if n == 3000:
            ballots[0]["ids"] = picks_
        plan = team_plan(rand, ballots, ids)
        encodes.append(["encodeTeam", {**base, "ballots": ballots, "plan": plan}])
        decodes.append(lists_for(rand, ids))
        decodes.append(decodes[-1])
    return encodes, decodes


@pytest.mark.parametrize("seed", range(4))
def test_python_reads_every_link_as_the_page_does(seed):
    rand = random.Random(seed)
    encodes, lists = make_cases(seed)
    made = node_codec(encodes)
    calls = []
    for (name, _), link, targets in zip(encodes, made, lists, strict=True):
        kind = "decodeShare" if name == "encodeShare" else "decodeTeam"
        for fragment in ["#" + link["fragment"], *damaged(rand, link["fragment"])]:
            calls += [[kind, fragment, lst] for lst in targets]
    page = node_codec(calls)
    modes, seen = set(), set()
    for (kind, fragment, lst), want in zip(calls, page, strict=True):
        assert python_decode(kind, fragment, lst) == want, (kind, fragment)
        if want and want["ok"] and fragment[1] in "st":
            modes.add(fragment[3])
            for b in want.get("ballots", [want]):
                seen.update(k for k in ("unmatched", "ambiguous") if b[k])
    # Share links (v2) and team links (v3), PREFIX and INDEX mode: the first character.
    assert modes == {"K", "J", "O", "N"}
    assert seen == {"unmatched", "ambiguous"}


def test_the_fixed_links_read_as_recorded():
    """Links written down once (tests/fixtures/links/): also read by tests/js/team.test.js."""
    links = json.loads((FIXTURES / "links" / "links.json").read_text(encoding="utf-8"))
    for case in links["cases"]:
        lst = links["lists"][case["list"]]
        got = python_decode(case["kind"], case["fragment"], lst)
        assert got == case["want"], case["about"]


def test_damaged_links_are_one_line_errors():
    ids = ["aaaaaaaa", "bbbbbbbb"]
    with pytest.raises(LinkError, match=r"^the share link is damaged"):
        decode_share("#s=AAAAAAAAAAAAAA&by=Ana", ids, list_fingerprint(ids))
    with pytest.raises(LinkError, match=r"^the team link is damaged"):
        decode_team("t=abc", ids, list_fingerprint(ids))
    assert decode_share("#q=1", ids, "") is None
    assert decode_team("#s=abc", ids, "") is None


def test_names_are_trimmed_and_capped_as_the_page_does():
    assert clean_name("\ufeff Ana \u2028") == "Ana"
    assert clean_name("\x1cAna") == "\x1cAna"  # not white space to JavaScript
    assert clean_name("x" * 5000) == "x" * 60
    assert clean_name("y" * 59 + "😀") == "y" * 59 + "😀"  # capped by characters, never half
    assert clean_name("y" * 60 + "😀") == "y" * 60
    assert PlanEntry() == PlanEntry("", "")
