# Shared by scripts/setup and scripts/test (sourced, not run): say what is happening, install
# missing Debian packages, and find or make the Python virtual environment.

say() { printf 'paperpick: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Install those of the named Debian packages that are missing (one apt-get update first).
debian_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not Debian or Ubuntu: install $* yourself; tests that need a missing one are skipped"
    return 0
  fi
  local missing=() name
  for name in "$@"; do
    dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "ok installed" || missing+=("$name")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    say "error: ${missing[*]} missing; install them as root: apt-get install ${missing[*]}"
    exit 1
  fi
  say "installing ${missing[*]} with apt-get (a few minutes, once)..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Set PY and BIN: the active virtual environment's, else .venv/ (made with python3 -m venv).
use_venv() {
  if [ -n "${VIRTUAL_ENV:-}" ]; then
    VENV="$VIRTUAL_ENV"
  else
    VENV=.venv
    if [ ! -x "$VENV/bin/python" ]; then
      command -v python3 >/dev/null 2>&1 || { say "error: python3 is not installed"; exit 1; }
      python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' || {
        say "error: paperpick needs Python 3.10 or newer; python3 is $(python3 -V 2>&1)"
        exit 1
      }
      say "making a virtual environment in .venv/ (python3 -m venv, a few seconds)..."
      if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
        rm -rf "$VENV"  # Debian and Ubuntu ship venv's pip separately
        debian_packages python3-venv
        python3 -m venv "$VENV"
      fi
    fi
  fi
  PY="$VENV/bin/python"
  BIN="$VENV/bin"
}
