"""The privacy statement a subscriber agrees to. Bump the version when the text changes."""

from django.utils.translation import gettext_lazy as _

PRIVACY_VERSION = "2026-01"
CONSENT_TEXT = _(
    "I agree that the City of Mons sends me its newsletter at this address. The city keeps my "
    "address, language and chosen neighbourhoods only for this purpose and never shares them. I "
    "can unsubscribe at any time with one click."
)
