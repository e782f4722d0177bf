from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from neighbourhoods.staff_admin import staff_view

from .models import AuditEntry
from .permissions import can_read_audit_log


@staff_view(can_read_audit_log)
def entry_list(request):
    entries = AuditEntry.objects.all()
    action = request.GET.get("action", "").strip()[:64]
    if action:
        entries = entries.filter(action=action)
    page_obj = Paginator(entries, 100).get_page(request.GET.get("page"))
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return TemplateResponse(
        request,
        "audit/entry_list.html",
        {
            "page_obj": page_obj,
            "actions": actions,
            "action": action,
            "page_title": _("Audit log"),
        },
    )
