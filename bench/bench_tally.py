"""Benchmark of budgets.tally against pabutools 1.2.3 on real pabulib files (run by hand).

    .venv/bin/python bench/bench_tally.py [--no-pabutools] [--repeat N]

Times exclude file parsing (reported on its own line); ours include building the Profile
(ballot grouping) from the parsed Election. Goals: Łódź 2022 greedy, MES and MES+Add1
(58 Add1 steps) ≤ 1 s each, Wieliczka 2023 MES+Add1 ≤ 1 s with the official winners, ≥ 20×
faster than pabutools. The machine may be shared: check `uptime` before trusting a figure.
pabutools needs several minutes for Łódź; --no-pabutools skips it.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from budgets.tally import Profile, equal_shares, read_pabulib, tally  # noqa: E402


def data_dir() -> Path:
    """Plain .pb files: $PABULIB_DIR, or the committed .pb.gz files decompressed once (pabutools
    opens only plain files)."""
    if os.environ.get("PABULIB_DIR"):
        return Path(os.environ["PABULIB_DIR"])
    target = Path(tempfile.gettempdir()) / "bench-pabulib"
    target.mkdir(exist_ok=True)
    for gz in (REPO / "tests" / "data" / "pabulib").glob("*.pb.gz"):
        plain = target / gz.name.removesuffix(".gz")
        if not plain.exists():
            with gzip.open(gz, "rb") as src, open(plain, "wb") as dst:
                shutil.copyfileobj(src, dst)
    return target


def timed(fn, repeat: int = 1):
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def row(label: str, ours: float, theirs: float | None, note: str = "") -> None:
    ratio = f"{theirs / ours:8.1f}x" if theirs is not None else "        -"
    their = f"{theirs:9.3f}s" if theirs is not None else "         -"
    print(f"{label:<44} {ours:8.3f}s {their} {ratio}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pabutools", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for our timings")
    args = parser.parse_args()
    use_pabutools = not args.no_pabutools
    if use_pabutools:
        from pabutools.election import Cost_Sat, parse_pabulib
        from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    print(f"{'computation':<44} {'ours':>9} {'pabutools':>10} {'speed-up':>9}")

    # --- Łódź 2022 ------------------------------------------------------------------------
    path = data_dir() / "Poland_Lodz_2022.pb"
    t_parse, lodz = timed(lambda: read_pabulib(path))
    t_parse_p = None
    if use_pabutools:
        t_parse_p, (inst, prof) = timed(lambda: parse_pabulib(str(path)))
    row("Łódź 2022: parse .pb", t_parse, t_parse_p)

    t_g, g = timed(lambda: tally(lodz, rule="greedy"), args.repeat)
    t_g_p = None
    if use_pabutools:
        # Cost satisfaction makes pabutools' "satisfaction per cost" greedy rank by votes.
        t_g_p, g_p = timed(lambda: greedy_utilitarian_welfare(inst, prof, sat_class=Cost_Sat))
        assert {p.name for p in g_p} == set(g.selected), "greedy differs from pabutools"
    row("Łódź 2022: greedy", t_g, t_g_p, f"{len(g.selected)} projects")

    t_t, official = timed(lambda: tally(lodz), args.repeat)
    assert set(official.selected) == lodz.official_winners()
    row("Łódź 2022: greedy-threshold (official rule)", t_t, None, "= official winners")

    t_m, m = timed(lambda: tally(lodz, rule="equalshares"), args.repeat)
    t_m_p = None
    if use_pabutools:
        t_m_p, m_p = timed(lambda: method_of_equal_shares(inst, prof, sat_class=Cost_Sat))
        assert {p.name for p in m_p} == set(m.selected), "MES differs from pabutools"
    row("Łódź 2022: MES (no completion)", t_m, t_m_p, f"{len(m.selected)} projects")

    t_a, a = timed(lambda: tally(lodz, rule="equalshares/add1"), args.repeat)
    row("Łódź 2022: MES + Add1", t_a, None, a.notes[-1].split(";")[0])

    # --- Wieliczka 2023 -------------------------------------------------------------------
    path = data_dir() / "Poland_Wieliczka_2023_Green_Budget.pb"
    wieliczka = read_pabulib(path)
    t_w, w = timed(lambda: tally(wieliczka), args.repeat)
    assert set(w.selected) == wieliczka.official_winners(), "Wieliczka official winners"
    t_w_p = None
    note = "= official winners"
    if use_pabutools:
        inst, prof = parse_pabulib(str(path))
        t_w_p, w_p = timed(
            lambda: method_of_equal_shares(inst, prof, sat_class=Cost_Sat, voter_budget_increment=1)
        )
        same = equal_shares(Profile(wieliczka), completion="add1", stop="exhaustive")
        assert {p.name for p in w_p} == set(same.selected), "Add1 differs from pabutools"
        note += "; pabutools' Add1 stops at an exhaustive outcome: not the official one"
    row("Wieliczka 2023: MES + Add1 + comparison", t_w, t_w_p, note)


if __name__ == "__main__":
    main()
