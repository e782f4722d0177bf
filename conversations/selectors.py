from django.db.models import Q

from .models import Conversation


def conversations_of(*, user):
    return list(
        Conversation.objects.filter(Q(starter=user) | Q(other=user))
        .select_related("starter", "other", "neighbourhood")
        .order_by("-last_message_at")[:100]
    )


def conversation_for(*, user, pk):
    """The conversation if `user` takes part in it (and is no staff); else None."""
    from .permissions import can_read

    conversation = (
        Conversation.objects.select_related("starter", "other", "post").filter(pk=pk).first()
    )
    if conversation is None or not can_read(user, conversation):
        return None
    return conversation
