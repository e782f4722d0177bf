"""Tally pabulib files: `manage.py budget_tally PATH [PATH ...] [--rule RULE] [--json]`.

One line per file. A file that cannot be read or counted gets a one-line error (on stderr) and
the command exits non-zero after the other files are done; no traceback.
"""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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

    def handle(self, *args, paths, rule, json: bool, **options):
        failures = 0
        files = list(pb_files(paths))
        if not files:
            raise CommandError("no .pb file found")
        for path in files:
            started = time.perf_counter()
            try:
                election = read_pabulib(path)
                result = run_tally(election, rule=rule)
            except (PabulibError, TallyError, OSError, UnicodeError, ValueError) as exc:
                failures += 1
                self.stderr.write(f"{path}: error: {exc}")
                continue
            seconds = time.perf_counter() - started
            if json:
                self.stdout.write(_dumps(path, result, seconds))
            else:
                self.stdout.write(
                    f"{path}: {result.rule}: {len(result.selected)} selected, "
                    f"cost {result.total_cost:,} of {result.budget:,}: "
                    f"{', '.join(result.selected)} ({seconds:.3f} s)"
                )
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be tallied")


def _dumps(path, result, seconds):
    return json.dumps(
        {
            "file": str(path),
            "rule": result.rule,
            "selected": list(result.selected),
            "seconds": round(seconds, 4),
        },
        ensure_ascii=False,
    )
