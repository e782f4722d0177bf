"""Reader and writer for pabulib ``.pb`` files (https://pabulib.org/format).

A file has three sections, each introduced by its name on a line of its own and followed by a
header row: META (``key;value``), PROJECTS (``project_id;cost;...``) and VOTES
(``voter_id;vote;...``). Fields are ``;``-separated and may be quoted as the csv module does.
Every problem is reported as one :class:`PabulibError` carrying the 1-based line number.
"""

from __future__ import annotations

import csv
import gc
import gzip
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

__all__ = [
    "Ballot",
    "Election",
    "PabulibError",
    "Project",
    "dump_pabulib",
    "money_text",
    "parse_pabulib",
    "read_pabulib",
    "to_money",
]

SECTIONS = ("META", "PROJECTS", "VOTES")
VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")
# Columns the parser turns into typed attributes; all others are kept verbatim in ``extra``.
_PROJECT_TYPED = ("project_id", "cost", "name", "votes", "score", "selected")
_VOTE_TYPED = ("voter_id", "vote", "points")
_INT_RE = re.compile(r"[+-]?\d+(?:\.0*)?")
# Money: "1331751.11", "48000,50" (decimal comma, as pabutools also reads), "1 000" never.
_MONEY_RE = re.compile(r"[+]?\d+(?:[.,]\d+)?")
# Amounts of money are ints when whole and exact Fractions otherwise, never floats.
Money = int | Fraction


class PabulibError(ValueError):
    """A malformed ``.pb`` file; ``line`` is the 1-based line number (0 if not tied to a line)."""

    def __init__(self, message: str, *, line: int = 0) -> None:
        self.line = line
        self.reason = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class Project:
    id: str
    cost: Money
    name: str = ""
    votes: int | None = None
    score: int | None = None
    selected: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Ballot:
    voter_id: str
    choices: tuple[str, ...]
    # Parallel to ``choices`` for cumulative/scoring ballots; None otherwise.
    points: tuple[int, ...] | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Election:
    meta: dict[str, str]
    projects: dict[str, Project]
    ballots: list[Ballot]
    # Column order of the source file, so that dump_pabulib() writes the same layout back.
    project_columns: tuple[str, ...] = ("project_id", "cost")
    vote_columns: tuple[str, ...] = ("voter_id", "vote")
    # Votes naming a project more than once, counted once (the file's vote stays as read
    # otherwise), and with ``lenient=True`` the VOTES rows skipped: [(line, reason), ...].
    repaired_votes: int = field(default=0, compare=False)
    skipped_rows: list[tuple[int, str]] = field(default_factory=list, compare=False)

    @property
    def budget(self) -> Money:
        return _money_meta(self.meta, "budget", required=True)

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval").strip() or "approval"

    @property
    def rule(self) -> str:
        return self.meta.get("rule", "").strip()

    def meta_int(self, key: str) -> int | None:
        return _int_meta(self.meta, key)

    def has_official_result(self) -> bool:
        return any(p.selected is not None for p in self.projects.values())

    def official_winners(self) -> set[str]:
        return {pid for pid, p in self.projects.items() if p.selected == 1}


def _int_meta(meta: dict[str, str], key: str, *, required: bool = False) -> int | None:
    raw = meta.get(key, "").strip()
    if not raw:
        if required:
            raise PabulibError(f"META has no {key!r}")
        return None
    value = _to_int(raw)
    if value is None:
        raise PabulibError(f"META {key!r} is not a whole number: {raw!r}")
    return value


def _money_meta(meta: dict[str, str], key: str, *, required: bool = False) -> Money | None:
    raw = meta.get(key, "").strip()
    if not raw:
        if required:
            raise PabulibError(f"META has no {key!r}")
        return None
    value = to_money(raw)
    if value is None:
        raise PabulibError(f"META {key!r} is not an amount: {raw!r}")
    return value


def to_money(raw: str) -> Money | None:
    """'48000' -> 48000, '48000.50' / '48000,50' -> Fraction(96001, 2); None if not an amount
    ≥ 0. Exact: the decimal text is read as a Decimal, then a Fraction."""
    raw = raw.strip()
    if not _MONEY_RE.fullmatch(raw):
        return None
    try:
        value = Fraction(Decimal(raw.replace(",", ".")))
    except InvalidOperation:  # pragma: no cover - the regex lets only decimals through
        return None
    return int(value) if value.denominator == 1 else value


