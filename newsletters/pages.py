from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import NewsletterBlocks


class NewsletterIndexPage(Page):
    """“Lettre d'information”: the web versions of the issues already sent."""

    intro = models.TextField(_("introduction"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletters.NewsletterPage"]
    max_count_per_parent = 1
    template = "newsletters/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter archive")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .selectors import issues_sent

        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = Paginator(issues_sent(index=self), 20).get_page(
            request.GET.get("page")
        )
        return context


class NewsletterPage(Page):
    """One issue. Editors compose, preview, test and schedule it; once sent it has a web version."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(NewsletterBlocks(), verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types: list[str] = []
    template = "newsletters/newsletter_page.html"
    preview_modes = [("", _("Web version")), ("email", _("E-mail"))]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self):
        return self.title

    @property
    def is_sent(self) -> bool:
        from .models import NewsletterSend

        return NewsletterSend.objects.filter(
            page__translation_key=self.translation_key,
            status__in=[NewsletterSend.Status.SENDING, NewsletterSend.Status.DONE],
        ).exists()

    def serve(self, request, *args, **kwargs):
        # The public web version exists once the issue went out; before that, only previews.
        if not getattr(request, "is_preview", False) and not self.is_sent:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            from django.http import HttpResponse

            from .rendering import render_issue

            rendered = render_issue(page=self, language=self.locale.language_code)
            return HttpResponse(rendered.html_for(unsubscribe_url="#", preferences_url="#"))
        return super().serve_preview(request, mode_name)
