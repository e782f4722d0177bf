"""Dutch and English versions of the demo's French content (seeded last, by demo.demo)."""

HOME_INTRO = {
    "nl": "<p>Het wijknetwerk van Bergen: sluit u aan bij uw wijk, deel, help elkaar en doe mee "
    "aan de projecten van de Stad.</p>",
    "en": "<p>The Mons neighbourhood network: join your neighbourhood, share, help each other and "
    "take part in the city's projects.</p>",
}

STANDARD_PAGES = {
    "accessibilite": {
        "nl": (
            "Toegankelijkheidsverklaring",
            "De Stad Bergen wil dat iedereen deze site kan "
            "gebruiken (WCAG 2.1 AA). Meld een probleem aan quartiers@mons.be.",
        ),
        "en": (
            "Accessibility statement",
            "The City of Mons wants everyone to be able to use this "
            "site (WCAG 2.1 AA). Report a problem to quartiers@mons.be.",
        ),
    },
    "vie-privee": {
        "nl": (
            "Privacy",
            "De berichten van een wijk zijn alleen leesbaar voor de geverifieerde "
            "bewoners van die wijk: het personeel van de Stad heeft er geen toegang toe. "
            "Stemmen voor het burgerbudget zijn geheim. Functionaris voor "
            "gegevensbescherming: dpo@mons.be.",
        ),
        "en": (
            "Privacy",
            "A neighbourhood's posts can only be read by its verified residents: "
            "city staff have no access to them. Citizen budget votes are secret. Data "
            "protection officer: dpo@mons.be.",
        ),
    },
}

HUB_CONTACT = {
    "nl": {
        "heading": "Contact",
        "name": "Dienst Participatie van de Stad Bergen",
        "role": "Wijknetwerk",
    },
    "en": {
        "heading": "Contact",
        "name": "City of Mons Participation Service",
        "role": "Neighbourhood network",
    },
}

# The announcements' French templates (announcements.demo.MESSAGES), in the same order.
MESSAGES = {
    "nl": {
        "roadworks": [
            (
                "Wegenwerken in {hood}",
                "Het wegdek wordt vernieuwd van {d1} tot {d2}. Alleen "
                "plaatselijk verkeer; de bussen rijden om.",
            ),
            (
                "Vervanging van de waterleidingen in {hood}",
                "De SWDE vervangt de leidingen: korte "
                "onderbrekingen worden de dag ervoor aangekondigd.",
            ),
            (
                "Nieuwe voetpaden in {hood}",
                "De voetpaden worden verbreed en toegankelijk gemaakt "
                "voor kinderwagens en rolstoelen.",
            ),
        ],
        "safety": [
            (
                "Veiligheid rond de scholen van {hood}",
                "Zones 30 en verhoogde zebrapaden komen er na de vakantie.",
            ),
            (
                "Meer straatverlichting in {hood}",
                "Er komen ledlampen bij op de paden die bewoners hebben gemeld.",
            ),
        ],
        "initiative": [
            (
                "Gedeelde moestuin in {hood}",
                "De Stad stelt een terrein ter beschikking: doe mee "
                "met het collectief dat het bewerkt.",
            ),
            (
                "Boekenkast in {hood}",
                "Dankzij bewoners staat er een boekenkast. Neem en breng boeken!",
            ),
            (
                "Burenfeest in {hood}",
                "De Stad leent tafels, stoelen en hekken aan bewoners die "
                "een straatfeest organiseren.",
            ),
        ],
        "service": [
            (
                "Ophaling van grofvuil in {hood}",
                "De gratis ophaling van grofvuil komt op {d1}. Inschrijven via 065 40 50 00.",
            ),
            (
                "Zitdag van de dienst Bevolking in {hood}",
                "Een medewerker houdt een mobiele "
                "zitdag voor identiteitskaarten en adreswijzigingen.",
            ),
        ],
        "mobility": [
            ("Nieuwe bushalte in {hood}", "Lijn 1 stopt voortaan aan een extra halte."),
        ],
        "environment": [
            (
                "Bomen planten in {hood}",
                "Veertig bomen worden langs de wegen geplant: kom de uwe peteren.",
            ),
        ],
    },
    "en": {
        "roadworks": [
            (
                "Roadworks in {hood}",
                "The road is resurfaced from {d1} to {d2}. Local traffic only; buses are diverted.",
            ),
            (
                "Water mains replaced in {hood}",
                "SWDE is replacing the pipes: short cuts are announced the day before.",
            ),
            (
                "New pavements in {hood}",
                "Pavements are widened and made accessible to prams and wheelchairs.",
            ),
        ],
        "safety": [
            (
                "Safety around the schools of {hood}",
                "20 mph zones and raised crossings arrive after the holidays.",
            ),
            (
                "More street lighting in {hood}",
                "LED lights are added along the paths residents reported.",
            ),
        ],
        "initiative": [
            (
                "Shared vegetable garden in {hood}",
                "The city lends a plot: join the group that grows it.",
            ),
            ("Book box in {hood}", "Residents set up a book box. Take one, leave one!"),
            (
                "Street party in {hood}",
                "The city lends tables, chairs and barriers to residents "
                "who organise a street party.",
            ),
        ],
        "service": [
            (
                "Bulky waste collection in {hood}",
                "The free bulky waste collection comes on {d1}. Book on 065 40 50 00.",
            ),
            (
                "Population service drop-in in {hood}",
                "An officer holds a mobile drop-in for identity cards and changes of address.",
            ),
        ],
        "mobility": [
            ("New bus stop in {hood}", "Line 1 now serves an extra stop."),
        ],
        "environment": [
            (
                "Tree planting in {hood}",
                "Forty trees are planted along the roads: come and sponsor yours.",
            ),
        ],
    },
}

