from django.db.models import Count, Q
from django.utils import timezone

from .models import CodeUse, LetterCode, LetterCodeBatch, VerificationRequest


def open_request_for(*, user):
    return VerificationRequest.objects.filter(
        user=user, status=VerificationRequest.Status.PENDING
    ).first()


def hub_for(*, neighbourhood, language):
    hubs = neighbourhood.hub_pages.live()
    return hubs.filter(locale__language_code=language).first() or hubs.first()


def batches_with_counts():
    now = timezone.now()
    return (
        LetterCodeBatch.objects.select_related("neighbourhood", "created_by")
        .annotate(
            code_count=Count("codes"),
            used_count=Count("codes", filter=Q(codes__uses__gt=0)),
            revoked_count=Count("codes", filter=Q(codes__revoked_at__isnull=False)),
            live_count=Count(
                "codes", filter=Q(codes__revoked_at__isnull=True, codes__expires_at__gt=now)
            ),
        )
        .order_by("-created_at", "-pk")
    )


def codes_of_batch(*, batch):
    return (
        LetterCode.objects.filter(batch=batch)
        .select_related("address")
        .order_by("address__street_key", "address__number", "address__box")
    )


def requests_queue(*, status="", neighbourhood_id=None):
    query = VerificationRequest.objects.select_related(
        "user", "address__neighbourhood", "handled_by"
    )
    if status:
        query = query.filter(status=status)
    if neighbourhood_id:
        query = query.filter(address__neighbourhood_id=neighbourhood_id)
    return query.order_by("created_at", "pk")


def batches_for_household(*, household):
    """The letter batches whose codes let people join `household`, oldest first."""
    batch_ids = CodeUse.objects.filter(household=household).values("code__batch_id")
    return LetterCodeBatch.objects.filter(pk__in=batch_ids).order_by("created_at")
