"""The repository stands alone: no test, benchmark or script reads a path outside the checkout.

tests/conftest.py also watches at run time (every file opened beside the checkout fails the
run); this test reads the source for paths that climb out of it.
"""

import re
from contextlib import suppress
from pathlib import Path

from tests.conftest import _outside_reads

ROOT = Path(__file__).resolve().parents[2]
SELF = Path(__file__).resolve()
CLIMBS_OUT = [
    # climbing out of the checkout to a sibling folder
    re.compile(r"""["'/]\.\./(?:shared|data|\.\.)"""),
    re.compile(r"""\.\.["']?\s*/\s*["']shared"""),
    # Path(__file__).parents[N] deeper than the repository root
    re.compile(r"parents\[(\d+)\]"),
    re.compile(r"""(?:^|[\s"'(=])/work/"""),
]


def python_files():
    for folder in ("tests", "bench", "scripts", "demo", "portal"):
        yield from (ROOT / folder).rglob("*.py")
    yield ROOT / "run.py"
    yield ROOT / "manage.py"


def depth_below_root(path: Path) -> int:
    return len(path.resolve().relative_to(ROOT).parts) - 1


def test_no_source_file_reaches_outside_the_checkout():
    offenders = []
    for path in python_files():
        if path.resolve() == SELF:
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            for pattern in CLIMBS_OUT:
                match = pattern.search(line)
                if not match:
                    continue
                if match.groups() and int(match.group(1)) <= depth_below_root(path):
                    continue  # parents[N] that stays inside the checkout
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_run_time_guard_sees_reads_beside_the_checkout(tmp_path):
    beside = ROOT.parent / "beside-the-checkout" / "never-there.pb"
    with suppress(OSError), open(beside):  # the audit hook sees the attempt, even if it fails
        pass
    assert str(beside) in _outside_reads
    _outside_reads.discard(str(beside))  # this one was on purpose


def test_ci_runs_the_suite_from_a_copy_with_nothing_beside_it():
    script = (ROOT / ".ci" / "run").read_text()
    assert "mktemp -d" in script and "git ls-files" in script
    assert 'cd "$COPY"' in script
    assert script.rstrip().endswith("python3 run.py test")
    assert "FAIL_ON_SKIP=1" in script and 'DATABASE_URL="postgres://' in script