EVENTS = {
    "Atelier : le parc du Waux-Hall de demain": {
        "nl": "Workshop: het Waux-Hallpark van morgen",
        "en": "Workshop: tomorrow's Waux-Hall park",
    },
    "Balade exploratoire à Jemappes": {
        "nl": "Verkenningswandeling in Jemappes",
        "en": "Exploratory walk in Jemappes",
    },
    "Atelier : budget participatif, vos idées": {
        "nl": "Workshop: burgerbudget, uw ideeën",
        "en": "Workshop: citizen budget, your ideas",
    },
}
EVENT_TEXT = {
    "nl": ("Deel uw ideeën met uw buren en de Stad.", "Wijkhuis"),
    "en": ("Come and share your ideas with your neighbours and the city.", "Community centre"),
}

CALL = {
    "nl": {
        "title": "Oproep tot initiatieven 2026: de dorpen nieuw leven inblazen",
        "theme": "Projecten van bewoners die de dorpen nieuw leven inblazen",
        "intro": "<p>Hebt u een idee voor uw wijk? De Stad steunt u.</p>",
    },
    "en": {
        "title": "Call for initiatives 2026: bringing the villages back to life",
        "theme": "Projects led by residents to bring the villages back to life",
        "intro": "<p>Do you have an idea for your neighbourhood? The city supports you.</p>",
    },
}

