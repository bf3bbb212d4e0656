"""The whole build through the command line: what lands in site/, and what never does."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import __version__
from generator.cli import main

from .conftest import FIXTURES, ROOT, SHIPPED_LIST, build_lists


class PageReader(HTMLParser):
    """Collect what a reader and a browser would see of a built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.papers: list[str] = []
        self.checkboxes = 0
        self.resources: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.data_json = ""
        self.csp = ""
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-paper-id" in a:
            self.papers.append(a["data-paper-id"])
        if tag == "input" and a.get("type") == "checkbox":
            self.checkboxes += 1
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        for attr in ("src", "srcset", "poster", "data"):
            if attr in a:
                self.resources.append((tag, a[attr]))
        if tag == "link" and a.get("rel") != "canonical":
            self.resources.append((tag, a.get("href", "")))
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a["content"]
        self._in_data = tag == "script" and a.get("id") == "paperpick-data"

    def handle_endtag(self, tag):
        self._in_data = False

    def handle_data(self, data):
        if self._in_data:
            self.data_json += data


def read_page(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def test_shipped_list_builds_one_page_with_all_76_papers(shipped_site, capsys):
    page = read_page(shipped_site / "index.html")
    assert len(page.papers) == 76 == len(set(page.papers))
    assert page.checkboxes >= 76
    assert "https://icml.cc/virtual/2024/poster/32685" in page.links
    data = json.loads(page.data_json)
    assert data["csv"] == "selected_icml2024_papers.csv"
    assert [p["id"] for p in data["papers"]] == page.papers
    assert (shipped_site / ".nojekyll").exists()


def test_page_requests_nothing_outside_itself(shipped_site):
    page = read_page(shipped_site / "index.html")
    assert page.resources == []
    assert "default-src 'none'" in page.csp and "unsafe-inline" not in page.csp
    html = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"url\(|@import", html)


def test_page_shows_math_as_mathml_and_no_raw_tex(shipped_site):
    html = (shipped_site / "index.html").read_text(encoding="utf-8")
    body = html.split("data-paper-id=", 1)[1].split('id="paperpick-data"', 1)[0]
    assert body.count("<math") >= 10
    assert "$\\times$" not in body and "$^2$" not in body and "\\leq" not in body


def test_build_summary_says_what_was_built(project, capsys):
    shutil.copy(SHIPPED_LIST, project)
    assert main(["build", SHIPPED_LIST.name]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"built 1 list, 76 papers into site/ \(\d+ KB\) in \d+\.\d\d s\n", out)
    assert (project / "site" / "index.html").exists()


def test_same_input_gives_the_same_bytes(project):
    shutil.copy(FIXTURES / "good" / "varied.md", project)
    assert main(["build", "varied.md", "-o", "one"]) == 0
    assert main(["build", "varied.md", "-o", "two"]) == 0
    assert (project / "one/index.html").read_bytes() == (project / "two/index.html").read_bytes()


def test_committed_site_is_up_to_date(shipped_site):
    committed = ROOT / "site" / "index.html"
    assert committed.exists(), "site/index.html is not committed: run 'paperpick build'"
    assert committed.read_bytes() == (shipped_site / "index.html").read_bytes(), (
        "site/index.html is stale: run 'paperpick build' and commit site/"
    )


def test_broken_list_gives_one_error_line_and_leaves_the_old_site(project, capsys):
    good = (FIXTURES / "good" / "varied.md").read_text(encoding="utf-8")
    site = build_lists(project, {"list.md": good})
    before = (site / "index.html").read_bytes()
    (project / "list.md").write_text(good.replace("https://example.org/papers/3", "ftp://x/3", 1))
    capsys.readouterr()
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err == "error: list.md:27: link must start with http:// or https://, got 'ftp://x/3'\n"
    assert (site / "index.html").read_bytes() == before
    assert sorted(p.name for p in project.iterdir()) == ["config.yml", "list.md", "site"]


