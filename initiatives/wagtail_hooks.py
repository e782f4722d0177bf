from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView

from .admin_forms import InitiativeReviewForm
from .models import Initiative
from .services import InitiativeError, initiative_set_status, initiative_update_answer


class ReviewPermissionHelper(PermissionHelper):
    """Submissions come from residents: staff neither create nor delete them."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class InitiativeReviewView(EditView):
    def form_valid(self, form):
        status = form.cleaned_data["status"]
        answer = form.cleaned_data.get("public_answer", "")
        try:
            if status != form.current_status:
                initiative_set_status(
                    initiative=self.instance,
                    status=status,
                    public_answer=answer,
                    by=self.request.user,
                )
            else:
                initiative_update_answer(initiative=self.instance, public_answer=answer)
        except InitiativeError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        from django.contrib import messages

        messages.success(self.request, _("The initiative is updated; the submitter is told."))
        return redirect(self.get_success_url())


class InitiativeAdmin(ModelAdmin):
    model = Initiative
    menu_label = _("Initiatives")
    menu_icon = "pick"
    menu_order = 300
    list_display = ("title", "neighbourhood", "status", "supporters", "submitted_at")
    list_filter = ("status",)
    search_fields = ("title",)
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "description",
        "place",
        "neighbourhood",
        "needs_budget",
        "needs_material",
        "needs_permits",
        "needs_communication",
        "needs_other",
        "helpers_needed",
        "status",
        "public_answer",
        "submitted_at",
    ]
    permission_helper_class = ReviewPermissionHelper
    edit_view_class = InitiativeReviewView
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title", read_only=True),
                    FieldPanel("description", read_only=True),
                    FieldPanel("place", read_only=True),
                    FieldPanel("needs_budget", read_only=True),
                    FieldPanel("needs_other", read_only=True),
                    FieldPanel("helpers_needed", read_only=True),
                ],
                heading=_("Submission"),
            ),
            FieldPanel("status"),
            FieldPanel("public_answer"),
        ],
        base_form_class=InitiativeReviewForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("neighbourhood")
            .annotate(supporter_count=Count("supports"))
        )

    def supporters(self, obj):
        return getattr(obj, "supporter_count", None)

    supporters.short_description = _("supporting households")


modeladmin_register(InitiativeAdmin)
