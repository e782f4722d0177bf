"""The demo logins printed by `run.py` and listed in the README. One password for all of them."""

DEMO_PASSWORD = "demo-mons-2026"

STAFF = [
    # (email, first name, group or None for superuser)
    ("admin@demo.mons.be", "Admin", None),
    ("communication@demo.mons.be", "Camille", "Communications officers"),
    ("newsletter@demo.mons.be", "Nora", "Newsletter editors"),
    ("participation@demo.mons.be", "Pierre", "Participation staff"),
    ("verification@demo.mons.be", "Véronique", "Verification staff"),
]

RESIDENTS = [
    # (email, display name, neighbourhood code, moderator?)
    ("resident@demo.mons.be", "Marie D.", "mons-centre", False),
    ("moderateur@demo.mons.be", "Luc V.", "mons-centre", True),
    ("voisin@demo.mons.be", "Sofia B.", "jemappes", False),
]

PENDING = ("nouveau@demo.mons.be", "Jonas P.")
