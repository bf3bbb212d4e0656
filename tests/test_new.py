"""paperpick new: a project that builds at once; the GitHub Pages workflow is valid."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from generator import __version__
from generator.build import read_list
from generator.cli import main
from generator.config import LIST_KEYS, SITE_KEYS
from generator.scaffold import STARTER, new_project
from tests.workflow import (
    clean_venv,
    run_steps,
    runner_env,
    schema_problems,
    unemulated_uses,
)

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
        f"wheels/paperpick-{__version__}-py3-none-any.whl",
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


def test_requirements_install_the_wheel_the_project_carries(project):
    assert main(["new", "p"]) == 0
    lines = [
        line
        for line in (project / "p" / "requirements.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines == [f"./wheels/paperpick-{__version__}-py3-none-any.whl"]
    with zipfile.ZipFile(project / "p" / lines[0]) as wheel:
        names = wheel.namelist()
        assert wheel.testzip() is None
    assert "generator/cli.py" in names and "generator/starter/papers.md" in names
    assert f"paperpick-{__version__}.dist-info/METADATA" in names
    assert any(name.startswith("generator/theme/") for name in names)


def test_the_same_paperpick_packs_the_same_bytes(tmp_path):
    from generator.scaffold import new_project

    new_project(tmp_path / "a")
    new_project(tmp_path / "b")
    wheel = f"wheels/paperpick-{__version__}-py3-none-any.whl"
    assert (tmp_path / "a" / wheel).read_bytes() == (tmp_path / "b" / wheel).read_bytes()


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
    assert schema_problems(workflow) == ""


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


def test_two_new_projects_keep_their_ticks_apart(tmp_path):
    from generator.config import read_config

    new_project(tmp_path / "Reading Group")
    new_project(tmp_path / "lab_papers")
    one = read_config(tmp_path / "Reading Group" / "config.yml")
    two = read_config(tmp_path / "lab_papers" / "config.yml")
    assert (one.site_id, two.site_id) == ("reading-group", "lab")  # the same title, though
    one, two = one.lists[0], two.lists[0]
    assert (one.slug, one.csv) == ("reading-group", "selected_reading-group_papers.csv")
    assert (two.slug, two.csv) == ("lab", "selected_lab_papers.csv")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_the_pages_workflow_builds_a_new_project_where_paperpick_was_never_installed(
    tmp_path, monkeypatch
):
    # The user: paperpick new, then push. The runner: checkout, setup-python, then every
    # run: step of the build job, with only PyPI to install from.
    project = tmp_path / "reading-group"
    new_project(project)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Start the list")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(project), str(checkout))  # only what was committed
    env = runner_env(clean_venv(tmp_path / "runner"))
    never = subprocess.run(["python", "-c", "import generator"], cwd=checkout, env=env)
    assert never.returncode != 0  # paperpick is not importable there
    assert shutil.which("paperpick", path=env["PATH"]) is None

    ran = run_steps(STARTER_WORKFLOW, "build", checkout, env)

    assert ran == [
        "Install paperpick",
        "Build the site",
        "Check that a committed site/ is up to date",
    ]
    page = checkout / "site" / "index.html"
    assert page.read_text("utf-8").count("data-paper-id=") == 4
    # It is this very paperpick: the page is byte for byte the one built here.
    monkeypatch.chdir(project)
    assert main(["build"]) == 0
    assert page.read_bytes() == (project / "site" / "index.html").read_bytes()
    # What the runner does next only deploys: the official Pages actions upload site/.
    rest = [step["uses"].split("@")[0] for step in unemulated_uses(STARTER_WORKFLOW, "build")]
    assert rest == ["actions/configure-pages", "actions/upload-pages-artifact"]


def test_upgrade_puts_this_paperpick_in_the_project_and_keeps_other_requirements(project, capsys):
    assert main(["new", "p"]) == 0
    wheels = project / "p" / "wheels"
    current = wheels / f"paperpick-{__version__}-py3-none-any.whl"
    old = wheels / "paperpick-0.0.1-py3-none-any.whl"
    current.rename(old)
    requirements = project / "p" / "requirements.txt"
    text = requirements.read_text("utf-8").replace(current.name, old.name) + "pyyaml>=6\n"
    requirements.write_text(text, "utf-8")
    capsys.readouterr()

    assert main(["upgrade", "p"]) == 0

    assert sorted(p.name for p in wheels.iterdir()) == [current.name]
    lines = requirements.read_text("utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        f"./wheels/{current.name}",
        "pyyaml>=6",
    ]
    out = capsys.readouterr().out
    assert f"wrote p/wheels/{current.name} (replacing {old.name})" in out


def test_upgrade_replaces_a_paperpick_from_an_index(project):
    assert main(["new", "p"]) == 0
    (project / "p" / "requirements.txt").write_text("paperpick==0.0.1\n", "utf-8")
    assert main(["upgrade", "p"]) == 0
    text = (project / "p" / "requirements.txt").read_text("utf-8")
    assert text == f"./wheels/paperpick-{__version__}-py3-none-any.whl\n"


def test_upgrade_outside_a_project_is_one_line_and_writes_nothing(project, capsys):
    assert main(["upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: .: no config.yml here; run 'paperpick upgrade' in a project")
    assert err.count("\n") == 1
    assert not any(project.iterdir())


def test_new_from_a_checkout_whose_install_is_stale_says_so_and_writes_nothing(
    project, capsys, monkeypatch
):
    import generator.wheel

    monkeypatch.setattr(generator.wheel, "declared_dependencies", lambda: ["jinja2>=99"])
    assert main(["new", "p"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the installed paperpick's metadata (version ")
    assert "pip install -e ." in err and err.count("\n") == 1
    assert not (project / "p").exists()
