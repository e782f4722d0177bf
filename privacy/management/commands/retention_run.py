"""manage.py retention_run [--enqueue]

Deletes what the portal keeps only for a while (see the README's retention table). Run it daily
from cron or a systemd timer; --enqueue hands the work to the background worker instead.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from neighbourhoods.registry import retention_rules
from privacy.retention import retention_run


class Command(BaseCommand):
    help = "Apply the retention periods (settings.RETENTION_DAYS) now, or enqueue the task."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="run it in the worker")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from privacy.tasks import retention_run as task

            result = task.enqueue()
            self.stdout.write(f"Retention task enqueued ({result.id}).")
            return
        periods = {rule.key: rule.days_setting for rule in retention_rules()}
        for key, count in retention_run().items():
            days = settings.RETENTION_DAYS.get(periods.get(key, ""))
            period = f"{days} days" if days is not None else "own expiry"
            self.stdout.write(f"{key}: {count} deleted ({period})")
        self.stdout.write(
            "throttle and IP counters: kept only in the cache, they expire by themselves "
            "(LOGIN_THROTTLE, CODE_THROTTLE, SECOND_FACTOR_THROTTLE windows)."
        )
