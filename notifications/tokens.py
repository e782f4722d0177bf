"""One-click unsubscribe links (RFC 8058): signed, per resident and kind, no login needed.

The token carries the preference's version (its last change): a link older than the
resident's last change of that kind is refused as out of date rather than silently obeyed.
"""

from django.core import signing

SALT = "notifications.unsubscribe"


class UnsubscribeTokenError(Exception):
    pass


def make_token(*, user_id: int, kind: str, version: str) -> str:
    return signing.dumps({"u": user_id, "k": kind, "v": version}, salt=SALT, compress=True)


def read_token(token: str) -> dict:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise UnsubscribeTokenError("invalid") from error
    if not isinstance(data, dict) or not {"u", "k", "v"} <= data.keys():
        raise UnsubscribeTokenError("invalid")
    return data
