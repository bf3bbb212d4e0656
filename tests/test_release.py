"""Release: the release workflow's own steps build an sdist and a wheel PyPI accepts, which
carry the theme and the starter and work in a clean venv; the version is written once."""

from __future__ import annotations

import email
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from generator import __version__
from tests.workflow import (
    clean_venv,
    job_steps,
    run_steps,
    runner_env,
    schema_problems,
    unemulated_uses,
)

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
WHEEL = f"paperpick-{__version__}-py3-none-any.whl"
SDIST = f"paperpick-{__version__}.tar.gz"


def source_files() -> list[str]:
    """Name the files a clean checkout of this tree has (tracked, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return [name for name in listed.stdout.decode().split("\0") if (ROOT / name).is_file()]


def shipped(folder: str) -> list[str]:
    """Name every file of the checkout under folder (the theme, the starter)."""
    return sorted(name for name in source_files() if name.startswith(folder + "/"))


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """Copy this tree as actions/checkout would give it."""
    folder = tmp_path_factory.mktemp("release") / "paperpick"
    for name in source_files():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    """Give the environment of a runner fresh from actions/setup-python."""
    return runner_env(clean_venv(tmp_path_factory.mktemp("runner") / "venv"))


def release_env(runner, tag: str) -> dict[str, str]:
    return {**runner, "GITHUB_REF_NAME": tag, "GITHUB_REF": f"refs/tags/{tag}"}


@pytest.fixture(scope="module")
def dist(checkout, runner) -> Path:
    """Run every run: step of the release workflow's build job, tagged v<version>."""
    ran = run_steps(RELEASE, "build", checkout, release_env(runner, f"v{__version__}"))
    assert ran == [
        "Install the build tools",
        "Check the tag names the version, and the changelog has it",
        "Build the sdist and the wheel",
        "Check them as PyPI will",  # twine check --strict
    ]
    return checkout / "dist"


def test_the_release_builds_one_sdist_and_one_wheel_twine_accepts(dist, runner):
    assert sorted(p.name for p in dist.iterdir()) == [WHEEL, SDIST]
    check = subprocess.run(
        ["python", "-m", "twine", "check", "--strict", str(dist / WHEEL), str(dist / SDIST)],
        env=runner,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("PASSED") == 2


def test_a_tag_that_is_not_the_version_publishes_nothing(checkout, runner, dist):
    step = next(
        s for s in job_steps(RELEASE, "build") if s.get("name", "").startswith("Check the tag")
    )
    wrong = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=checkout,
        env=release_env(runner, "v99.0.0"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wrong.returncode == 1
    assert f"tag v99.0.0 is not v{__version__}" in wrong.stdout


def test_both_carry_every_module_and_every_file_of_the_theme_and_the_starter(dist):
    with zipfile.ZipFile(dist / WHEEL) as wheel:
        in_wheel = set(wheel.namelist())
    with tarfile.open(dist / SDIST) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    theme, starter = shipped("theme"), shipped("generator/starter")
    modules = [name for name in shipped("generator") if name.endswith(".py")]
    assert theme and starter and "generator/cli.py" in modules
    assert {"generator/" + name for name in theme} <= in_wheel
    assert set(starter + modules) <= in_wheel
    assert set(theme + starter + modules) <= in_sdist
    assert {"README.md", "LICENSE", "CHANGELOG.md", "pyproject.toml"} <= in_sdist


def test_the_metadata_says_what_pypi_shows(dist):
    with zipfile.ZipFile(dist / WHEEL) as wheel:
        meta = email.message_from_bytes(wheel.read(f"paperpick-{__version__}.dist-info/METADATA"))
    assert meta["Version"] == __version__  # from generator/__init__.py, the one place
    assert meta["License-Expression"] == "MIT"
    assert meta["Requires-Python"] == ">=3.10"
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL"))
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(urls)
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.10" in classifiers
    assert any(c.startswith("Topic :: ") for c in classifiers)
    assert meta["Description-Content-Type"] == "text/markdown"


def test_the_changelog_has_the_version():
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"\n## [{__version__}]" in text


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> dict[str, str]:
    """Install the wheel, as a user would from PyPI, into a clean venv; give its env."""
    env = runner_env(clean_venv(tmp_path_factory.mktemp("user") / "venv"))
    subprocess.run(
        ["python", "-m", "pip", "install", "-q", str(dist / WHEEL)],
        env=env,
        check=True,
        timeout=600,
    )
    return env


def paperpick(env: dict[str, str], cwd: Path, *args: str) -> str:
    """Run the installed paperpick command; give what it printed."""
    run = subprocess.run(
        ["paperpick", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_the_installed_wheel_builds_a_list(installed, tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "good" / "varied.md", tmp_path / "varied.md")
    assert paperpick(installed, tmp_path, "--version") == f"paperpick {__version__}\n"
    paperpick(installed, tmp_path, "build", "varied.md")
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "data-paper-id=" in page and "<math" in page
    assert "paperpick-data" in page  # the theme's script and data came along


def test_a_project_made_by_the_installed_wheel_carries_that_very_wheel(installed, dist, tmp_path):
    paperpick(installed, tmp_path, "new", "proj")
    with zipfile.ZipFile(tmp_path / "proj" / "wheels" / WHEEL) as carried:
        ours = {n: carried.read(n) for n in carried.namelist() if not n.endswith("/RECORD")}
    with zipfile.ZipFile(dist / WHEEL) as released:
        theirs = {n: released.read(n) for n in released.namelist() if not n.endswith("/RECORD")}
    del ours[f"paperpick-{__version__}.dist-info/WHEEL"]  # says which tool packed it
    del theirs[f"paperpick-{__version__}.dist-info/WHEEL"]
    assert sorted(ours) == sorted(theirs)
    assert ours == theirs


def test_the_release_publishes_with_trusted_publishing():
    import yaml

    flow = yaml.safe_load(RELEASE.read_text("utf-8"))
    assert flow[True]["push"]["tags"] == ["v*"]  # YAML reads the key 'on' as True
    assert flow["permissions"] == {"contents": "read"}
    publish = flow["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [step["uses"] for step in publish["steps"]]
    assert uses[-1] == "pypa/gh-action-pypi-publish@release/v1"
    assert not any("password" in step.get("with", {}) for step in publish["steps"])
    upload = unemulated_uses(RELEASE, "build")
    assert [s["uses"].split("@")[0] for s in upload] == ["actions/upload-artifact"]
    assert upload[0]["with"]["path"] == "dist/"


def test_the_release_workflow_validates_against_githubs_schema():
    assert schema_problems(RELEASE) == ""
