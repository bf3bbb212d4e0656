"""Time `paperpick serve` from saving an edit of one paper to the browser being told to reload.

    python bench/edit.py LIST.md [--edits 5]

Starts the real `paperpick serve` on a copy of the list, connects to its live-reload
socket as a browser would (livereload's hello/info handshake), then edits one paper at a
time (its title, then its abstract, in turns, at spread-out places) and times each save
(a rename, as editors save) until the reload message arrives, and until the page served
holds the edit; and the server's CPU time meanwhile (steadier on a busy machine).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^## \d+\. (.+)$", re.MULTILINE)
WAIT = 120.0  # seconds: how long a first build or one reload may take at most


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(folder: Path, list_name: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", list_name, "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + WAIT
    for line in proc.stdout:
        if "serving" in line or time.monotonic() > deadline:
            break
    return proc


def _cpu_seconds(pid: int) -> float:
    """Give the CPU time (user + sys) a process and its ended children (the build's worker
    processes) have used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _edit(text: str, k: int, n_edits: int) -> tuple[str, str]:
    """Change one paper, spread over the list: its title (even k) or its abstract (odd k)."""
    headings = list(HEADING.finditer(text))
    m = headings[(k * 7919 + len(headings) // 3) % len(headings)]
    mark = f"Edited{k}x{n_edits}"
    if k % 2 == 0:
        title = m.group(1)
        end = text.find("<details>", m.end())
        block = text[m.start() : end].replace(title, f"{title} {mark}")
        return text[: m.start()] + block + text[end:], mark
    at = text.find("</details>", m.end())
    return text[:at] + f"One more sentence, {mark}.\n\n" + text[at:], mark


async def _measure(url: str, list_path: Path, edits: int, pid: int) -> list[tuple]:
    from tornado.websocket import websocket_connect

    ws = await websocket_connect(url.replace("http", "ws") + "livereload")
    await ws.write_message(json.dumps({"command": "hello", "protocols": []}))
    await ws.read_message()
    await ws.write_message(json.dumps({"command": "info", "url": url, "plugins": {}}))
    await asyncio.sleep(1.0)
    times = []
    text = list_path.read_text(encoding="utf-8")
    for k in range(edits):
        text, mark = _edit(text, k, edits)
        scratch = list_path.with_name(list_path.name + ".new")
        scratch.write_text(text, encoding="utf-8")
        cpu0, t0 = _cpu_seconds(pid), time.perf_counter()
        scratch.replace(list_path)  # saved whole at once, as editors do
        while True:
            message = await asyncio.wait_for(ws.read_message(), WAIT)
            if message is None:
                raise SystemExit("the server closed the live-reload socket")
            if json.loads(message).get("command") == "reload":
                break
        told = time.perf_counter() - t0
        cpu = _cpu_seconds(pid) - cpu0
        page = urllib.request.urlopen(url, timeout=WAIT).read()
        served = time.perf_counter() - t0
        if mark.encode() not in page:
            raise SystemExit(f"edit {k}: the page served after the reload lacks {mark}")
        times.append((told, served, cpu))
        await asyncio.sleep(1.0)  # let the server settle, as between two saves by hand
    ws.close()
    return times


def measure(list_path: Path, edits: int = 5) -> dict:
    """Serve a copy of the list, edit it `edits` times; give median and worst times (s)."""
    with tempfile.TemporaryDirectory(prefix="paperpick-edit-") as tmp:
        folder = Path(tmp)
        shutil.copy(list_path, folder / list_path.name)
        port = _free_port()
        proc = _start(folder, list_path.name, port)
        try:
            url = f"http://127.0.0.1:{port}/"
            times = asyncio.run(_measure(url, folder / list_path.name, edits, proc.pid))
        finally:
            proc.terminate()
            proc.wait(10)
    told = [t for t, _, _ in times]
    return {
        "edit_reload_s": statistics.median(told),
        "edit_reload_max_s": max(told),
        "edit_served_s": statistics.median(s for _, s, _ in times),
        "edit_cpu_s": statistics.median(c for _, _, c in times),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("list", type=Path)
    ap.add_argument("--edits", type=int, default=5)
    args = ap.parse_args(argv)
    print(json.dumps(measure(args.list, args.edits), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
