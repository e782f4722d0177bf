"""Turn rows into JSON-ready dicts for the personal-data export."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID


def plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def rows(queryset, *fields) -> list[dict]:
    return [{k: plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def section(title, items) -> dict:
    return {"title": str(title), "items": list(items)}
