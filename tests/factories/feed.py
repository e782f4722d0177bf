import io

import factory
from django.utils import timezone
from PIL import Image

from feed.models import Category, Post, Reaction
from feed.text import sanitise
from neighbourhoods.selectors import active_membership


class PostFactory(factory.django.DjangoModelFactory):
    """A visible post. Pass author=<a member>; neighbourhood and household follow the author."""

    class Meta:
        model = Post

    category = Category.QUESTION
    title = factory.Sequence(lambda n: f"Question de voisin numéro {n}")
    body = factory.Sequence(lambda n: sanitise(f"Quelqu'un connaît-il un bon plombier ? ({n})"))
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        author = kwargs["author"]
        membership = active_membership(user=author)
        if membership is not None:
            kwargs.setdefault("neighbourhood", membership.neighbourhood)
            kwargs.setdefault("household", membership.household)
        return super()._create(model_class, *args, **kwargs)


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reaction

    body = factory.Sequence(lambda n: sanitise(f"Oui, je vous envoie son numéro ({n})."))
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        reaction = super()._create(model_class, *args, **kwargs)
        Post.objects.filter(pk=reaction.post_id).update(
            reaction_count=Reaction.objects.filter(post_id=reaction.post_id).count()
        )
        return reaction


def image_bytes(fmt="JPEG", size=(64, 48), exif=None, mode="RGB") -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()
