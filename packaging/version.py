"""Print postedit's version as pyproject.toml states it (the one place it is written).

    python packaging/version.py            # 0.1.0
    python packaging/version.py --windows  # 0.1.0.0 (Inno Setup's four-part VersionInfoVersion)

The release workflow and the installer scripts call this, so the installers, the
dmg name and the app bundle never disagree with the package.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def project_version(pyproject: Path = PYPROJECT) -> str:
    with pyproject.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def windows_version(version: str) -> str:
    """The leading numbers of `version` as the four-part a.b.c.d Windows wants."""
    leading = re.match(r"\d+(?:\.\d+)*", version)
    numbers = leading.group(0).split(".")[:4] if leading else []
    return ".".join(numbers + ["0"] * (4 - len(numbers)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print postedit's version.")
    parser.add_argument("--windows", action="store_true", help="as four numbers a.b.c.d")
    args = parser.parse_args(argv)
    version = project_version()
    print(windows_version(version) if args.windows else version)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
