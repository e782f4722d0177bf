"""The boundary matrix: every URL × every role, one exact answer each.

Other apps add their own `tests/boundary/test_<app>_matrix.py` with a list of `Case`s and call
`check_case(case, world, client_for_role)`; expectations default per audience (`members`,
`outsiders`, `staff`), and any role can be overridden.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation

from tests.conftest import ROLES, STAFF_ROLES

LOGIN = "login"  # 302 to the login page
REDIRECT = "redirect"  # 302 anywhere else (success of an action)

NON_MEMBERS = ["anonymous", "pending resident", "member of B", *STAFF_ROLES]


@dataclass(frozen=True)
class Case:
    name: str
    url: Callable  # world -> URL
    method: str = "get"
    data: Callable | None = None  # world -> POST data
    # Expected answers by role; roles not listed use `default`.
    expect: dict = field(default_factory=dict)
    default: object = 404
    # Should non-members' responses be free of the world's secret texts? (Always, for now.)
    secrets_hidden_from: tuple = tuple(NON_MEMBERS)

    def expected(self, role):
        if role in self.expect:
            return self.expect[role]
        if role == "anonymous":
            return LOGIN
        return self.default


def response_text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def answer(response):
    if response.status_code == 302:
        return LOGIN if "/compte/connexion/" in response["Location"] else REDIRECT
    return response.status_code


def check_case(case: Case, *, world, client_for, roles=None, secrets=()):
    """Request the case's URL as every role; return the list of mismatches (empty = pass).

    Roles whose expected answer is a success go last, so a successful write (delete, moderate…)
    never changes what the other roles are asked about.
    """
    roles = list(roles or ROLES)
    roles.sort(key=lambda r: case.expected(r) in (200, REDIRECT))
    problems = []
    for role in roles:
        client = client_for(role)
        with translation.override("fr"):  # URLs are built unprefixed; the case adds /nl/ etc.
            url = case.url(world)
        if case.method == "get":
            response = client.get(url)
        else:
            response = client.post(url, case.data(world) if case.data else {})
        got, want = answer(response), case.expected(role)
        if got != want:
            problems.append(f"{case.name} as {role}: expected {want}, got {got} ({url})")
        if role in case.secrets_hidden_from:
            text = response_text(response)
            for secret in secrets:
                if secret in text:
                    problems.append(f"{case.name} as {role}: response shows {secret!r}")
    return problems


__all__ = ["Case", "LOGIN", "REDIRECT", "NON_MEMBERS", "ROLES", "check_case", "answer"]
