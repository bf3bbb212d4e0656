"""Start a new paperpick project: config, a sample list, a README and the Pages workflow."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .config import default_csv_name, slug_for
from .errors import PaperpickError
from .wheel import pack

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
WHEELS = "wheels"  # the project's copy of paperpick, which its Pages workflow installs
# A requirements line that installs paperpick: a wheel of it, or the name from an index.
PAPERPICK_LINE = re.compile(r"\s*(\./)?(wheels/)?paperpick(-[^/\s]*\.whl)?\s*([=<>~!@;\[]|$)")


class ScaffoldError(PaperpickError):
    """The new project cannot be made where asked."""


def requirements_text(wheel: str) -> str:
    """Write requirements.txt: the paperpick the Pages workflow installs."""
    return (
        "# The paperpick that .github/workflows/pages.yml installs to build the site: the one\n"
        f"# that made this project, carried in {WHEELS}/ so the build needs no package index to\n"
        "# have it. `paperpick upgrade` (run by a newer paperpick) replaces it. Once paperpick\n"
        "# is on PyPI you may write `paperpick==VERSION` here instead.\n"
        f"./{WHEELS}/{wheel}\n"
    )


def write_wheel(folder: Path, wheel: tuple[str, bytes]) -> Path:
    """Write a packed paperpick (name, bytes) into the project's wheels/ folder."""
    name, data = wheel
    path = folder / WHEELS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def starter_config(folder: Path) -> str:
    """Give the starter config with a slug and a site_id of the project's own, from its
    folder's name.

    Every page opened from disk, like every GitHub Pages site of one user, shares one
    storage: picks are kept per site_id (and by earlier versions per slug), so two projects
    must not both be called 'papers'.
    """
    slug = slug_for(Path(folder.resolve().name + ".md"))
    text = (STARTER / "config.yml").read_text(encoding="utf-8")
    return (
        text.replace("    slug: papers ", f"    slug: {slug} ")
        .replace("    csv: selected_papers.csv ", f"    csv: {default_csv_name(slug)} ")
        .replace("\nsite_id: papers\n", f"\nsite_id: {slug}\n")
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
    wheel = pack()  # before writing anything: it is what may fail
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
        path.write_text(requirements_text(wheel[0]), encoding="utf-8")
        written += [write_wheel(folder, wheel), path]
    except OSError as err:
        raise ScaffoldError(f"cannot write the project: {err.strerror}", str(folder)) from None
    return written


def pin_requirements(text: str, wheel: str) -> str:
    """Point requirements.txt's paperpick line at wheel, keeping every other line."""
    line = f"./{WHEELS}/{wheel}"
    lines = [line if PAPERPICK_LINE.match(old) else old for old in text.splitlines()]
    if line not in lines:
        lines.append(line)
    return "\n".join(lines) + "\n"


def upgrade_project(folder: Path) -> tuple[Path, list[str]]:
    """Make a project's Pages build install the running paperpick; give its wheel, and the
    names of the wheels it replaced."""
    if not (folder / "config.yml").is_file():
        raise ScaffoldError(
            "no config.yml here; run 'paperpick upgrade' in a project 'paperpick new' made",
            str(folder),
        )
    wheel = pack()
    requirements = folder / "requirements.txt"
    try:
        text = requirements.read_text("utf-8") if requirements.exists() else ""
        path = write_wheel(folder, wheel)
        requirements.write_text(
            pin_requirements(text, path.name) if text else requirements_text(path.name), "utf-8"
        )
        replaced = sorted(p.name for p in path.parent.glob("paperpick-*.whl") if p != path)
        for name in replaced:
            (path.parent / name).unlink()
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise ScaffoldError(f"cannot upgrade the project: {reason}", str(folder)) from None
    return path, replaced
