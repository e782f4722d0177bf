"""One kind of refusal for every service: nothing was stored, and the message says why.

Views show a refusal one way: on the form (`refusal_to_form`) when there is one, else as a message.
"""


class ServiceRefusal(Exception):
    """A service refused to act. `message` is already in the reader's language (lazy or not);
    `field` names the form field it belongs to (None: the whole form); `code` is for views that
    choose a status or a page by the reason."""

    def __init__(self, message, *, field: str | None = None, code: str = ""):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code

    @property
    def messages(self) -> list[str]:
        return [str(self.message)]


def refusal_to_form(form, refusal: ServiceRefusal) -> None:
    """Show the refusal on its field when the form has that field, else above the form."""
    field = refusal.field if refusal.field in getattr(form, "fields", {}) else None
    form.add_error(field, str(refusal.message))
