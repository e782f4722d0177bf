from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.middleware import cache_for_visitors

from .forms import AddressFinderForm
from .selectors import address_find, hub_url, street_exists, street_suggestions


@cache_for_visitors  # only the empty form is: the middleware never caches a query string
def find_by_address(request):
    """A visitor types their address and learns which neighbourhood (and hub) is theirs."""
    form = AddressFinderForm(request.GET or None)
    address = hub = None
    suggestions = []
    if form.is_valid():
        address = address_find(**form.cleaned_data)
        street = form.cleaned_data["street"]
        if address is not None:
            hub = hub_url(neighbourhood=address.neighbourhood)
        elif street_exists(street=street):
            # The street is right: the error belongs to the number (or box).
            form.add_error(
                "number",
                _("This number is not in our register for %(street)s. Check the number and box.")
                % {"street": street},
            )
        else:
            suggestions = street_suggestions(text=street)
            form.add_error(
                "street",
                _("We could not find this street in Mons. Check its name.")
                if not suggestions
                else _("We could not find this street in Mons. Did you mean one of those below?"),
            )
    return render(
        request,
        "neighbourhoods/find.html",
        {"form": form, "address": address, "hub": hub, "suggestions": suggestions},
    )
