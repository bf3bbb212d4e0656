"""paperpick new: a project that builds at once; the GitHub Pages workflow is valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import read_list
from generator.cli import main
from generator.config import LIST_KEYS, SITE_KEYS
from generator.scaffold import FILES, STARTER

ROOT = Path(__file__).resolve().parent.parent
REPO_WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
STARTER_WORKFLOW = STARTER / "pages.yml"


def test_new_then_build_works_at_once(project, capsys, monkeypatch):
    assert main(["new", "mylist"]) == 0
    out = capsys.readouterr().out
    assert "cd mylist && paperpick serve" in out
    folder = project / "mylist"
    for name in (
        "config.yml",
        "papers.md",
        "README.md",
        ".gitignore",
        ".github/workflows/pages.yml",
        "requirements.txt",
    ):
        assert (folder / name).is_file(), name

    monkeypatch.chdir(folder)  # cd mylist && paperpick build
    assert main(["build"]) == 0
    page = (folder / "site" / "index.html").read_text("utf-8")
    assert page.count("data-paper-id=") >= 4
    assert "<math" in page  # the sample's TeX became MathML
    assert "Kaiming He" in page  # the sample's extra field


def test_sample_list_shows_the_format(project):
    parsed = read_list(STARTER / "papers.md")
    assert 3 <= len(parsed.papers) <= 4
    assert parsed.warnings == ()
    assert sum(p.ticked for p in parsed.papers) == 1
    assert any(p.fields for p in parsed.papers)
    assert any("$" in p.abstract for p in parsed.papers)


def test_starter_config_mentions_every_key():
    text = (STARTER / "config.yml").read_text("utf-8")
    for key in (*SITE_KEYS, *LIST_KEYS):
        assert f"{key}:" in text, key


def test_requirements_name_paperpick(project):
    assert main(["new", "p"]) == 0
    lines = [
        line
        for line in (project / "p" / "requirements.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) == 1 and lines[0].startswith("paperpick")


def test_new_into_an_existing_empty_folder(project):
    (project / "empty").mkdir()
    assert main(["new", "empty"]) == 0
    assert (project / "empty" / "config.yml").is_file()


def test_new_refuses_a_non_empty_folder(project, capsys):
    (project / "mine").mkdir()
    (project / "mine" / "notes.txt").write_text("keep me", "utf-8")
    assert main(["new", "mine"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: mine: folder is not empty")
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in (project / "mine").iterdir()) == ["notes.txt"]
    assert (project / "mine" / "notes.txt").read_text("utf-8") == "keep me"


def test_new_refuses_a_file(project, capsys):
    (project / "taken").write_text("x", "utf-8")
    assert main(["new", "taken"]) == 1
    assert "error: taken: exists and is not a folder" in capsys.readouterr().err


def test_new_needs_a_folder_name(capsys):
    assert main(["new"]) == 2


# --- the GitHub Pages workflow ----------------------------------------------------------


def test_repo_workflow_is_the_starter_workflow():
    # One workflow for both; the starter's is the source (copy it over after editing).
    assert REPO_WORKFLOW.read_bytes() == STARTER_WORKFLOW.read_bytes()


@pytest.mark.parametrize("workflow", [REPO_WORKFLOW, STARTER_WORKFLOW], ids=["repo", "starter"])
def test_workflow_validates_against_githubs_schema(workflow):
    pytest.importorskip("check_jsonschema")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_builds_and_deploys_with_the_official_actions():
    flow = yaml.safe_load(STARTER_WORKFLOW.read_text("utf-8"))
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"] + deploy["steps"]]
    for action in (
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ):
        assert any(u.startswith(action) for u in uses), action
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert "paperpick build" in runs
    assert "pip install" in runs
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["permissions"] == {"contents": "read"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "group" in flow["concurrency"]


def test_starter_ships_in_the_package():
    # Read as text: tomllib needs Python 3.11 and paperpick supports 3.10.
    lines = (ROOT / "pyproject.toml").read_text("utf-8").splitlines()
    packages = next(line for line in lines if line.startswith("packages = "))
    assert '"generator.starter"' in packages
    assert '"generator.starter" = ["*"]' in lines
    for name in FILES:
        assert (STARTER / name).is_file(), name


def test_two_new_projects_keep_their_ticks_apart(tmp_path):
    from generator.config import read_config
    from generator.scaffold import new_project

    new_project(tmp_path / "Reading Group")
    new_project(tmp_path / "lab_papers")
    one = read_config(tmp_path / "Reading Group" / "config.yml").lists[0]
    two = read_config(tmp_path / "lab_papers" / "config.yml").lists[0]
    assert (one.slug, one.csv) == ("reading-group", "selected_reading-group_papers.csv")
    assert (two.slug, two.csv) == ("lab", "selected_lab_papers.csv")
