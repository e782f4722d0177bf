"""Tally pabulib files: `manage.py budget_tally PATH [PATH ...] [--rule RULE] [--json]
[--lenient] [--explain]`.

One line per file. A file that cannot be read or counted gets a one-line error (on stderr, with
the line number) and the command exits non-zero after the other files are done; no traceback.
`--lenient` skips malformed VOTES rows instead, and says how many and where. `--explain` gives
the reason for every project where the tally departs from the file's official `selected`.
"""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budgets.tally.core import fmt_money
from budgets.tally.departures import departures, summary
from budgets.tally_adapter import RULES, PabulibError, TallyError, read_pabulib, run_tally


def pb_files(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.name.endswith((".pb", ".pb.gz"))
            )
        else:
            yield path


class Command(BaseCommand):
    help = "Count the ballots of pabulib .pb files (files or folders) and print the winners."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--rule",
            choices=RULES,
            default=None,
            help="Counting rule (default: the rule named in each file's META).",
        )
        parser.add_argument("--json", action="store_true", help="One JSON object per line.")
        parser.add_argument(
            "--lenient",
            action="store_true",
            help="Skip malformed VOTES rows (and count them) instead of refusing the file.",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Say why for every project where the tally departs from the official result.",
        )

    def handle(self, *args, paths, rule, json: bool, lenient=False, explain=False, **options):
        failures = 0
        files = list(pb_files(paths))
        if not files:
            raise CommandError("no .pb file found")
        for path in files:
            started = time.perf_counter()
            try:
                election = read_pabulib(path, lenient=lenient)
                result = run_tally(election, rule=rule)
            except (PabulibError, TallyError, OSError, UnicodeError, ValueError) as exc:
                failures += 1
                self.stderr.write(f"{path}: error: {exc}")
                continue
            seconds = time.perf_counter() - started
            gaps = departures(election, result) if explain else []
            if json:
                self.stdout.write(_dumps(path, election, result, seconds, gaps, explain))
                continue
            self.stdout.write(
                f"{path}: {result.rule}: {len(result.selected)} selected, "
                f"cost {fmt_money(result.total_cost)} of {fmt_money(result.budget)}: "
                f"{', '.join(result.selected)} ({seconds:.3f} s)"
            )
            if election.repaired_votes:
                self.stdout.write(
                    f"  repaired {election.repaired_votes} vote(s) naming a project twice "
                    "(counted once)"
                )
            if election.skipped_rows:
                self.stdout.write(f"  skipped {len(election.skipped_rows)} malformed VOTES row(s):")
                for line, reason in election.skipped_rows:
                    self.stdout.write(f"    line {line}: {reason}")
            if explain:
                self.stdout.write(f"  {summary(election, result)}")
                for gap in gaps:
                    official = "-" if gap.official is None else gap.official
                    self.stdout.write(
                        f"    {gap.project_id}: official {official}, tally "
                        f"{int(gap.ours)}: {gap.reason}: {gap.text}"
                    )
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be tallied")


def _dumps(path, election, result, seconds, gaps, explain):
    row = {
        "file": str(path),
        "rule": result.rule,
        "selected": list(result.selected),
        "seconds": round(seconds, 4),
        "repaired_votes": election.repaired_votes,
        "skipped_rows": [list(x) for x in election.skipped_rows],
    }
    if explain:
        row["departures"] = [
            {"project": g.project_id, "official": g.official, "reason": g.reason, "text": g.text}
            for g in gaps
        ]
    return json.dumps(row, ensure_ascii=False)
