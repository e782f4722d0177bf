"""The submission wizard: django-formtools, with its state kept in an InitiativeDraft row."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from formtools.wizard.forms import ManagementForm
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import WizardView

from neighbourhoods.selectors import active_membership
from neighbourhoods.uploads import private_storage

from . import forms
from .models import InitiativeDraft
from .services import InitiativeError, draft_save, initiative_submit

STEPS = [
    ("what", forms.WhatForm),
    ("where", forms.WhereForm),
    ("who", forms.WhoForm),
    ("needs", forms.NeedsForm),
    ("review", forms.ReviewForm),
]
STEP_TITLES = {
    "what": gettext_lazy("What"),
    "where": gettext_lazy("Where"),
    "who": gettext_lazy("Who carries it"),
    "needs": gettext_lazy("What you need"),
    "review": gettext_lazy("Check your answers"),
}


class _DraftFiles(LazyObject):
    def _setup(self):
        self._wrapped = private_storage("initiatives/drafts")


draft_files = _DraftFiles()


class DraftStorage(BaseStorage):
    """formtools storage backed by the draft the view fetched (for its owner only)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft: InitiativeDraft = self.request.initiative_draft
        if not self.draft.data:
            self.init_data()

    def _get_data(self):
        return self.draft.data

    def _set_data(self, value):
        self.draft.data = value

    data = property(_get_data, _set_data)

    def set_step_data(self, step, cleaned_data):
        # Raw drafts are stored as typed; NUL characters cannot go into a database text value.
        super().set_step_data(step, cleaned_data)
        stored = self.data[self.step_data_key][step]
        self.data[self.step_data_key][step] = {
            str(k).replace("\x00", ""): [str(v).replace("\x00", "") for v in values]
            for k, values in stored.items()
        }

    def set_step_files(self, step, files):
        # A new upload replaces the draft's earlier one: the old file goes, not just its entry.
        previous = self.data[self.step_files_key].get(step, {})
        for field in files or {}:
            if field in previous:
                draft_files.delete(previous[field]["tmp_name"])
        super().set_step_files(step, files)

    def update_response(self, response):
        super().update_response(response)
        title = ""
        what = self.draft.data.get(self.step_data_key, {}).get("what") or {}
        if what.get("what-title"):
            title = str(what["what-title"][0])[:120]
        draft_save(draft=self.draft, data=self.draft.data, title=title)


def draft_discard_files(draft) -> None:
    for step_files in (draft.data or {}).get("step_files", {}).values():
        for info in step_files.values():
            draft_files.delete(info["tmp_name"])


class InitiativeWizard(WizardView):
    form_list = STEPS
    storage_name = "initiatives.wizard.DraftStorage"
    file_storage = draft_files
    template_name = "initiatives/wizard.html"

    def wizard_url(self, step=None):
        url = reverse("initiatives:wizard", kwargs={"draft_id": self.request.initiative_draft.pk})
        return f"{url}?step={step}" if step else url

    def _membership(self):
        return active_membership(user=self.request.user)

    def get_form_kwargs(self, step=None):
        if step == "where":
            membership = self._membership()
            return {
                "call": self.request.initiative_draft.call,
                "resident_neighbourhood": membership.neighbourhood if membership else None,
            }
        if step == "needs":
            return {"call": self.request.initiative_draft.call}
        return {}

    def get_form_initial(self, step):
        if step == "where":
            membership = self._membership()
            return {"neighbourhood": membership.neighbourhood_id} if membership else {}
        return {}

    def get(self, request, *args, **kwargs):
        step = request.GET.get("step")
        if step in self.get_form_list():
            self.storage.current_step = step
        elif self.storage.current_step not in self.get_form_list():
            self.storage.current_step = self.steps.first
        form = self.get_form(
            data=self.storage.current_step_data, files=self.storage.current_step_files
        )
        return self.render(form)

    def post(self, request, *args, **kwargs):
        management = ManagementForm(request.POST, prefix=self.prefix)
        if (
            not management.is_valid()
            or management.cleaned_data["current_step"] not in self.get_form_list()
        ):
            messages.error(request, _("This step could not be read. Please try again."))
            return redirect(self.wizard_url())
        step = management.cleaned_data["current_step"]
        goto = request.POST.get("wizard_goto_step")
        if "save_draft" in request.POST or goto:
            self.storage.current_step = step
            form = self.get_form(step=step, data=request.POST, files=request.FILES)
            self.storage.set_step_data(step, self.process_step(form))
            if form.is_valid():
                self.storage.set_step_files(step, self.process_step_files(form))
            if "save_draft" in request.POST:
                messages.success(
                    request, _("Your draft is saved. You can come back to it at any time.")
                )
                return redirect("initiatives:mine")
            if goto in self.get_form_list():
                self.storage.current_step = goto
            return redirect(self.wizard_url(self.storage.current_step))
        return super().post(request, *args, **kwargs)

    def process_step_files(self, form):
        """Keep the re-encoded image under a random name, never the bytes or name the client
        sent (a "poly.html" stays nowhere on disk)."""
        clean = getattr(form, "clean_image_result", None)
        if clean is None:
            return {}
        return {form.add_prefix("image"): clean.as_upload()}

    def render_next_step(self, form, **kwargs):
        next_step = self.steps.next
        self.storage.current_step = next_step
        return redirect(self.wizard_url(next_step))

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        self.storage.current_step = failed_step
        messages.error(self.request, _("Some information is missing or wrong in this step."))
        return redirect(self.wizard_url(failed_step))

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        draft = self.request.initiative_draft
        context["draft"] = draft
        context["call"] = draft.call
        context["step_title"] = STEP_TITLES[self.steps.current]
        context["step_titles"] = STEP_TITLES
        if self.steps.current == "review":
            context["answers"] = self._answers()
        return context

    def _answers(self):
        answers = {}
        for step in self.get_form_list():
            if step == "review":
                continue
            form = self.get_form(
                step=step,
                data=self.storage.get_step_data(step),
                files=self.storage.get_step_files(step),
            )
            answers[step] = {
                "valid": form.is_bound and form.is_valid(),
                "data": form.cleaned_data if form.is_bound and form.is_valid() else {},
            }
        return answers

    def done(self, form_list, form_dict=None, **kwargs):
        data = {}
        for form in form_list:
            data.update(form.cleaned_data)
        draft = self.request.initiative_draft
        what = (form_dict or {}).get("what")
        try:
            initiative = initiative_submit(
                draft=draft,
                submitter=self.request.user,
                data=data,
                image=getattr(what, "clean_image_result", None),
            )
        except InitiativeError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("initiatives:mine")
        return redirect("initiatives:thanks", pk=initiative.pk)
