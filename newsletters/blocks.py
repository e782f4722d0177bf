from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from neighbourhoods.blocks import ImageWithCaptionBlock


class LinkedPageBlock(blocks.StructBlock):
    """A link to an announcement, event, survey, budget, initiative or any page of the site."""

    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Leave empty to use the page's title.")
    )
    text = blocks.TextBlock(label=_("Short description"), required=False)

    class Meta:
        icon = "link"
        label = _("Link to a page")
        template = "newsletters/blocks/linked_page.html"


class NewsletterBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="neighbourhoods/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"]
    )
    image = ImageWithCaptionBlock()
    page = LinkedPageBlock()
