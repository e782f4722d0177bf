# The same neighbours for both apps: one definition (tests/neighbour_fixtures.py).
from tests.neighbour_fixtures import _private_media, alice, berthe, bob, post  # noqa: F401
