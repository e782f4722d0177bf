import pytest
from django.test import override_settings


@pytest.fixture
def skills(db):
    from tests.factories.neighbour_help import skills as make

    return make()


@pytest.fixture
def immediate_tasks():
    with override_settings(
        TASKS={
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
            "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        }
    ):
        yield
