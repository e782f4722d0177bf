from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.middleware import cache_for_visitors

from .forms import AddressFinderForm
from .selectors import address_find, street_suggestions


@cache_for_visitors  # only the empty form is: the middleware never caches a query string
def find_by_address(request):
    """A visitor types their address and learns which neighbourhood (and hub) is theirs."""
    form = AddressFinderForm(request.GET or None)
    address = hub = None
    if form.is_valid():
        address = address_find(**form.cleaned_data)
        if address is None:
            form.add_error(
                "street",
                _("We could not find this address in Mons. Check the street name and number."),
            )
        else:
            hubs = address.neighbourhood.hub_pages.live()
            hub = hubs.filter(locale__language_code=request.LANGUAGE_CODE).first() or hubs.first()
    suggestions = []
    if form.is_bound and not form.is_valid() and form.data.get("street"):
        suggestions = street_suggestions(prefix=form.data["street"])
    return render(
        request,
        "neighbourhoods/find.html",
        {"form": form, "address": address, "hub": hub, "suggestions": suggestions},
    )