def money_text(amount: Money) -> str:
    """The amount as a .pb file writes it: '48000', '48000.5' (exact for decimal amounts)."""
    if isinstance(amount, int) or amount.denominator == 1:
        return str(int(amount))
    text = format(Decimal(amount.numerator) / Decimal(amount.denominator), "f")
    if Fraction(Decimal(text)) != amount:  # not a finite decimal (never read from a file)
        return f"{amount.numerator}/{amount.denominator}"
    return text


def _to_int(raw: str) -> int | None:
    # Some files write integral amounts as "1000.0"; anything else fractional is refused.
    raw = raw.strip()
    if not _INT_RE.fullmatch(raw):
        return None
    return int(raw.split(".", 1)[0])


def read_pabulib(path, *, encoding: str = "utf-8", lenient: bool = False) -> Election:
    """Read a ``.pb`` (or gzip-compressed ``.pb.gz``) file from disk (I/O errors propagate as
    OSError, content errors as PabulibError)."""
    if str(path).endswith(".gz"):
        # Real files are large (Wrocław: 3.9 MB); compressed they are a fifth of that.
        with gzip.open(path, "rb") as fh:
            data = fh.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    return parse_pabulib(data, encoding=encoding, lenient=lenient)


def parse_pabulib(data: str | bytes, *, encoding: str = "utf-8", lenient: bool = False) -> Election:
    """Parse the text (or bytes) of a ``.pb`` file into an :class:`Election`.

    ``lenient=True`` skips malformed VOTES rows (truncated, unknown project, voter twice...)
    and lists them in ``Election.skipped_rows``; META and PROJECTS are always strict."""
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode(encoding)
        except UnicodeDecodeError as exc:
            line = bytes(data)[: exc.start].count(b"\n") + 1
            raise PabulibError(f"invalid {encoding} byte sequence", line=line) from None
    elif isinstance(data, str):
        text = data
    else:
        raise PabulibError(f"expected str or bytes, got {type(data).__name__}")
    with gc_paused():
        return _Parser(text.removeprefix("\ufeff"), lenient=lenient).run()


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while building many acyclic objects (one Ballot per
    voter): its passes over the growing heap cost more than the parsing itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Parser:
    def __init__(self, text: str, *, lenient: bool = False) -> None:
        self.lenient = lenient
        self.in_votes = False
        self.repaired = 0
        self.skipped: list[tuple[int, str]] = []
        self.reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True)
        self.meta: dict[str, str] = {}
        self.projects: dict[str, Project] = {}
        self.ballots: list[Ballot] = []
        self.voter_ids: set[str] = set()
        self.project_columns: tuple[str, ...] = ()
        self.vote_columns: tuple[str, ...] = ()
        self.line = 0

    def fail(self, message: str) -> PabulibError:
        return PabulibError(message, line=self.line)

    def rows(self):
        while True:
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.line = self.reader.line_num
                if self.lenient and self.in_votes:
                    self.skipped.append((self.line, f"CSV syntax error: {exc}"))
                    continue
                raise self.fail(f"CSV syntax error: {exc}") from None
            self.line = self.reader.line_num
            yield row

    def run(self) -> Election:
        section = None
        header: list[str] | None = None
        seen: list[str] = []
        rows = self.rows()
        pending = None
        while True:
            if pending is not None:
                row, pending = pending, None
            else:
                row = next(rows, None)
                if row is None:
                    break
            if len(row) <= 1:
                if not row or not row[0].strip():
                    continue  # blank lines are tolerated anywhere
                name = row[0].strip().upper()
            else:
                name = None
            if name in SECTIONS:
                expected = SECTIONS[len(seen)] if len(seen) < len(SECTIONS) else None
                if name != expected:
                    raise self.fail(
                        f"section {name} out of place (expected {expected or 'end of file'})"
                    )
                if name == "PROJECTS":
                    self.check_meta()  # reported at the line where META ends
                seen.append(name)
                section, header = name, None
                continue
            if section is None:
                raise self.fail("content before the META section")
            if header is None:
                header = [cell.strip() for cell in row]
                self.check_header(section, header)
                if section == "VOTES":
                    self.in_votes = True
                    pending = self.vote_rows(rows, len(header))
                continue
            if len(row) != len(header):
                if section == "VOTES" and self.lenient:
                    self.skipped.append(
                        (
                            self.line,
                            f"{section} row has {len(row)} fields, header has {len(header)}",
                        )
                    )
                    pending = self.vote_rows(rows, len(header))
                    continue
                raise self.fail(f"{section} row has {len(row)} fields, header has {len(header)}")
            if section == "META":
                self.meta_row(row)
            elif section == "PROJECTS":
                self.project_row(dict(zip(header, row, strict=True)))
            else:
                self.vote_row(row)
        if len(seen) < len(SECTIONS):
            raise self.fail(f"missing section {SECTIONS[len(seen)]}")
        if header is None:
            raise self.fail("VOTES section has no header row")
        return Election(
            meta=self.meta,
            projects=self.projects,
            ballots=self.ballots,
            project_columns=self.project_columns,
            vote_columns=self.vote_columns,
            repaired_votes=self.repaired,
            skipped_rows=self.skipped,
        )

    def check_header(self, section: str, header: list[str]) -> None:
        if len(set(header)) != len(header):
            raise self.fail(f"{section} header repeats a column: {';'.join(header)}")
        required = {
            "META": ("key", "value"),
            "PROJECTS": ("project_id", "cost"),
            "VOTES": ("voter_id", "vote"),
        }[section]
        missing = [col for col in required if col not in header]
        if missing:
            raise self.fail(f"{section} header lacks column(s) {', '.join(missing)}")
        if section == "META" and len(header) != 2:
            raise self.fail("META header must be exactly 'key;value'")
        if section == "PROJECTS":
            self.project_columns = tuple(header)
        elif section == "VOTES":
            self.vote_columns = tuple(header)
            # Votes are the bulk of a file: read them by position rather than through dicts.
            self.i_voter, self.i_vote = header.index("voter_id"), header.index("vote")
            self.i_points = header.index("points") if "points" in header else None
            self.vote_extras = [(k, i) for i, k in enumerate(header) if k not in _VOTE_TYPED]
            self.with_points = self.vote_type in ("cumulative", "scoring")
            self.project_ids = set(self.projects)
            self.vote_cache: dict[str, tuple[str, ...]] = {}
            if self.vote_type in ("cumulative", "scoring") and "points" not in header:
                raise self.fail(f"VOTES for vote_type {self.vote_type} need a points column")

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval") or "approval"

    def meta_row(self, row: list[str]) -> None:
        key, value = row[0].strip(), row[1].strip()
        if not key:
            raise self.fail("META row with an empty key")
        if key in self.meta:
            raise self.fail(f"META key {key!r} given twice")
        self.meta[key] = value

    def check_meta(self) -> None:
        try:
            budget = _money_meta(self.meta, "budget", required=True)
            for key in ("min_project_cost", "max_project_cost", "min_sum_cost", "max_sum_cost"):
                _money_meta(self.meta, key)
            for key in (
                "min_length",
                "max_length",
                "max_sum_points",
                "min_sum_points",
                "max_points",
                "min_points",
                "min_project_score_threshold",
            ):
                _int_meta(self.meta, key)
        except PabulibError as exc:
            raise self.fail(exc.reason) from None
        if budget is not None and budget < 0:
            raise self.fail("META budget is negative")
        if self.vote_type not in VOTE_TYPES:
            raise self.fail(f"unknown vote_type {self.vote_type!r}")

    def project_row(self, values: dict[str, str]) -> None:
        pid = values["project_id"].strip()
        if not pid:
            raise self.fail("project with an empty project_id")
        if pid in self.projects:
            raise self.fail(f"project {pid!r} listed twice")
        if "," in pid:
            raise self.fail(f"project id {pid!r} contains a comma")
        cost = to_money(values["cost"])
        if cost is None:
            raise self.fail(f"project {pid!r}: cost {values['cost']!r} is not an amount ≥ 0")
        numbers: dict[str, int | None] = {}
        for col in ("votes", "score", "selected"):
            raw = values.get(col, "").strip()
            if not raw:
                numbers[col] = None
                continue
            numbers[col] = _to_int(raw)
            if numbers[col] is None:
                raise self.fail(f"project {pid!r}: {col} {raw!r} is not a whole number")
        self.projects[pid] = Project(
            id=pid,
            cost=cost,
            name=values.get("name", ""),
            votes=numbers["votes"],
            score=numbers["score"],
            selected=numbers["selected"],
            extra={k: v for k, v in values.items() if k not in _PROJECT_TYPED},
        )

    def vote_rows(self, rows, width: int) -> list[str] | None:
        """Read vote rows of the header's width (the bulk of a file) in one tight loop; give
        back the first other row, or None at the end, for the general loop."""
        vote_row = self.vote_row
        if not self.lenient:
            for row in rows:
                if len(row) != width:
                    return row
                vote_row(row)
            return None
        for row in rows:
            if len(row) != width:
                return row
            try:
                vote_row(row)
            except PabulibError as exc:
                self.skipped.append((exc.line, exc.reason))
        return None

    def vote_row(self, row: list[str]) -> None:
        vid = row[self.i_voter].strip()
        if not vid:
            raise self.fail("vote with an empty voter_id")
        voter_ids = self.voter_ids
        if vid in voter_ids:
            raise self.fail(f"voter {vid!r} voted twice")
        raw_vote = row[self.i_vote]
        # Many voters cast the same vote: check each distinct text once.
        cached = self.vote_cache.get(raw_vote)
        if cached is None:
            raw = raw_vote.strip()
            named = tuple(map(str.strip, raw.split(","))) if raw else ()
            if not set(named) <= self.project_ids:
                unknown = next(c for c in named if c not in self.projects)
                raise self.fail(f"voter {vid!r} votes for unknown project {unknown!r}")
            # A project named twice (seen in real district files) counts once: keep its first
            # place (and, with points, the points given there).
            choices = tuple(dict.fromkeys(named))
            keep = None
            if len(choices) != len(named):
                seen: set[str] = set()
                keep = tuple(i for i, c in enumerate(named) if not (c in seen or seen.add(c)))
            cached = self.vote_cache[raw_vote] = (choices, keep, len(named))
        choices, keep, n_named = cached
        points = None
        raw_points = row[self.i_points].strip() if self.i_points is not None else ""
        if raw_points or self.with_points:
            parts = raw_points.split(",") if raw_points else []
            if len(parts) != n_named:
                raise self.fail(
                    f"voter {vid!r} has {n_named} project(s) but {len(parts)} point value(s)"
                )
            converted = [_to_int(p) for p in parts]
            if None in converted:
                raise self.fail(f"voter {vid!r}: points {raw_points!r} are not whole numbers")
            points = tuple(converted) if keep is None else tuple(converted[i] for i in keep)
        voter_ids.add(vid)
        if keep is not None:
            self.repaired += 1
        extras = self.vote_extras
        self.ballots.append(
            Ballot(vid, choices, points, {k: row[i] for k, i in extras} if extras else {})
        )


