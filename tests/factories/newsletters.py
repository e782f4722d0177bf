import factory
from django.utils import timezone
from wagtail.models import Page

from newsletters.models import NewsletterIndexPage, NewsletterPage, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lecteur{n}@example.be")
    language = "fr"
    confirmed_at = factory.LazyFunction(timezone.now)


def newsletter_index():
    index = NewsletterIndexPage.objects.first()
    if index is None:
        home = Page.objects.get(depth=2).specific
        index = NewsletterIndexPage(title="Lettre d'information", slug="lettre-information")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def issue(*, title="Lettre de mars", publish=True, body=None):
    page = NewsletterPage(
        title=title,
        intro="Les nouvelles du mois.",
        body=body or [("heading", "Au programme"), ("paragraph", "<p>Des ateliers partout.</p>")],
        live=publish,
    )
    newsletter_index().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
