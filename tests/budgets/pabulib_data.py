"""The real pabulib files the tests use, committed in ``tests/data/pabulib`` (see its README).

Tests read nothing outside the checkout: a fresh clone anywhere has these files."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "pabulib"


def pabulib_path(name: str) -> Path:
    """The committed (gzip-compressed) file for ``name`` (``X.pb``)."""
    return DATA_DIR / f"{name}.gz"


@cache
def _plain_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="pabulib-"))


def plain_pabulib_path(name: str) -> Path:
    """An uncompressed copy, for tools that only open plain ``.pb`` files (pabutools)."""
    target = _plain_dir() / name
    if not target.exists():
        with gzip.open(pabulib_path(name), "rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
    return target


def committed_names() -> list[str]:
    return sorted(p.name.removesuffix(".gz") for p in DATA_DIR.glob("*.pb.gz"))