def test_several_lists_get_a_page_each_and_an_index(project):
    good = FIXTURES / "good"
    site = build_lists(
        project,
        {
            "a.md": (good / "varied.md").read_text(),
            "b.md": (good / "crlf_bom.md").read_text(encoding="utf-8-sig"),
        },
    )
    names = sorted(p.name for p in site.iterdir())
    assert names == [".nojekyll", "a.html", "all.html", "b.html", "index.html"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="a.html"' in index and 'href="b.html"' in index and 'href="all.html"' in index
    assert json.loads(read_page(site / "b.html").data_json)["slug"] == "b"


def test_output_folder_that_holds_the_sources_is_refused(project, capsys):
    (project / "list.md").write_text((FIXTURES / "good" / "varied.md").read_text())
    (project / "config.yml").write_text("output: .\nlists: [list.md]\n")
    assert main(["build"]) == 1
    assert "holds the project itself" in capsys.readouterr().err
    (project / "mine").mkdir()
    (project / "mine" / "notes.txt").write_text("keep me")
    assert main(["build", "list.md", "-o", "mine"]) == 1
    assert "holds files paperpick did not write" in capsys.readouterr().err
    assert (project / "mine" / "notes.txt").read_text() == "keep me"


def test_missing_config_is_one_clear_line(project, capsys):
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: config.yml: no such config file") and err.count("\n") == 1


def test_bad_command_line_exits_2_and_version_and_help_exit_0(capsys):
    assert main(["build", "--no-such-flag"]) == 2
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"paperpick {__version__}\n"
    assert main(["--help"]) == 0
    assert main([]) == 2


def test_data_that_tries_to_end_its_script_block_stays_data(project):
    # The math makes the page's text differ from the source, so the source goes in the JSON.
    title = "</script><script>alert(1)</script> $x$ <!-- x"
    text = f"## 1. {title}\n- [ ] t | https://example.org/x\n- **Comment**: $y$ </script><!--\n"
    site = build_lists(project, {"l.md": text})
    html = (site / "index.html").read_text(encoding="utf-8")
    data_block = html.split('id="paperpick-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(data_block)
    assert data["papers"][0]["title"] == title
    assert data["papers"][0]["fields"] == [["Comment", "$y$ </script><!--"]]
    assert "<script>alert" not in html


def test_module_entry_point_runs_the_command(project):
    shutil.copy(SHIPPED_LIST, project)
    run = subprocess.run(
        [sys.executable, "-m", "generator", "build", SHIPPED_LIST.name, "-o", "x"],
        capture_output=True,
        text=True,
        cwd=project,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    assert (project / "x" / "index.html").exists()


def test_wheel_carries_the_theme(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (wheel,) = tmp_path.glob("paperpick-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    theme = sorted(
        p.relative_to(ROOT / "theme").as_posix() for p in (ROOT / "theme").rglob("*") if p.is_file()
    )
    assert {f"generator/theme/{t}" for t in theme} <= set(names)


def test_broken_theme_template_is_one_error_line(project, capsys):
    from generator.build import build, default_theme_dir
    from generator.config import config_for_lists
    from generator.errors import BuildError

    theme = project / "theme"
    shutil.copytree(default_theme_dir(), theme)
    (theme / "paper.html").write_text("<li>{{ paper.id }\n", encoding="utf-8")
    shutil.copy(FIXTURES / "good" / "varied.md", project)
    config = config_for_lists([project / "varied.md"], project / "site")
    try:
        build(config, theme_dir=theme)
    except BuildError as err:
        assert str(err).startswith(f"{theme / 'paper.html'}:1: template error: ")
        assert "\n" not in str(err)
    else:
        raise AssertionError("a broken template built")
    assert not (project / "site").exists()


def test_rendering_in_worker_processes_gives_the_same_page(project, monkeypatch):
    from generator import page, workers
    from generator.build import default_theme_dir, read_list, read_theme
    from generator.config import config_for_lists

    config = config_for_lists([SHIPPED_LIST], project / "site")
    parsed = read_list(SHIPPED_LIST)
    theme = read_theme(default_theme_dir())
    one = page.render_list_page(config, config.lists[0], parsed, theme)
    monkeypatch.setattr(page, "PARALLEL_FROM", 10)  # the shipped list is short
    for processes in (2, 3):
        with workers.started(processes, theme) as pool:
            many = page.render_list_page(config, config.lists[0], parsed, theme, pool)
        assert many == one


def test_a_build_with_workers_started_before_the_list_is_read_writes_the_same_site(
    project, monkeypatch
):
    from generator import page, workers

    shutil.copy(SHIPPED_LIST, project / "list.md")
    assert main(["build", "list.md", "-o", "one"]) == 0
    monkeypatch.setattr(workers, "PARALLEL_BYTES", 1000)
    monkeypatch.setattr(page, "PARALLEL_FROM", 10)
    started, start = [], workers.started
    monkeypatch.setattr(workers, "started", lambda n, theme: started.append(n) or start(n, theme))
    assert main(["build", "list.md", "-o", "two"]) == 0
    assert started == [min(len(os.sched_getaffinity(0)), 8)]
    assert (project / "one" / "index.html").read_bytes() == (
        project / "two" / "index.html"
    ).read_bytes()
    # A list that is not right: one line, no site, and the workers end.
    (project / "list.md").write_text("# Nothing\n", encoding="utf-8")
    assert main(["build", "list.md", "-o", "three"]) == 1
    assert not (project / "three").exists()


def test_serve_renders_with_workers_until_it_keeps_rendered_papers(project, monkeypatch):
    from generator import workers
    from generator.build import build
    from generator.config import config_for_lists
    from generator.errors import ListError

    monkeypatch.setattr(workers, "PARALLEL_BYTES", 10)
    started, start = [], workers.started
    monkeypatch.setattr(workers, "started", lambda n, theme: started.append(n) or start(n, theme))
    source = project / "list.md"
    source.write_text("# Nothing yet\n", encoding="utf-8")
    config = config_for_lists([source], project / "site")
    caches: dict = {}
    with pytest.raises(ListError):  # a first build that fails keeps no rendered paper
        build(config, caches=caches)
    shutil.copy(SHIPPED_LIST, source)
    build(config, caches=caches)
    build(config, caches=caches)
    cores = min(len(os.sched_getaffinity(0)), 8)
    assert started == [cores, cores, 1]


def test_the_page_put_together_from_slots_is_the_template_rendered_whole(project, monkeypatch):
    """The list template is rendered around one-character slots for the cards and the data,
    which are put in afterwards: the same bytes as the template rendered with them."""
    from generator import page
    from generator.build import default_theme_dir, read_theme
    from generator.config import config_for_lists
    from generator.readers import read_text

    theme = read_theme(default_theme_dir())
    workshop = (FIXTURES / "structure" / "workshop.md").read_text(encoding="utf-8")
    # A section's heading (the template writes it) holding the data's slot character: the
    # page cannot be put together from slots, and is rendered whole.
    odd = workshop.replace("## Keynotes", "## Key\x01notes")
    spliced = []
    (project / "list.md").write_text("", encoding="utf-8")  # config wants the file there
    config = config_for_lists([project / "list.md"], project / "site")
    splice = page.splice_page
    for text in (SHIPPED_LIST.read_text(encoding="utf-8"), workshop, odd):
        parsed = read_text(text, "list.md")
        monkeypatch.setattr(page, "splice_page", lambda *a: spliced.append(splice(*a)) or None)
        whole = page.render_list_page(config, config.lists[0], parsed, theme)
        monkeypatch.undo()
        assert page.render_list_page(config, config.lists[0], parsed, theme) == whole
        assert whole.decode().count('<li class="paper') == len(parsed.papers)
    assert [s is not None for s in spliced] == [True, True, False]


def test_csv_column_that_no_list_has_is_an_error_with_the_near_miss(project, capsys):
    shutil.copy(FIXTURES / "good" / "varied.md", project)
    (project / "config.yml").write_text("lists: [varied.md]\ncolumns: [Title, Link, Autors]\n")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "error: config.yml:2: 'columns': no list has a field 'Autors' (did you mean 'Authors'?)\n"
    )
    (project / "config.yml").write_text("lists: [varied.md]\ncolumns: [Title, Authors, Id]\n")
    assert main(["build"]) == 0


def test_index_of_a_chinese_site_is_in_chinese(project):
    good = FIXTURES / "good"
    config = "language: zh-CN\nlists: [a.md, b.md]\n"
    site = build_lists(
        project,
        {"a.md": (good / "varied.md").read_text(), "b.md": (good / "varied.md").read_text()},
        config,
    )
    index = (site / "index.html").read_text(encoding="utf-8")
    assert ">论文</th>" in index and ">全部论文</a>" in index and "生成工具" in index
    assert "Papers<" not in index
    assert '<html lang="zh-CN"' in index
