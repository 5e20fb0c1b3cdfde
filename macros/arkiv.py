"""Every version of the plan's data: the current one in data/, each frozen one in arkiv/NAMN/, and which one a page reads."""

from __future__ import annotations

import copy
import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

from .data import DATA_DIR, SCHEMA_DIR, DataError, Problem, _line, load_all, parse_yaml
from .versioner import advisories as _advisories

# Frozen versions: the data and schemas in arkiv/NAMN/, the pages in docs/arkiv/NAMN/.
ARKIV_DIR = "arkiv"
CURRENT = ""  # the name of the current data set


def archive_names(root: Path) -> list[str]:
    """The names of the frozen data sets in arkiv/, such as '2016-2018'."""
    folder = root / ARKIV_DIR
    return sorted(p.name for p in folder.iterdir() if (p / DATA_DIR).is_dir()) if folder.is_dir() else []


def archive_prefix(name: str) -> str:
    """Where an archived version's pages live under docs/."""
    return f"{ARKIV_DIR}/{name}/"


def data_file(name: str, key: str) -> str:
    """The path of one data file of a data set, from the project root."""
    base = DATA_DIR if name == CURRENT else f"{ARKIV_DIR}/{name}/{DATA_DIR}"
    return f"{base}/{key}.yaml"


def archived(data: dict, name: str) -> dict:
    """A frozen data set whose plan pages point to their archived copies (plan/x.md -> arkiv/NAMN/x.md)."""
    data = dict(data)
    data["avsnitt"] = copy.deepcopy(data["avsnitt"])
    for item in data["avsnitt"]["avsnitt"]:
        if item["sida"].startswith("plan/"):
            item["sida"] = archive_prefix(name) + item["sida"].removeprefix("plan/")
    return data


def load_sets(root: Path, docs_dir: Path) -> dict[str, dict]:
    """Load data/ and every frozen data set in arkiv/ with its own schemas; raise DataError with every problem of all of them."""
    sets: dict[str, dict] = {}
    problems: list[Problem] = []
    try:
        sets[CURRENT] = load_all(root, docs_dir=docs_dir)
    except DataError as error:
        problems += error.problems
    names = archive_names(root)
    for name in names:
        base = root / ARKIV_DIR / name
        if not (base / SCHEMA_DIR).is_dir():
            problems.append(Problem(f"{ARKIV_DIR}/{name}/{SCHEMA_DIR}", 1, "$", f"de arkiverade schemana saknas; kopiera {SCHEMA_DIR}/ från den version som arkiverades"))
            continue
        try:
            sets[name] = archived(load_all(base, data_dir=base / DATA_DIR), name)
        except DataError as error:
            problems += [dataclasses.replace(p, file=f"{ARKIV_DIR}/{name}/{p.file}") for p in error.problems]
    problems += _check_versions(root, sets) + _check_pages(docs_dir, names)
    if problems:
        raise DataError(problems)
    return sets


def _check_versions(root: Path, sets: dict[str, dict]) -> list[Problem]:
    """Each archived version is older than the current one, and archived once: otherwise the revision is half done."""
    if CURRENT not in sets:
        return []
    current = sets[CURRENT]["plan"]["versioner"][0]["version"]
    problems, seen = [], {}
    for name in sorted(n for n in sets if n != CURRENT):
        version = sets[name]["plan"]["versioner"][0]["version"]
        where = f"{ARKIV_DIR}/{name}/{DATA_DIR}/plan.yaml"
        if version >= current:
            line = line_of(root / DATA_DIR / "plan.yaml", ("versioner", 0, "version"))
            problems.append(Problem(f"{DATA_DIR}/plan.yaml", line, "$.versioner[0].version",
                                    f"version {version} finns redan i arkivet {where}; lägg till den nya versionen överst i versioner"))
        elif version in seen:
            line = line_of(root / where, ("versioner", 0, "version"))
            problems.append(Problem(where, line, "$.versioner[0].version", f"version {version} är redan arkiverad i {seen[version]}"))
        seen.setdefault(version, where)
    return problems


def _check_pages(docs_dir: Path, names: list[str]) -> list[Problem]:
    """Every archived data set has its frozen pages under docs/arkiv/, and the other way round."""
    pages = docs_dir / ARKIV_DIR
    frozen_pages = {p.name for p in pages.iterdir() if p.is_dir()} if pages.is_dir() else set()
    docs = docs_dir.name
    problems = []
    for name in sorted(frozen_pages - set(names)):
        problems.append(Problem(f"{docs}/{ARKIV_DIR}/{name}", 1, "$", f"arkiverade sidor utan data: mappen {ARKIV_DIR}/{name}/{DATA_DIR}/ saknas"))
    for name in sorted(set(names) - frozen_pages):
        problems.append(Problem(f"{ARKIV_DIR}/{name}/{DATA_DIR}", 1, "$", f"arkiverade data utan sidor: mappen {docs}/{ARKIV_DIR}/{name}/ saknas"))
    return problems


