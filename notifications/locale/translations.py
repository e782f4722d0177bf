# ruff: noqa: E501
# English msgid -> (French, Dutch). Fill with: scripts/po_fill.py notifications notifications/locale/translations.py
T = {
    "Notifications": ("Notifications", "Meldingen"),
    "unread": ("non lues", "ongelezen"),
    "How I am told about my neighbourhood": (
        "Comment je suis prévenu de ce qui se passe dans mon quartier",
        "Hoe ik op de hoogte word gehouden van mijn wijk",
    ),
    "Reactions and thanks on my posts": (
        "Réactions et remerciements sur mes messages",
        "Reacties en bedankjes op mijn berichten",
    ),
    "Replies in my conversations": (
        "Réponses dans mes conversations",
        "Antwoorden in mijn gesprekken",
    ),
    "Answers to my help offers and requests": (
        "Réponses à mes offres et demandes d'aide",
        "Antwoorden op mijn hulpaanbod en hulpvragen",
    ),
    "Moderation of what I wrote": (
        "Modération de ce que j'ai écrit",
        "Moderatie van wat ik schreef",
    ),
    "News from the city for my neighbourhood": (
        "Nouvelles de la Ville pour mon quartier",
        "Nieuws van de Stad voor mijn wijk",
    ),
    "Progress of my initiatives": ("Suivi de mes initiatives", "Voortgang van mijn initiatieven"),
    "Immediately by e-mail": ("Tout de suite par e-mail", "Meteen per e-mail"),
    "In the daily digest": ("Dans le résumé quotidien", "In de dagelijkse samenvatting"),
    "In the weekly digest": ("Dans le résumé hebdomadaire", "In de wekelijkse samenvatting"),
    "Only on the site": ("Seulement sur le site", "Alleen op de website"),
    "Hello %(name)s,": ("Bonjour %(name)s,", "Hallo %(name)s,"),
    "See it on the site": ("Voir sur le site", "Bekijk het op de website"),
    "You receive this e-mail because of your choices on “My account”.": (
        "Vous recevez cet e-mail selon vos choix dans « Mon compte ».",
        "U ontvangt deze e-mail volgens uw keuzes in “Mijn account”.",
    ),
    "Stop e-mails of this kind": (
        "Ne plus recevoir ce type d'e-mail",
        "Geen e-mails van deze soort meer",
    ),
    "See it on the site:": ("Voir sur le site :", "Bekijk het op de website:"),
    "Stop e-mails of this kind:": (
        "Ne plus recevoir ce type d'e-mail :",
        "Geen e-mails van deze soort meer:",
    ),
    "Mark all as read": ("Tout marquer comme lu", "Alles als gelezen markeren"),
    "New": ("Nouveau", "Nieuw"),
    "%(ago)s ago": ("il y a %(ago)s", "%(ago)s geleden"),
    "Nothing new for you yet. When a neighbour reacts to your post or the city publishes something for your neighbourhood, you will see it here.": (
        "Rien de neuf pour vous pour l'instant. Quand un voisin réagit à votre message ou que la Ville publie quelque chose pour votre quartier, vous le verrez ici.",
        "Nog niets nieuws voor u. Als een buur reageert op uw bericht of de Stad iets publiceert voor uw wijk, ziet u het hier.",
    ),
    "Choose how you are told": (
        "Choisir comment je suis prévenu",
        "Kiezen hoe ik op de hoogte word gehouden",
    ),
    "How I am told": ("Comment je suis prévenu", "Hoe ik op de hoogte word gehouden"),
    "For each kind of news, choose: an e-mail at once, a summary once a day or once a week, or only here on the site.": (
        "Pour chaque type de nouvelle, choisissez : un e-mail tout de suite, un résumé une fois par jour ou une fois par semaine, ou seulement ici sur le site.",
        "Kies voor elke soort nieuws: meteen een e-mail, een samenvatting eens per dag of eens per week, of alleen hier op de website.",
    ),
    "Save my choices": ("Enregistrer mes choix", "Mijn keuzes opslaan"),
    "My notifications": ("Mes notifications", "Mijn meldingen"),
    "%(who)s reacted to your post “%(title)s”": (
        "%(who)s a réagi à votre message « %(title)s »",
        "%(who)s reageerde op uw bericht “%(title)s”",
    ),
    "%(who)s thanked you for your post “%(title)s”": (
        "%(who)s vous remercie pour votre message « %(title)s »",
        "%(who)s bedankt u voor uw bericht “%(title)s”",
    ),
    "%(who)s wrote to you": ("%(who)s vous a écrit", "%(who)s schreef u"),
    "%(who)s answered your help offer": (
        "%(who)s a répondu à votre offre d'aide",
        "%(who)s antwoordde op uw hulpaanbod",
    ),
    "Your message in “%(title)s” is hidden until a moderator looks at it": (
        "Votre message dans « %(title)s » est masqué jusqu'à ce qu'un modérateur l'examine",
        "Uw bericht in “%(title)s” is verborgen tot een moderator het bekijkt",
    ),
    "Your message in “%(title)s” is visible again": (
        "Votre message dans « %(title)s » est de nouveau visible",
        "Uw bericht in “%(title)s” is weer zichtbaar",
    ),
    "Your message in “%(title)s” was removed by the moderators": (
        "Votre message dans « %(title)s » a été retiré par les modérateurs",
        "Uw bericht in “%(title)s” werd verwijderd door de moderatoren",
    ),
    "Your initiative “%(title)s” has a new status": (
        "Votre initiative « %(title)s » a un nouveau statut",
        "Uw initiatief “%(title)s” heeft een nieuwe status",
    ),
    "News from the city: %(title)s": (
        "Nouvelle de la Ville : %(title)s",
        "Nieuws van de Stad: %(title)s",
    ),
    "New event: %(title)s": ("Nouvel événement : %(title)s", "Nieuw evenement: %(title)s"),
    "New survey: %(title)s": ("Nouvelle enquête : %(title)s", "Nieuwe enquête: %(title)s"),
    "Citizen budget: %(title)s": ("Budget participatif : %(title)s", "Burgerbegroting: %(title)s"),
    "New call for initiatives: %(title)s": (
        "Nouvel appel à initiatives : %(title)s",
        "Nieuwe oproep voor initiatieven: %(title)s",
    ),
    "Stop these e-mails": ("Ne plus recevoir ces e-mails", "Deze e-mails stopzetten"),
    "This link is not valid. It may have been cut in two by your e-mail program. Change your choices on “My account” instead.": (
        "Ce lien n'est pas valide. Votre programme de messagerie l'a peut-être coupé en deux. Modifiez plutôt vos choix dans « Mon compte ».",
        "Deze link is niet geldig. Uw e-mailprogramma heeft hem misschien in tweeën geknipt. Wijzig uw keuzes liever in “Mijn account”.",
    ),
    "This link is out of date: you have changed your choices since this e-mail was sent. Change them on “My account” instead.": (
        "Ce lien n'est plus à jour : vous avez modifié vos choix depuis l'envoi de cet e-mail. Modifiez-les plutôt dans « Mon compte ».",
        "Deze link is verouderd: u hebt uw keuzes gewijzigd sinds deze e-mail werd verstuurd. Wijzig ze liever in “Mijn account”.",
    ),
    "You no longer receive e-mails about: %(kind_label)s. You still see them on the site.": (
        "Vous ne recevez plus d'e-mails pour : %(kind_label)s. Vous les voyez toujours sur le site.",
        "U ontvangt geen e-mails meer over: %(kind_label)s. U ziet ze nog op de website.",
    ),
    "Done. You will no longer receive e-mails about: %(kind_label)s. You still see them on the site.": (
        "C'est fait. Vous ne recevrez plus d'e-mails pour : %(kind_label)s. Vous les voyez toujours sur le site.",
        "Klaar. U ontvangt geen e-mails meer over: %(kind_label)s. U ziet ze nog op de website.",
    ),
    "Stop e-mails about: %(kind_label)s? You will still see them on the site.": (
        "Ne plus recevoir d'e-mails pour : %(kind_label)s ? Vous les verrez toujours sur le site.",
        "Geen e-mails meer over: %(kind_label)s? U ziet ze nog op de website.",
    ),
    "My choices": ("Mes choix", "Mijn keuzes"),
    "All notifications are marked as read.": (
        "Toutes les notifications sont marquées comme lues.",
        "Alle meldingen zijn als gelezen gemarkeerd.",
    ),
    "Your choices are saved.": ("Vos choix sont enregistrés.", "Uw keuzes zijn opgeslagen."),
    "daily": ("quotidien", "dagelijks"),
    "weekly": ("hebdomadaire", "wekelijks"),
    "pending": ("en attente", "in afwachting"),
    "sent": ("envoyé", "verzonden"),
    "skipped": ("non envoyé", "niet verzonden"),
    "What is new in %(name)s since yesterday.": (
        "Les nouvelles de %(name)s depuis hier.",
        "Wat er nieuw is in %(name)s sinds gisteren.",
    ),
    "What is new in %(name)s this week.": (
        "Les nouvelles de %(name)s cette semaine.",
        "Wat er deze week nieuw is in %(name)s.",
    ),
    "For you": ("Pour vous", "Voor u"),
    "Most talked about": ("Les plus commentés", "Meest besproken"),
    "From the city": ("De la Ville", "Van de Stad"),
    "Coming up": ("À venir", "Binnenkort"),
    "The whole neighbourhood": ("Tout le quartier", "De hele wijk"),
    "The whole neighbourhood:": ("Tout le quartier :", "De hele wijk:"),
    "This week in %(name)s": ("Cette semaine à %(name)s", "Deze week in %(name)s"),
    "Today in %(name)s": ("Aujourd'hui à %(name)s", "Vandaag in %(name)s"),
    "All my notifications": ("Toutes mes notifications", "Al mijn meldingen"),
    "All my notifications:": ("Toutes mes notifications :", "Al mijn meldingen:"),
    "New in the neighbourhood": ("Nouveau dans le quartier", "Nieuw in de wijk"),
    "You receive this summary because of your choices on “My account”.": (
        "Vous recevez ce résumé selon vos choix dans « Mon compte ».",
        "U ontvangt deze samenvatting volgens uw keuzes in “Mijn account”.",
    ),
    "Stop these summaries": ("Ne plus recevoir ces résumés", "Deze samenvattingen stopzetten"),
    "Stop these summaries:": ("Ne plus recevoir ces résumés :", "Deze samenvattingen stopzetten:"),
    "A conversation in your neighbourhood was reported to the moderators": (
        "Une conversation de votre quartier a été signalée aux modérateurs",
        "Een gesprek in uw wijk werd gemeld aan de moderatoren",
    ),
}
