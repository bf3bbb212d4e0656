"""Start a new paperpick project: config, a sample list, a README and the Pages workflow."""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

from . import __version__
from .config import default_csv_name, slug_for
from .errors import PaperpickError

STARTER = Path(__file__).resolve().parent / "starter"
# Starter file -> where it goes in the new project. The starter keeps no dot names, so
# packaging tools cannot skip them; .github/workflows/pages.yml of paperpick's own repository
# is a copy of starter/pages.yml (a test keeps the two identical).
FILES = {
    "config.yml": "config.yml",
    "papers.md": "papers.md",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "pages.yml": ".github/workflows/pages.yml",
}


class ScaffoldError(PaperpickError):
    """The new project cannot be made where asked."""


def requirement() -> str:
    """Say how the Pages workflow should install this very paperpick."""
    try:
        direct = json.loads(metadata.distribution("paperpick").read_text("direct_url.json") or "")
    except (metadata.PackageNotFoundError, ValueError):
        direct = {}
    vcs = direct.get("vcs_info") or {}
    url = direct.get("url", "")
    if vcs.get("vcs") == "git" and url.startswith("https://"):
        # Installed from a Git repository: CI installs the same commit.
        return f"paperpick @ git+{url}@{vcs.get('commit_id') or vcs.get('requested_revision')}"
    return f"paperpick=={__version__}"


def requirements_text() -> str:
    """Write requirements.txt: the paperpick the Pages workflow installs."""
    return (
        "# The paperpick that .github/workflows/pages.yml installs to build the site.\n"
        "# Keep it the version you use locally (`paperpick --version`), or point at a\n"
        "# repository: paperpick @ git+https://github.com/OWNER/paperpick@TAG\n"
        f"{requirement()}\n"
    )


def starter_config(folder: Path) -> str:
    """Give the starter config with a slug of the project's own, from its folder's name.

    Ticks are stored per slug, and every page opened from disk, like every GitHub Pages
    site of one user, shares one storage: two projects must not both be called 'papers'.
    """
    slug = slug_for(Path(folder.resolve().name + ".md"))
    text = (STARTER / "config.yml").read_text(encoding="utf-8")
    return text.replace("    slug: papers ", f"    slug: {slug} ").replace(
        "    csv: selected_papers.csv ", f"    csv: {default_csv_name(slug)} "
    )


def new_project(folder: Path) -> list[Path]:
    """Make a new project in folder (new or empty); return the files written."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError("exists and is not a folder; choose a new folder", str(folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(
            "folder is not empty; 'paperpick new' only starts a project in a new or empty "
            "folder, so it never overwrites your files",
            str(folder),
        )
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source, target in FILES.items():
            path = folder / target
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(STARTER / source, path)
            written.append(path)
        config = folder / "config.yml"
        config.write_text(starter_config(folder), encoding="utf-8")
        path = folder / "requirements.txt"
        path.write_text(requirements_text(), encoding="utf-8")
        written.append(path)
    except OSError as err:
        raise ScaffoldError(f"cannot write the project: {err.strerror}", str(folder)) from None
    return written
