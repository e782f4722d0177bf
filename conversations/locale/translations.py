# ruff: noqa: E501
# English msgid -> (French, Dutch). Fill with: scripts/po_fill.py conversations conversations/locale/translations.py
T = {
    "Conversations between neighbours": ("Conversations entre voisins", "Gesprekken tussen buren"),
    "Write to the author": ("Écrire à l'auteur", "Schrijf de auteur"),
    "My conversations with neighbours": (
        "Mes conversations avec des voisins",
        "Mijn gesprekken met buren",
    ),
    "Your message": ("Votre message", "Uw bericht"),
    "Only this neighbour will read it. Never share your address or bank details.": (
        "Seul ce voisin le lira. Ne communiquez jamais votre adresse ni vos coordonnées bancaires.",
        "Alleen deze buur leest het. Deel nooit uw adres of bankgegevens.",
    ),
    "What is wrong?": ("Qu'est-ce qui ne va pas ?", "Wat is er mis?"),
    "The resident moderators of your neighbourhood will read this conversation.": (
        "Les modérateurs habitants de votre quartier liront cette conversation.",
        "De bewoners-moderatoren van uw wijk zullen dit gesprek lezen.",
    ),
    "Write a message.": ("Écrivez un message.", "Schrijf een bericht."),
    "Keep your message under 2,000 characters.": (
        "Votre message doit faire moins de 2 000 caractères.",
        "Uw bericht moet korter zijn dan 2.000 tekens.",
    ),
    "You can only write to a neighbour of your own neighbourhood.": (
        "Vous ne pouvez écrire qu'à un voisin de votre propre quartier.",
        "U kunt alleen schrijven naar een buur uit uw eigen wijk.",
    ),
    "You cannot write to yourself.": (
        "Vous ne pouvez pas vous écrire à vous-même.",
        "U kunt niet naar uzelf schrijven.",
    ),
    "You cannot write to this neighbour.": (
        "Vous ne pouvez pas écrire à ce voisin.",
        "U kunt niet naar deze buur schrijven.",
    ),
    "This conversation is not yours.": (
        "Cette conversation n'est pas la vôtre.",
        "Dit gesprek is niet het uwe.",
    ),
    "This conversation is closed: one of you has left the neighbourhood.": (
        "Cette conversation est fermée : l'un de vous a quitté le quartier.",
        "Dit gesprek is gesloten: een van u heeft de wijk verlaten.",
    ),
    "You cannot block yourself.": (
        "Vous ne pouvez pas vous bloquer vous-même.",
        "U kunt uzelf niet blokkeren.",
    ),
    "Say in a few words what is wrong.": (
        "Dites en quelques mots ce qui ne va pas.",
        "Zeg in een paar woorden wat er mis is.",
    ),
    "You have already reported this conversation.": (
        "Vous avez déjà signalé cette conversation.",
        "U hebt dit gesprek al gemeld.",
    ),
    "Conversation with %(name)s": ("Conversation avec %(name)s", "Gesprek met %(name)s"),
    "About:": ("À propos de :", "Over:"),
    "You": ("Vous", "U"),
    "Send": ("Envoyer", "Versturen"),
    "This conversation is closed: one of you has left the neighbourhood. You can still read it.": (
        "Cette conversation est fermée : l'un de vous a quitté le quartier. Vous pouvez encore la lire.",
        "Dit gesprek is gesloten: een van u heeft de wijk verlaten. U kunt het nog lezen.",
    ),
    "Block %(name)s": ("Bloquer %(name)s", "%(name)s blokkeren"),
    "Report this conversation": ("Signaler cette conversation", "Dit gesprek melden"),
    "My conversations": ("Mes conversations", "Mijn gesprekken"),
    "No conversation yet. Under a neighbour's post, choose “Write to the author”.": (
        "Aucune conversation pour l'instant. Sous le message d'un voisin, choisissez « Écrire à l'auteur ».",
        "Nog geen gesprek. Kies onder het bericht van een buur “Schrijf de auteur”.",
    ),
    "Send to the moderators": ("Envoyer aux modérateurs", "Naar de moderatoren sturen"),
    "Back to the conversation": ("Retour à la conversation", "Terug naar het gesprek"),
    "Reported conversation": ("Conversation signalée", "Gemeld gesprek"),
    "Reported by %(name)s:": ("Signalée par %(name)s :", "Gemeld door %(name)s:"),
    "Write to %(name)s": ("Écrire à %(name)s", "Schrijf %(name)s"),
    "Conversations are for verified residents.": (
        "Les conversations sont réservées aux habitants vérifiés.",
        "Gesprekken zijn voor geverifieerde bewoners.",
    ),
    "Your message is sent.": ("Votre message est envoyé.", "Uw bericht is verstuurd."),
    "This neighbour can no longer write to you.": (
        "Ce voisin ne peut plus vous écrire.",
        "Deze buur kan u niet meer schrijven.",
    ),
    "Thank you. The neighbourhood moderators are told.": (
        "Merci. Les modérateurs du quartier sont prévenus.",
        "Bedankt. De moderatoren van de wijk zijn verwittigd.",
    ),
}
