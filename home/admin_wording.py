"""Wagtail admin wording the city rewords (our catalogues take precedence over Wagtail's).

Wagtail's French "Ajouter un(e) %(label)s" cannot agree with every label ("Ajouter un(e)
Questions"); our inline panels give their label with its article ("une question") and the
button says "Ajouter une question".
"""

from django.utils.translation import gettext_noop

WORDING = [
    gettext_noop("Add %(label)s"),
]
