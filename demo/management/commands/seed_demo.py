import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from neighbourhoods.models import Neighbourhood


class Command(BaseCommand):
    help = (
        "Create the Mons demo: 16 neighbourhoods, their hubs, an address register, residents and "
        "what each app contributes. --scale 1 reproduces the city's real volumes (4,146 registered "
        "households, 5,774 posts, 29,640 reactions); --scale 10 is ten times that, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2026, help="random seed (deterministic)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if the demo is already there"
        )

    def handle(self, *args, scale, seed, if_empty, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        if Neighbourhood.objects.exists():
            if if_empty:
                self.stdout.write("Demo data already present: nothing to do.")
                return
            raise CommandError("The database already has neighbourhoods. Use a fresh database.")
        started = time.monotonic()
        for path in settings.DEMO_SEEDERS:
            try:
                seed_fn = import_string(f"{path}.seed")
            except ImportError:
                continue
            step = time.monotonic()
            # Each app seeds in its own transaction and its own random stream, so one app's
            # changes never shift another app's data.
            with transaction.atomic():
                seed_fn(scale=scale, rng=random.Random(f"{seed}:{path}"), log=self.stdout.write)
            self.stdout.write(f"  {path}: {time.monotonic() - step:.1f}s")
        self.stdout.write(self.style.SUCCESS(f"Demo ready in {time.monotonic() - started:.1f}s."))
