from wagtail import hooks

from .staff_users import refuse_residents_in_bulk

hooks.register("before_bulk_action", refuse_residents_in_bulk)
