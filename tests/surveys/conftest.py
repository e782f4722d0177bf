import pytest

from tests.factories.neighbourhoods import member
from tests.factories.surveys import survey_page


class Answerer:
    """Walks the survey wizard like a browser without JavaScript would."""

    def __init__(self, client, survey):
        self.client = client
        self.survey = survey
        self.url = survey.url
        self.prefix = f"survey_{survey.translation_key.hex}"

    def start(self):
        return self.client.get(self.url)

    def post(self, step, answers=None, **extra):
        data = {f"{self.prefix}-current_step": step}
        for key, value in (answers or {}).items():
            data[f"{step}-{key}"] = value
        data.update(extra)
        return self.client.post(self.url, data)


@pytest.fixture
def survey(neighbourhoods):
    return survey_page(neighbourhoods=neighbourhoods)


@pytest.fixture
def resident(neighbourhoods):
    return member(neighbourhood=neighbourhoods[0])


@pytest.fixture
def answerer(client, resident, survey):
    client.force_login(resident)
    return Answerer(client, survey)


def keys(survey):
    return {q.label: q.key for q in survey.questions}


def full_answers(survey):
    k = keys(survey)
    return [
        ("1", {k["Do you cycle in town?"]: "yes", k["What is your main way to get around?"]: "2"}),
        (
            "2",
            {
                k["What would make cycling safer?"]: ["0", "3"],
                k["How safe do you feel at night?"]: "7",
            },
        ),
        ("3", {k["How many people live in your home?"]: "3", k["Anything else?"]: "Plus de bancs"}),
    ]
