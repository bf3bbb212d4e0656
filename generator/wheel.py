"""Pack the running paperpick as a wheel, so a project can install this very paperpick anywhere.

A project made by `paperpick new` carries the wheel and its GitHub Pages workflow installs it:
paperpick need not be on any package index, and the site is built by the same code the
project was made with. The wheel holds what `python -m build` puts in one (the package, its
theme and starter, the installed metadata); tests/test_release.py compares the two.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import zipfile
from importlib import metadata
from pathlib import Path

from . import __version__
from .build import default_theme_dir
from .errors import PaperpickError

PACKAGE = Path(__file__).resolve().parent
NAME = f"paperpick-{__version__}-py3-none-any.whl"
DIST_INFO = f"paperpick-{__version__}.dist-info"
WHEEL = (
    "Wheel-Version: 1.0\n"
    f"Generator: paperpick {__version__}\n"
    "Root-Is-Purelib: true\n"
    "Tag: py3-none-any\n"
)
# Zip entries carry no clock time, so one paperpick always packs to the same bytes.
EPOCH = (1980, 1, 1, 0, 0, 0)


class WheelError(PaperpickError):
    """The running paperpick cannot be packed."""


def _shipped(relative: Path) -> bool:
    """Tell whether a file under the package is part of it (not a cache or a hidden file)."""
    return not any(part == "__pycache__" or part.startswith(".") for part in relative.parts)


def _tree(folder: Path, prefix: str) -> dict[str, bytes]:
    """Read every shipped file under folder, named prefix + its relative path."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and _shipped(relative) and path.suffix not in (".pyc", ".pyo"):
            files[prefix + relative.as_posix()] = path.read_bytes()
    return files


def package_files() -> dict[str, bytes]:
    """Read the package's files by their names in the wheel; the theme may sit beside it."""
    files = {
        name: data
        for name, data in _tree(PACKAGE, "generator/").items()
        if not name.startswith("generator/theme/")
    }
    files.update(_tree(default_theme_dir(), "generator/theme/"))
    return files


def declared_dependencies() -> list[str] | None:
    """Read pyproject.toml's dependencies when paperpick runs from a checkout (Python 3.11+)."""
    pyproject = PACKAGE.parent / "pyproject.toml"
    if (PACKAGE / "theme").is_dir() or not pyproject.is_file():
        return None  # installed from a wheel: its metadata is the one built with it
    try:
        import tomllib
    except ImportError:  # Python 3.10 reads no TOML; the metadata is taken as it is
        return None
    return tomllib.loads(pyproject.read_text("utf-8"))["project"]["dependencies"]


def _same_requirements(installed: list[str], declared: list[str]) -> bool:
    """Compare requirement lists, ignoring order, spaces and the case of names."""
    return sorted(r.replace(" ", "").lower() for r in installed) == sorted(
        r.replace(" ", "").lower() for r in declared
    )


def _matches(dist: metadata.Distribution, declared: list[str] | None) -> bool:
    """Tell whether installed metadata describes this code: its version, its dependencies."""
    installed = [r for r in dist.requires or () if "extra ==" not in r]
    return dist.version == __version__ and (
        declared is None or _same_requirements(installed, declared)
    )


def installed_paperpick() -> metadata.Distribution:
    """Find the metadata of the running paperpick (a checkout may also hold a stale copy)."""
    found = list(metadata.distributions(name="paperpick"))
    if not found:
        raise WheelError(
            "paperpick is not installed, so it cannot be copied into the project; "
            "install it (pip install -e . in a checkout) and run this again"
        )
    declared = declared_dependencies()
    for dist in found:
        if _matches(dist, declared):
            return dist
    raise WheelError(
        f"the installed paperpick's metadata (version {found[0].version}) is not this "
        f"code's (version {__version__}, pyproject.toml's dependencies); reinstall it "
        "(pip install -e . in the checkout) and run this again"
    )


def dist_info_files() -> dict[str, bytes]:
    """Read the installed paperpick's metadata (METADATA, entry points, licence)."""
    dist = installed_paperpick()
    texts = {
        "METADATA": dist.read_text("METADATA") or dist.read_text("PKG-INFO"),
        "entry_points.txt": dist.read_text("entry_points.txt"),
        "top_level.txt": dist.read_text("top_level.txt"),
    }
    for licence in dist.metadata.get_all("License-File") or ():
        texts[f"licenses/{licence}"] = dist.read_text(f"licenses/{licence}")
    if not texts["METADATA"]:
        raise WheelError("the installed paperpick has no METADATA; reinstall it and run this again")
    files = {f"{DIST_INFO}/{name}": text.encode("utf-8") for name, text in texts.items() if text}
    return files


def _digest(data: bytes) -> str:
    """Give a file's hash as a wheel's RECORD writes it."""
    raw = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def record(files: dict[str, bytes]) -> bytes:
    """Write the RECORD: every file with its hash and size, RECORD itself last."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for name, data in files.items():
        writer.writerow([name, _digest(data), len(data)])
    writer.writerow([f"{DIST_INFO}/RECORD", "", ""])
    return out.getvalue().encode("utf-8")


def pack() -> tuple[str, bytes]:
    """Pack the running paperpick; give the wheel's file name and bytes."""
    files = package_files()
    files.update(sorted(dist_info_files().items()))
    files[f"{DIST_INFO}/WHEEL"] = WHEEL.encode("ascii")
    files[f"{DIST_INFO}/RECORD"] = record(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return NAME, buffer.getvalue()
