"""A second factor for everyone who can enter the Wagtail admin (TOTP + single-use recovery codes).

django-otp keeps the devices and checks the codes; this module decides who needs one, forces
enrolment at the first sign-in and throttles guesses on top of django-otp's own back-off.
"""

import base64
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .throttle import Throttle, client_ip

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"

code_throttle = Throttle.from_settings("second-factor", "SECOND_FACTOR_THROTTLE")

# Views a signed-in but not yet verified staff member may still reach.
EXEMPT_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "two_factor_setup",
    "two_factor_verify",
    "two_factor_recovery_codes",
    "set_language",
    "javascript-catalog",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",  # the icon sprite every admin page (ours too) fetches
    "accounts:login",
    "accounts:logout",
}


def needs_second_factor(user) -> bool:
    """Anyone who can enter the admin: superusers and every staff group."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Admin access is only ever granted through the staff groups (roles.py), so a resident (no
    # group: read from the user's own query by portal.auth_backend) costs no permission query.
    from neighbourhoods.permissions import is_city_staff

    return is_city_staff(user) and user.has_perm("wagtailadmin.access_admin")


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("wagtailadmin_home")


class StaffSecondFactorMiddleware:
    """Sends staff who signed in with a password only to enrolment or to the code page.

    It runs on every URL, not only /admin/: a staff account's powers reach some public URLs too
    (closed-round exports, survey results), and a password alone must not unlock them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_URL_NAMES:
            return None
        if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        user = request.user
        if not needs_second_factor(user) or user.is_verified():
            return None
        target = "two_factor_verify" if is_enrolled(user) else "two_factor_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def totp_device_pending(*, user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (a fresh secret each enrolment)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def totp_provisioning_uri(device: TOTPDevice) -> str:
    issuer = settings.WAGTAIL_SITE_NAME
    label = quote(f"{issuer}:{device.user.get_username()}")
    query = urlencode(
        {"secret": totp_secret_base32(device), "issuer": issuer, "digits": device.digits}
    )
    return f"otpauth://totp/{label}?{query}"


def totp_qr_svg(device: TOTPDevice) -> str:
    import segno

    return segno.make(totp_provisioning_uri(device), error="m").svg_inline(
        scale=5, title="QR code", omitsize=False
    )


def _throttled(request, user) -> bool:
    return code_throttle.is_blocked(ip=client_ip(request), account=str(user.pk))


def _record_failure(request, user) -> None:
    code_throttle.record_failure(ip=client_ip(request), account=str(user.pk))


class TooManyAttempts(Exception):
    pass


class TooSoon(Exception):
    """django-otp's back-off after a wrong code: 1 s, 2 s, 4 s… before the next try."""


@transaction.atomic
def second_factor_enrol(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with its first code; returns the new recovery codes or None."""
    user = request.user
    if _throttled(request, user):
        raise TooManyAttempts
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_is_allowed()[0]:
        raise TooSoon
    if not device.verify_token(token):
        _record_failure(request, user)
        return None
    # One authenticator per person: enrolling again replaces the previous one.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(user=user)
    otp_login(request, device)
    return codes


def recovery_codes_renew(*, user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


def second_factor_verify(*, request, token: str) -> bool:
    """Check a code from the authenticator or a recovery code (used up once accepted)."""
    user = request.user
    if _throttled(request, user):
        raise TooManyAttempts
    token = "".join(token.split()).lower()
    devices = [
        device
        for model in (TOTPDevice, StaticDevice)
        for device in model.objects.filter(user=user, confirmed=True)
    ]
    if devices and not any(device.verify_is_allowed()[0] for device in devices):
        raise TooSoon
    for device in devices:
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            otp_login(request, verified)
            code_throttle.reset(account=str(user.pk))
            return True
    _record_failure(request, user)
    return False


@transaction.atomic
def second_factor_reset(*, actor, user) -> int:
    """A superuser removes another staff member's devices: they enrol again at next sign-in."""
    from audit.services import audit_record

    if not actor.is_superuser:
        raise PermissionError("Only a superuser may reset a second factor.")
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    removed_static, _ = StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="two_factor.reset", target=user.get_username(), rows=None)
    return removed + removed_static


def next_url(request) -> str:
    return _safe_next(request, request.POST.get("next") or request.GET.get("next"))
