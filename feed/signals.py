"""Signals other apps listen to; the feed never imports them."""

from django.dispatch import Signal

# Sent after a moderation decision on a post or reaction was committed.
# Arguments: item (the Post or Reaction), post (the post it is or belongs to),
# event ("hidden" | "restored" | "removed").
moderation_outcome = Signal()
