"""The home page's text and the statements every Belgian public-sector site must publish."""

from wagtail.models import Page, Site

from .models import HomePage, PortalSettings, StandardPage

ACCESSIBILITY = (
    "La Ville de Mons s'engage à rendre ce portail accessible conformément à la directive (UE) "
    "2016/2102 et aux règles WCAG 2.1 niveau AA. Si vous rencontrez un obstacle, écrivez à "
    "quartiers@mons.be ou appelez le 065 40 50 00 : nous vous répondrons dans les 15 jours "
    "ouvrables et vous fournirons l'information sous une autre forme."
)
PRIVACY = (
    "Vos données servent uniquement au réseau de quartiers. Les conversations de votre quartier ne "
    "sont lisibles que par les habitants vérifiés du quartier : le personnel de la Ville n'y a pas "
    "accès. Les votes du budget participatif sont secrets. Vous pouvez à tout moment quitter votre "
    "quartier, vous désabonner de la lettre d'information ou retirer votre accord d'être contacté "
    "comme bénévole. Délégué à la protection des données : dpo@mons.be."
)


def seed(*, scale, rng, log):
    home = HomePage.objects.get(depth=2, locale__language_code="fr")
    home.intro = (
        "<p>Le réseau de quartiers de Mons : rejoignez votre quartier, partagez, entraidez-vous et "
        "participez aux projets de la Ville.</p>"
    )
    home.save_revision().publish()
    pages = {}
    for slug, title, text in [
        ("accessibilite", "Déclaration d'accessibilité", ACCESSIBILITY),
        ("vie-privee", "Vie privée", PRIVACY),
    ]:
        page = StandardPage(title=title, slug=slug, intro=text)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = page
    site = Site.objects.get(is_default_site=True)
    settings = PortalSettings.for_site(site)
    settings.accessibility_page = Page.objects.get(pk=pages["accessibilite"].pk)
    settings.privacy_page = Page.objects.get(pk=pages["vie-privee"].pk)
    settings.save()
    log("  home page text, accessibility and privacy statements")