SURVEY = {
    "nl": {
        "intro": "<p>Help ons uw wijk schoon en groen te houden.</p>",
        "questions": {
            "Les rues de votre quartier sont-elles propres ?": (
                "Zijn de straten van uw wijk schoon?",
                "",
                ("Helemaal niet", "Heel schoon"),
            ),
            "Avez-vous déjà signalé un dépôt sauvage ?": (
                "Hebt u al eens sluikstort gemeld?",
                "",
                None,
            ),
            "Comment l'avez-vous signalé ?": (
                "Hoe hebt u het gemeld?",
                "Telefoon\nApp\nE-mail\nAan het loket",
                None,
            ),
            "Quels espaces verts voudriez-vous voir ?": (
                "Welke groene ruimten wilt u zien?",
                "Park\nMoestuin\nBloemenweide\nStraatbomen",
                None,
            ),
            "Une suggestion ?": ("Een suggestie?", "", None),
        },
    },
    "en": {
        "intro": "<p>Help us keep your neighbourhood clean and green.</p>",
        "questions": {
            "Les rues de votre quartier sont-elles propres ?": (
                "Are the streets of your neighbourhood clean?",
                "",
                ("Not at all", "Very clean"),
            ),
            "Avez-vous déjà signalé un dépôt sauvage ?": (
                "Have you ever reported fly-tipping?",
                "",
                None,
            ),
            "Comment l'avez-vous signalé ?": (
                "How did you report it?",
                "Phone\nApp\nE-mail\nAt the counter",
                None,
            ),
            "Quels espaces verts voudriez-vous voir ?": (
                "Which green spaces would you like to see?",
                "Park\nVegetable garden\nWildflower meadow\nStreet trees",
                None,
            ),
            "Une suggestion ?": ("Any suggestion?", "", None),
        },
    },
}
SURVEY_SCALE_ENDS_FR = ("Pas du tout", "Très propres")

BUDGET = {
    "nl": {
        "title": "Burgerbudget 2026",
        "intro": "<p>De Stad Bergen besteedt € 200.000 aan projecten die bewoners voorstellen. "
        "Elk geverifieerd huishouden heeft één stembiljet.</p>",
    },
    "en": {
        "title": "Citizen budget 2026",
        "intro": "<p>The City of Mons spends €200,000 on projects proposed by its residents. "
        "Each verified household has one ballot.</p>",
    },
}
PROJECTS = {
    "Potager collectif au parc du Joncquois": (
        "Gemeenschappelijke moestuin in het Joncquoispark",
        "Community garden in Joncquois park",
    ),
    "Bancs et ombrage sur la Grand-Place": (
        "Banken en schaduw op de Grote Markt",
        "Benches and shade on the Grand-Place",
    ),
    "Piste cyclable sécurisée vers Jemappes": (
        "Veilig fietspad naar Jemappes",
        "Safe cycle lane to Jemappes",
    ),
    "Aire de jeux inclusive à Cuesmes": (
        "Inclusieve speeltuin in Cuesmes",
        "Inclusive playground in Cuesmes",
    ),
    "Fresque murale de la gare de Ghlin": (
        "Muurschildering aan het station van Ghlin",
        "Mural at Ghlin station",
    ),
    "Boîtes à livres dans les villages": (
        "Boekenkastjes in de dorpen",
        "Book boxes in the villages",
    ),
    "Verger partagé à Hyon": ("Gedeelde boomgaard in Hyon", "Shared orchard in Hyon"),
    "Éclairage du sentier de Nimy": (
        "Verlichting van het pad in Nimy",
        "Lighting for the Nimy path",
    ),
    "Repair café itinérant": ("Rondreizend repaircafé", "Travelling repair café"),
    "Terrain multisport à Flénu": ("Multisportveld in Flénu", "Multi-sport pitch in Flénu"),
    "Nichoirs et hôtels à insectes": (
        "Nestkastjes en insectenhotels",
        "Nest boxes and insect hotels",
    ),
    "Fontaine à eau au parc d'Obourg": (
        "Drinkfontein in het park van Obourg",
        "Drinking fountain in Obourg park",
    ),
    "Zone 30 devant l'école de Havré": (
        "Zone 30 voor de school van Havré",
        "20 mph zone outside Havré school",
    ),
    "Fête des voisins de Saint-Symphorien": (
        "Burenfeest in Saint-Symphorien",
        "Street party in Saint-Symphorien",
    ),
    "Parcours santé à Mesvin-Ciply": (
        "Trimparcours in Mesvin-Ciply",
        "Fitness trail in Mesvin-Ciply",
    ),
}