def line_of(file: Path, path: tuple) -> int:
    """The line of a JSON path in a YAML file that has already been checked."""
    return _line(parse_yaml(file.read_bytes(), file.name)[1], path)


def set_of_page(src_uri: str | None, names) -> str:
    """The data set a docs/ page reads: its archive's for pages under arkiv/NAMN/, otherwise the current one."""
    for name in names:
        if name != CURRENT and src_uri and src_uri.startswith(archive_prefix(name)):
            return name
    return CURRENT


class _View(Mapping):
    """One data set, noting each data file that the page being rendered reads."""

    def __init__(self, owner: PageData, name: str):
        """Read set `name` on behalf of `owner`."""
        self.owner, self.name = owner, name

    def __getitem__(self, key):
        """A data file's contents, noted as read by the page being rendered."""
        page = self.owner.rendering()
        if page is not None:
            self.owner.used[page].add(data_file(self.name, key))
        return self.owner.sets[self.name][key]

    def __iter__(self):
        """The data files' names."""
        return iter(self.owner.sets[self.name])

    def __len__(self):
        """The number of data files."""
        return len(self.owner.sets[self.name])


class PageData(Mapping):
    """The data of the page being rendered: its archive's for an archived page, else data/; remembers which files each page read."""

    def __init__(self, sets: dict[str, dict], rendering: Callable[[], str | None]):
        """Serve `sets`; `rendering()` names the docs/ page being rendered, or None while the site is set up."""
        self.sets, self.rendering = sets, rendering
        self.used: dict[str, set[str]] = defaultdict(set)

    def _page_set(self) -> Mapping:
        """The data set of the page being rendered."""
        return self.of(set_of_page(self.rendering(), self.sets))

    def __getitem__(self, key):
        """A data file of the page's data set, such as d["plan"]."""
        return self._page_set()[key]

    def __iter__(self):
        """The data files' names."""
        return iter(self._page_set())

    def __len__(self):
        """The number of data files."""
        return len(self._page_set())

    def of(self, name: str) -> Mapping:
        """One data set by name, noting what the page being rendered reads from it."""
        return _View(self, name)

    def archives(self) -> list[str]:
        """The archived data sets, the newest version first."""
        return sorted((n for n in self.sets if n != CURRENT), key=lambda n: -self.sets[n]["plan"]["versioner"][0]["version"])

    def previous(self) -> tuple[Mapping, str] | None:
        """The newest archived version's data and the docs/ path of its first page, or None when nothing is archived."""
        names = self.archives()
        return (self.of(names[0]), archive_prefix(names[0]) + "index.md") if names else None

    def archived_versions(self) -> dict[int, str]:
        """Each archived version's number and the docs/ path of its first page."""
        return {self.sets[n]["plan"]["versioner"][0]["version"]: archive_prefix(n) + "index.md" for n in self.archives()}


class Lazy(Mapping):
    """A mapping built from the data set of the page being rendered, rebuilt only when that data changes.

    source() is read on every use: it picks the page's data set and notes the read for the page's date.
    make(source) builds the mapping; it is kept until source() returns another object (another data set).
    """

    def __init__(self, source: Callable[[], object], make: Callable[[object], Mapping]):
        """Build the mapping with make(source()) when it is used."""
        self.source, self.make = source, make
        self._made: tuple[object, Mapping] | None = None

    def _mapping(self) -> Mapping:
        """The mapping for the current data set, built once per data set."""
        source = self.source()
        if self._made is None or self._made[0] is not source:
            self._made = (source, self.make(source))
        return self._made[1]

    def __getitem__(self, key):
        """One item of the mapping."""
        return self._mapping()[key]

    def __iter__(self):
        """The keys of the mapping."""
        return iter(self._mapping())

    def __len__(self):
        """The size of the mapping."""
        return len(self._mapping())

    # Whole-mapping reads in one step (Mapping's defaults would look up every key anew).
    def keys(self):
        """The keys of the mapping."""
        return self._mapping().keys()

    def items(self):
        """The items of the mapping."""
        return self._mapping().items()

    def values(self):
        """The values of the mapping."""
        return self._mapping().values()

    def get(self, key, default=None):
        """One item, or default."""
        return self._mapping().get(key, default)

    def __contains__(self, key):
        """Whether the mapping has the key."""
        return key in self._mapping()


def advisories(root: Path, data: dict, today: datetime.date, data_dir: Path | None = None) -> list[Problem]:
    """Advice for the editor (validity passed, past activities without status), located at file and line; never an error."""
    data_dir = data_dir or root / DATA_DIR

    def lines(name: str) -> dict:
        """The line of every path in one data file."""
        return parse_yaml((data_dir / f"{name}.yaml").read_bytes(), f"{DATA_DIR}/{name}.yaml")[1]

    return _advisories(data["plan"], lines("plan"), data["aktivitetsplan"], lines("aktivitetsplan"), today)
