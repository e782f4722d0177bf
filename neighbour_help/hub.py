from django.template.loader import render_to_string

from neighbourhoods.permissions import resident_membership


def render_hub_section(*, request, neighbourhood):
    membership = resident_membership(request.user)
    if membership is None or membership.neighbourhood_id != neighbourhood.pk:
        return ""
    return render_to_string("care/hub_section.html", {}, request=request)
