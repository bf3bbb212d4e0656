"""Run a GitHub Actions job's `run:` steps on this machine, as its runner would.

A clean virtual environment stands in for actions/setup-python (its `python` first on PATH),
a git clone for actions/checkout. pip sees only the normal package index (PyPI): no config
file, no find-links, no extra index, and nothing from the venv running the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

# Settings the runner's pip needs to reach PyPI from here (certificates, proxies), never
# a source of packages.
PASSED_ON = {
    "HOME",
    "LANG",
    "LC_ALL",
    "TMPDIR",
    "PIP_CERT",
    "PIP_DEFAULT_TIMEOUT",
    "SSL_CERT_FILE",
    "REQUESTS_CA_BUNDLE",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
}
# Actions the runner's steps stand for here; any other `uses:` in a job's steps must only run
# for a deployment (tests check the job's output instead).
EMULATED = ("actions/checkout@", "actions/setup-python@")


def clean_venv(folder: Path) -> Path:
    """Make a virtual environment with no packages but pip; give its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    return folder / "bin"


def runner_env(bin_dir: Path, **extra: str) -> dict[str, str]:
    """Give the environment of a runner whose setup-python installed into bin_dir."""
    env = {key: value for key, value in os.environ.items() if key in PASSED_ON}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}/usr/local/bin{os.pathsep}/usr/bin{os.pathsep}/bin",
        PIP_CONFIG_FILE=os.devnull,  # no pip.conf: PyPI is the only index
        CI="true",
        GITHUB_ACTIONS="true",
    )
    env.update(extra)
    return env


def job_steps(workflow: Path, job: str) -> list[dict]:
    """Read a job's steps."""
    return yaml.safe_load(workflow.read_text("utf-8"))["jobs"][job]["steps"]


def run_steps(workflow: Path, job: str, cwd: Path, env: dict[str, str], event="push") -> list[str]:
    """Run every `run:` step of the job in order (bash -e, as GitHub does); give their names.

    A step whose `if:` rules it out for the event is skipped, as on GitHub.
    """
    ran = []
    for step in job_steps(workflow, job):
        if "run" not in step or not _runs_for(step, event):
            continue
        name = step.get("name", step["run"].splitlines()[0])
        result = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=cwd,
            env={**env, "GITHUB_EVENT_NAME": event},
            capture_output=True,
            text=True,
            timeout=900,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"step '{name}' failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        ran.append(name)
    return ran


def _runs_for(step: dict, event: str) -> bool:
    """Tell whether a step's `if:` lets it run for the event (the two forms used here)."""
    condition = step.get("if", "").replace(" ", "")
    if condition == "github.event_name!='pull_request'":
        return event != "pull_request"
    assert condition == "", f"cannot evaluate if: {step['if']!r}"
    return True


def unemulated_uses(workflow: Path, job: str) -> list[dict]:
    """Give the job's `uses:` steps that no runner step here stands for."""
    return [
        step
        for step in job_steps(workflow, job)
        if "uses" in step and not step["uses"].startswith(EMULATED)
    ]


def schema_problems(workflow: Path) -> str:
    """Check a workflow against GitHub's schema (bundled with check-jsonschema: offline)."""
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
    return "" if result.returncode == 0 else result.stdout + result.stderr
