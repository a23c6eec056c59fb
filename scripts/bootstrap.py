#!/usr/bin/env python3
"""Install everything into ./.venv, then open the chat or run the tests.

    python3.11 scripts/bootstrap.py chat [qa chat options]   # over the repository's seeds/
    python3.11 scripts/bootstrap.py test [pytest options]

Installing is skipped when pyproject.toml has not changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".qa-installed"
TORCH = "torch==2.13.0"  # the CPU build; pinned and installed first so nothing pulls a CUDA one
PYTEST_NO_TESTS = 5


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        print(f"qa needs Python 3.11 or newer; this is {sys.version.split()[0]}", file=sys.stderr)
        return 2
    if not argv or argv[0] not in {"chat", "test", "install"}:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    python = install()
    if command == "install":
        return 0
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if command == "chat":
        # The repository's own articles and index, wherever the user's collection is.
        qa = VENV / "bin" / "qa"
        folders = ["--seeds", str(ROOT / "seeds"), "--index", str(ROOT / "index")]
        return subprocess.call([str(qa), "chat", *folders, *rest], cwd=ROOT, env=env)
    code = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    if code == PYTEST_NO_TESTS:
        print("pytest collected no tests: that is a failure, not a pass", file=sys.stderr)
        return 1
    return code


def install() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    print("installing qa and its dependencies into .venv (first run: a few minutes) …",
          file=sys.stderr)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.check_call([*pip, TORCH], cwd=ROOT)
    subprocess.check_call([*pip, "-e", ".[test]"], cwd=ROOT)
    STAMP.write_text(wanted + "\n")
    return python


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        print(f"install failed (exit {error.returncode}): see pip's message above", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
