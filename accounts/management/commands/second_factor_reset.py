"""manage.py second_factor_reset --by SUPERUSER_EMAIL STAFF_EMAIL

For a staff member who lost both their phone and their recovery codes: their devices are removed,
they enrol again at their next sign-in. Written to the audit log under the superuser's name.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import second_factor_reset


class Command(BaseCommand):
    help = "Remove a staff member's second factor so they enrol again (audited)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the staff member whose second factor is reset")
        parser.add_argument("--by", required=True, help="e-mail of the superuser doing it")

    def handle(self, *args, email, by, **options):
        User = get_user_model()
        actor = User.objects.filter(email__iexact=by.strip()).first()
        if actor is None or not actor.is_superuser or not actor.is_active:
            raise CommandError("--by must be an active superuser's e-mail address.")
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError("No account with that e-mail address.")
        if user.pk == actor.pk:
            raise CommandError("Another superuser must reset your own second factor.")
        removed = second_factor_reset(actor=actor, user=user)
        self.stdout.write(
            f"{removed} device(s) removed; {user.email} sets up a new second factor "
            "at the next sign-in."
        )