def dump_pabulib(election: Election) -> str:
    """Write an :class:`Election` back as ``.pb`` text (parse_pabulib(dump_pabulib(e)) == e)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    out.write("META\n")
    writer.writerow(["key", "value"])
    for key, value in election.meta.items():
        writer.writerow([key, value])

    pcols = _columns(
        election.project_columns,
        ("project_id", "cost"),
        [("name", any(p.name for p in election.projects.values()))]
        + [
            (c, any(getattr(p, c) is not None for p in election.projects.values()))
            for c in ("votes", "score", "selected")
        ],
        [p.extra for p in election.projects.values()],
    )
    out.write("PROJECTS\n")
    writer.writerow(pcols)
    for p in election.projects.values():
        typed = {
            "project_id": p.id,
            "cost": money_text(p.cost),
            "name": p.name,
            "votes": "" if p.votes is None else str(p.votes),
            "score": "" if p.score is None else str(p.score),
            "selected": "" if p.selected is None else str(p.selected),
        }
        writer.writerow([typed[c] if c in typed else p.extra.get(c, "") for c in pcols])

    vcols = _columns(
        election.vote_columns,
        ("voter_id", "vote"),
        [("points", any(b.points is not None for b in election.ballots))],
        [b.extra for b in election.ballots],
    )
    out.write("VOTES\n")
    writer.writerow(vcols)
    for b in election.ballots:
        typed = {
            "voter_id": b.voter_id,
            "vote": ",".join(b.choices),
            "points": "" if b.points is None else ",".join(map(str, b.points)),
        }
        writer.writerow([typed[c] if c in typed else b.extra.get(c, "") for c in vcols])
    return out.getvalue()


def _columns(original, required, optional, extras) -> list[str]:
    # Keep the source order, then append whatever new data needs a column.
    cols = [c for c in original if c]
    for col in required:
        if col not in cols:
            cols.append(col)
    for col, present in optional:
        if present and col not in cols:
            cols.append(col)
    for extra in extras:
        for col in extra:
            if col not in cols:
                cols.append(col)
    return cols
