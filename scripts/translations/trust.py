# Issue 12 (staff second factor, audit log, data rights): English msgid -> (French, Dutch).
T = {
    "Code": ("Code", "Code"),
    "Confirm": ("Confirmer", "Bevestigen"),
    "Download my data": ("Télécharger mes données", "Mijn gegevens downloaden"),
    "Enter the 6-digit code the app shows.": (
        "Entrez le code à 6 chiffres affiché par l’application.",
        "Voer de 6-cijferige code in die de app toont.",
    ),
    "Enter your code": ("Entrez votre code", "Voer uw code in"),
    "I have kept them, continue": ("Je les ai notés, continuer", "Ik heb ze bewaard, verder"),
    "Keep these codes somewhere safe, away from your phone. Each one lets you sign in once if you lose your phone. They are shown only now.": (
        "Gardez ces codes en lieu sûr, loin de votre téléphone. Chacun permet de vous connecter une fois si vous perdez votre téléphone. Ils ne sont affichés qu’une seule fois.",
        "Bewaar deze codes op een veilige plek, niet bij uw telefoon. Met elke code kunt u één keer aanmelden als u uw telefoon verliest. Ze worden alleen nu getoond.",
    ),
    "Make new recovery codes": ("Créer de nouveaux codes de secours", "Nieuwe herstelcodes maken"),
    "Making new recovery codes stops the old ones from working.": (
        "Créer de nouveaux codes de secours désactive les anciens.",
        "Nieuwe herstelcodes maken schakelt de oude uit.",
    ),
    "New recovery codes": ("Nouveaux codes de secours", "Nieuwe herstelcodes"),
    "Open your authenticator app and enter the code it shows for this site. Lost your phone? Use one of your recovery codes; each works once.": (
        "Ouvrez votre application d’authentification et entrez le code affiché pour ce site. Téléphone perdu ? Utilisez un de vos codes de secours ; chacun ne sert qu’une fois.",
        "Open uw authenticator-app en voer de code in die voor deze site wordt getoond. Telefoon kwijt? Gebruik een van uw herstelcodes; elke code werkt één keer.",
    ),
    "Or type this key in the app:": (
        "Ou tapez cette clé dans l’application :",
        "Of typ deze sleutel in de app:",
    ),
    "Please wait a few seconds before trying another code.": (
        "Veuillez patienter quelques secondes avant d’essayer un autre code.",
        "Wacht enkele seconden voor u een andere code probeert.",
    ),
    "Scan this QR code with the app:": (
        "Scannez ce code QR avec l’application :",
        "Scan deze QR-code met de app:",
    ),
    "Second factor": ("Second facteur", "Tweede factor"),
    "Set up your second factor": ("Configurez votre second facteur", "Stel uw tweede factor in"),
    "Staff accounts reach the addresses of the whole city, so they sign in with a password and a code from an authenticator app on your phone (for example FreeOTP, Aegis or Google Authenticator).": (
        "Les comptes du personnel accèdent aux adresses de toute la ville : ils se connectent avec un mot de passe et un code d’une application d’authentification sur votre téléphone (par exemple FreeOTP, Aegis ou Google Authenticator).",
        "Personeelsaccounts hebben toegang tot de adressen van de hele stad: ze melden aan met een wachtwoord en een code uit een authenticator-app op uw telefoon (bijvoorbeeld FreeOTP, Aegis of Google Authenticator).",
    ),
    "The 6 digits shown by your authenticator app, or one of your recovery codes.": (
        "Les 6 chiffres affichés par votre application d’authentification, ou un de vos codes de secours.",
        "De 6 cijfers van uw authenticator-app, of een van uw herstelcodes.",
    ),
    "This code is not right. Check the time on your phone.": (
        "Ce code n’est pas correct. Vérifiez l’heure de votre téléphone.",
        "Deze code klopt niet. Controleer de tijd op uw telefoon.",
    ),
    "This code is not right.": ("Ce code n’est pas correct.", "Deze code klopt niet."),
    "Too many wrong codes. For your security, please wait 15 minutes and try again.": (
        "Trop de codes erronés. Pour votre sécurité, attendez 15 minutes avant de réessayer.",
        "Te veel foute codes. Wacht voor uw veiligheid 15 minuten en probeer opnieuw.",
    ),
    "Your recovery codes": ("Vos codes de secours", "Uw herstelcodes"),
    "account deleted at": ("compte supprimé le", "account verwijderd op"),
    "A former neighbour": ("Un ancien voisin", "Een voormalige buur"),
    "Sign in": ("Se connecter", "Aanmelden"),
    "Sign out": ("Se déconnecter", "Afmelden"),
    "My data": ("Mes données", "Mijn gegevens"),
    "Delete my account": ("Supprimer mon compte", "Mijn account verwijderen"),
    "your event registrations and your choice about the city's e-mails": (
        "vos inscriptions aux événements et votre choix concernant les e-mails de la Ville",
        "uw inschrijvingen voor evenementen en uw keuze over de e-mails van de stad",
    ),
    "Action": ("Action", "Actie"),
    "All": ("Toutes", "Alle"),
    "Audit log": ("Journal d’audit", "Auditlogboek"),
    "Filter": ("Filtrer", "Filteren"),
    "Newer": ("Plus récentes", "Nieuwere"),
    "Nothing recorded yet.": ("Rien d’enregistré pour l’instant.", "Nog niets geregistreerd."),
    "Older": ("Plus anciennes", "Oudere"),
    "On what": ("Sur quoi", "Waarop"),
    "Page %(n)s of %(total)s": ("Page %(n)s sur %(total)s", "Pagina %(n)s van %(total)s"),
    "Pages": ("Pages", "Pagina’s"),
    "Rows": ("Lignes", "Rijen"),
    "What": ("Quoi", "Wat"),
    "When": ("Quand", "Wanneer"),
    "Who": ("Qui", "Wie"),
    "Who took what out of the portal, newest first": (
        "Qui a sorti quoi du portail, les plus récentes d’abord",
        "Wie wat uit het portaal haalde, nieuwste eerst",
    ),
    "audit entries": ("entrées du journal d’audit", "auditregels"),
    "audit entry": ("entrée du journal d’audit", "auditregel"),
    "on what": ("sur quoi", "waarop"),
    "rows": ("lignes", "rijen"),
    "what": ("quoi", "wat"),
    "when": ("quand", "wanneer"),
    "who": ("qui", "wie"),
    "budget ballots: they were anonymous from the start, so nobody can find yours to erase it; your household's “has voted” mark stays so it cannot vote twice": (
        "les bulletins du budget participatif : anonymes dès le départ, personne ne peut retrouver le vôtre pour l’effacer ; la mention « a voté » de votre ménage reste pour qu’il ne vote pas deux fois",
        "de stembiljetten van de burgerbegroting: ze waren van bij het begin anoniem, niemand kan het uwe terugvinden om het te wissen; de vermelding „heeft gestemd” van uw huishouden blijft, zodat het niet twee keer stemt",
    ),
    "the dates you agreed to and withdrew from volunteering for the city, without contact details (proof of consent)": (
        "les dates auxquelles vous avez accepté puis retiré votre bénévolat pour la Ville, sans coordonnées (preuve du consentement)",
        "de data waarop u instemde met en stopte als vrijwilliger voor de stad, zonder contactgegevens (bewijs van toestemming)",
    ),
    "the messages you wrote to neighbours about help": (
        "les messages que vous avez écrits à des voisins à propos d’entraide",
        "de berichten die u over burenhulp aan buren schreef",
    ),
    "your help offer, your phone number and the city's call-outs sent to you": (
        "votre proposition d’aide, votre numéro de téléphone et les appels de la Ville qui vous ont été envoyés",
        "uw hulpaanbod, uw telefoonnummer en de oproepen van de stad die u kreeg",
    ),
    "your posts and their photos, your thanks and your reports": (
        "vos publications et leurs photos, vos remerciements et vos signalements",
        "uw berichten en hun foto’s, uw bedankjes en uw meldingen",
    ),
    "your reactions under other people's posts": (
        "vos réactions sous les publications des autres",
        "uw reacties onder berichten van anderen",
    ),
    "the initiatives you submitted (the city's answer is a public decision)": (
        "les initiatives que vous avez déposées (la réponse de la Ville est une décision publique)",
        "de initiatieven die u indiende (het antwoord van de stad is een openbare beslissing)",
    ),
    "your initiative drafts and your offers to help with initiatives": (
        "vos brouillons d’initiative et vos offres d’aide aux initiatives",
        "uw ontwerpen van initiatieven en uw hulpaanbod voor initiatieven",
    ),
    "your household's supports, which never named you": (
        "les soutiens de votre ménage, qui ne vous ont jamais nommé",
        "de steunbetuigingen van uw huishouden, die u nooit noemden",
    ),
    "the dates and wording of what you agreed to for the newsletter, without your address (proof of consent)": (
        "les dates et le texte de ce que vous avez accepté pour la lettre d’information, sans votre adresse (preuve du consentement)",
        "de data en tekst van waarmee u instemde voor de nieuwsbrief, zonder uw adres (bewijs van toestemming)",
    ),
    "your newsletter subscription and its delivery log": (
        "votre abonnement à la lettre d’information et son journal d’envoi",
        "uw abonnement op de nieuwsbrief en het verzendlogboek",
    ),
    "Account": ("Compte", "Account"),
    "Address verification": ("Vérification de l’adresse", "Adresverificatie"),
    "Back to my account": ("Retour à mon compte", "Terug naar mijn account"),
    "Cancel": ("Annuler", "Annuleren"),
    "Delete my account for good": (
        "Supprimer définitivement mon compte",
        "Mijn account definitief verwijderen",
    ),
    "Everything Mons en quartiers keeps about me": (
        "Tout ce que Mons en quartiers garde à mon sujet",
        "Alles wat Mons en quartiers over mij bewaart",
    ),
    "Generated on": ("Créé le", "Aangemaakt op"),
    "Hello %(name)s,": ("Bonjour %(name)s,", "Hallo %(name)s,"),
    "Household, address and memberships": (
        "Ménage, adresse et adhésions",
        "Huishouden, adres en lidmaatschappen",
    ),
    "If you did not ask for this, change your password.": (
        "Si vous n’avez rien demandé, changez votre mot de passe.",
        "Als u dit niet vroeg, wijzig dan uw wachtwoord.",
    ),
    "It stays, signed “a former neighbour”, because it is part of other people's conversations or of public decisions:": (
        "Cela reste, signé « un ancien voisin », car cela fait partie des conversations d’autres personnes ou de décisions publiques :",
        "Dit blijft, ondertekend „een voormalige buur”, omdat het deel is van gesprekken van anderen of van openbare beslissingen:",
    ),
    "Nothing.": ("Rien.", "Niets."),
    "Personal data": ("Données personnelles", "Persoonsgegevens"),
    "Prepare my data": ("Préparer mes données", "Mijn gegevens klaarmaken"),
    "The file with everything we keep about you is ready. Sign in and download it here:": (
        "Le fichier avec tout ce que nous gardons à votre sujet est prêt. Connectez-vous et téléchargez-le ici :",
        "Het bestand met alles wat we over u bewaren is klaar. Meld u aan en download het hier:",
    ),
    "The link and the file are deleted on %(date)s.": (
        "Le lien et le fichier seront supprimés le %(date)s.",
        "De link en het bestand worden verwijderd op %(date)s.",
    ),
    "This is final: it cannot be undone. You can first download your data.": (
        "C’est définitif : impossible de revenir en arrière. Vous pouvez d’abord télécharger vos données.",
        "Dit is definitief: het kan niet ongedaan worden. U kunt eerst uw gegevens downloaden.",
    ),
    "This password is not right.": (
        "Ce mot de passe n’est pas correct.",
        "Dit wachtwoord klopt niet.",
    ),
    "To make sure it is you.": (
        "Pour vérifier que c’est bien vous.",
        "Om zeker te zijn dat u het bent.",
    ),
    "Too many failed attempts. Please wait 15 minutes.": (
        "Trop de tentatives échouées. Veuillez attendre 15 minutes.",
        "Te veel mislukte pogingen. Wacht 15 minuten.",
    ),
    "We are preparing your data. You will receive an e-mail with a download link in a few minutes.": (
        "Nous préparons vos données. Vous recevrez un e-mail avec un lien de téléchargement dans quelques minutes.",
        "We maken uw gegevens klaar. U krijgt binnen enkele minuten een e-mail met een downloadlink.",
    ),
    "We prepare it in the background and e-mail you a link. The link and the file are deleted after a few days.": (
        "Nous le préparons en arrière-plan et vous envoyons un lien par e-mail. Le lien et le fichier sont supprimés après quelques jours.",
        "We maken het op de achtergrond klaar en mailen u een link. De link en het bestand worden na enkele dagen verwijderd.",
    ),
    "What is anonymised": ("Ce qui est anonymisé", "Wat geanonimiseerd wordt"),
    "What is erased": ("Ce qui est effacé", "Wat gewist wordt"),
    "What is kept, and why": ("Ce qui est gardé, et pourquoi", "Wat bewaard blijft, en waarom"),
    "You get a ZIP file with everything the portal keeps about you: your account, household and address, memberships, posts, reactions, messages you wrote, survey answers still linked to you, initiatives, supports, help offers, consents and subscriptions, in a machine-readable file (JSON) and a page you can read (HTML), with your own photos.": (
        "Vous recevez un fichier ZIP avec tout ce que le portail garde à votre sujet : votre compte, votre ménage et votre adresse, vos adhésions, publications, réactions, les messages que vous avez écrits, les réponses aux enquêtes encore liées à vous, initiatives, soutiens, offres d’aide, consentements et abonnements, dans un fichier lisible par une machine (JSON) et une page lisible (HTML), avec vos propres photos.",
        "U krijgt een ZIP-bestand met alles wat het portaal over u bewaart: uw account, huishouden en adres, lidmaatschappen, berichten, reacties, berichten die u schreef, antwoorden op enquêtes die nog aan u gekoppeld zijn, initiatieven, steunbetuigingen, hulpaanbod, toestemmingen en abonnementen, in een machineleesbaar bestand (JSON) en een leesbare pagina (HTML), met uw eigen foto’s.",
    ),
    "Your account is deleted. Goodbye, and thank you.": (
        "Votre compte est supprimé. Au revoir, et merci.",
        "Uw account is verwijderd. Tot ziens, en bedankt.",
    ),
    "Your data is ready to download": (
        "Vos données sont prêtes à être téléchargées",
        "Uw gegevens zijn klaar om te downloaden",
    ),
    "Your latest request:": ("Votre dernière demande :", "Uw laatste aanvraag:"),
    "Your password": ("Votre mot de passe", "Uw wachtwoord"),
    "being prepared": ("en préparation", "wordt klaargemaakt"),
    "failed": ("échec", "mislukt"),
    "personal data export": ("export de données personnelles", "export van persoonsgegevens"),
    "personal data exports": ("exports de données personnelles", "exports van persoonsgegevens"),
    "ready": ("prêt", "klaar"),
    "that a (now anonymous) person was a member of your household, so that “one per household” rules and participation figures stay right": (
        "qu’une personne (désormais anonyme) a été membre de votre ménage, pour que les règles « une fois par ménage » et les chiffres de participation restent justes",
        "dat een (nu anonieme) persoon lid was van uw huishouden, zodat de regels „één keer per huishouden” en de deelnamecijfers juist blijven",
    ),
    "which letter batch let your household in, without your name (fraud checks)": (
        "quel lot de lettres a fait entrer votre ménage, sans votre nom (contrôles contre la fraude)",
        "welke lettergroep uw huishouden binnenliet, zonder uw naam (fraudecontrole)",
    ),
    "your e-mail address, name, password and language": (
        "votre adresse e-mail, votre nom, votre mot de passe et votre langue",
        "uw e-mailadres, naam, wachtwoord en taal",
    ),
    "your requests for a letter and the addresses you typed": (
        "vos demandes de lettre et les adresses que vous avez tapées",
        "uw aanvragen voor een brief en de adressen die u typte",
    ),
    "your second factor, your sessions and your data-download files": (
        "votre second facteur, vos sessions et vos fichiers de données téléchargeables",
        "uw tweede factor, uw sessies en uw downloadbestanden met gegevens",
    ),
    "Survey answers linked to you": (
        "Réponses aux enquêtes liées à vous",
        "Antwoorden op enquêtes die aan u gekoppeld zijn",
    ),
    "your survey answers: they stay in the results but lose every link to you": (
        "vos réponses aux enquêtes : elles restent dans les résultats mais perdent tout lien avec vous",
        "uw antwoorden op enquêtes: ze blijven in de resultaten maar verliezen elke band met u",
    ),
}
