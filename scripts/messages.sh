#!/usr/bin/env bash
# Refresh and compile the translation catalogues of one folder: an app, or "templates".
# Usage: scripts/messages.sh APP — fill msgstr in APP/locale/{fr,nl,en}/LC_MESSAGES/django.po,
# then run it again to compile. Source strings are English; French is the default language.
# The compiled .mo files are committed: a fresh machine may have no GNU gettext.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: scripts/messages.sh APP|templates}
export DJANGO_SETTINGS_MODULE=portal.settings.dev
py="$PWD/.venv/bin/python"
mkdir -p "$dir/locale"
cd "$dir"
"$py" ../manage.py makemessages -l fr -l nl -l en --no-obsolete --no-location
"$py" ../manage.py compilemessages
