from django.core.management.base import BaseCommand

from notifications import digest
from notifications.models import Period
from notifications.tasks import digest_task


class Command(BaseCommand):
    help = (
        "Neighbourhood digests. --schedule queues the daily and weekly runs at DIGEST_HOUR "
        "(each run queues the next: run once at deploy). --period P queues a run of P now "
        "(for cron); add --inline to send from this process instead of the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true")
        parser.add_argument("--period", choices=Period.values)
        parser.add_argument("--inline", action="store_true")

    def handle(self, *args, schedule, period, inline, **options):
        if schedule:
            for p in Period.values:
                digest.digest_schedule(period=p)
                self.stdout.write(f"{p} digest queued for {digest.next_run(period=p)}")
        if period and inline:
            self.stdout.write(str(digest.digest_run(period=period)))
        elif period:
            digest_task.enqueue(period=period, reschedule=False)
            self.stdout.write(f"{period} digest queued for the worker")
