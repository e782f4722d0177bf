"""Where residents' uploads for initiatives live: the private storage (no URL), under
"initiatives/", served only through a view that checks who may see them."""

from portal.storage import private_storage


def get_private_storage():
    return private_storage("initiatives")
