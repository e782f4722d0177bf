"""Post Wagtail admin forms as the browser does: start from the form's own rendered defaults."""

from html.parser import HTMLParser


class FormInputs(HTMLParser):
    """Collects a form's default values, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        name = attrs.get("name")
        if not name:
            return
        if tag == "input" and attrs.get("type") not in ("checkbox", "radio", "submit", "file"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and "checked" in attrs:
            if attrs.get("type") == "checkbox" and name in self.data:
                previous = self.data[name]
                previous = previous if isinstance(previous, list) else [previous]
                self.data[name] = [*previous, attrs.get("value", "on")]
            else:
                self.data[name] = attrs.get("value", "on")
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""
        elif tag == "select":
            self._select = name
            self.data.setdefault(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_defaults(client, url) -> dict:
    """What the editor's form at `url` would post untouched (inline templates left out)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = FormInputs()
    parser.feed(response.content.decode())
    return {
        key: value
        for key, value in parser.data.items()
        if "__prefix__" not in key and key != "csrfmiddlewaretoken"
    }


def form_errors(response) -> dict:
    """The errors of a re-rendered admin form (empty when the post was accepted)."""
    if response.status_code != 200 or not response.context:
        return {}
    form = response.context.get("form")
    return dict(form.errors) if form is not None else {}
