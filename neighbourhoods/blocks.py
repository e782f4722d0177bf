from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name or service"))
    role = blocks.CharBlock(label=_("Role"), required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False)

    class Meta:
        icon = "user"
        template = "neighbourhoods/blocks/contact.html"
        label = _("Contact")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), help_text=_("Describe the image for people who cannot see it.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        template = "neighbourhoods/blocks/image.html"
        label = _("Image")


class ContentBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="neighbourhoods/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    image = ImageWithCaptionBlock()
    contact = ContactBlock()
    link = blocks.StructBlock(
        [("title", blocks.CharBlock(label=_("Title"))), ("page", blocks.PageChooserBlock())],
        label=_("Link to a page"),
        icon="link",
        template="neighbourhoods/blocks/link.html",
    )
