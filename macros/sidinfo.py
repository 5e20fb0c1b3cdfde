"""When each page's content last changed (git dates only, never authors) and which version of the plan it belongs to, for the page template.

A page's content comes from its Markdown file and from the data files its
macros read (macros.arkiv.PageData notes them while the page is rendered), so
its date is the newest date of those files. A file's date is the committer
date of the last commit that changed it. A file that has changes not yet
committed, or a project outside git, has the date the file was last saved
(its modification time): that is when its content changed.
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Mapping
from pathlib import Path

from .arkiv import CURRENT, set_of_page


def _git(root: Path, *args: str) -> str | None:
    """Run git in root; its output, or None when git or the repository is missing."""
    try:
        result = subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


class FileDates:
    """The date each file's content last changed, from git where the file is committed unchanged, else its modification time."""

    def __init__(self, root: Path):
        """Read the history of root once, on first use."""
        self.root = root
        self._committed: dict[str, str] | None = None
        self._changed: set[str] = set()

    def _load(self) -> None:
        """Read every file's newest commit date and the files with uncommitted changes."""
        self._committed = {}
        top = _git(self.root, "rev-parse", "--show-toplevel")
        if top is None:
            return
        prefix = self.root.resolve().relative_to(Path(top.strip()).resolve()).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        log = _git(self.root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", ".") or ""
        date = None
        for line in log.splitlines():
            if line.startswith("\0"):
                date = line[1:]
            elif line and date and line.startswith(prefix):
                path = line.removeprefix(prefix)
                self._committed[path] = max(date, self._committed.get(path, date))
        status = _git(self.root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".") or ""
        entries = iter(status.split("\0"))
        for entry in entries:
            if len(entry) < 4:
                continue
            if "R" in entry[:2] or "C" in entry[:2]:
                next(entries, None)  # a rename or copy is followed by its old path
            path = entry[3:]
            if path.startswith(prefix):
                self._changed.add(path.removeprefix(prefix))

    def date(self, path: str) -> str | None:
        """The ISO date of a file given relative to root, or None if it does not exist."""
        if self._committed is None:
            self._load()
        if path in self._committed and path not in self._changed:
            return self._committed[path]
        file = self.root / path
        if not file.is_file():
            return None
        return datetime.date.fromtimestamp(file.stat().st_mtime).isoformat()


class PageInfo(Mapping):
    """For each page (by its docs/ path): when its content last changed, the plan version it belongs to, and the one in force."""

    def __init__(self, root: Path, docs_dir: Path, sets: dict[str, dict], used: Mapping[str, set[str]]):
        """Describe pages of the project at root, whose macros read `sets` and noted what they read in `used`."""
        self.root, self.sets, self.used = root, sets, used
        self.docs = docs_dir.resolve().relative_to(root.resolve()).as_posix()
        self.dates = FileDates(root)

    def __getitem__(self, src_uri: str) -> dict:
        """The facts the page template shows for one page."""
        files = [f"{self.docs}/{src_uri}", *sorted(self.used.get(src_uri, ()))]
        dates = [d for d in (self.dates.date(f) for f in files) if d]
        name = set_of_page(src_uri, self.sets)
        plan_page = src_uri.startswith("plan/") or src_uri == "index.md" or name != CURRENT
        return {
            "andrad": max(dates) if dates else None,
            "version": self.sets[name]["plan"]["versioner"][0] if plan_page else None,
            "arkiv": name or None,
            "gallande": self.sets[CURRENT]["plan"]["versioner"][0],
        }

    def __iter__(self):
        """The pages rendered so far."""
        return iter(self.used)

    def __len__(self):
        """The number of pages rendered so far."""
        return len(self.used)

