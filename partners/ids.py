"""Ids that arrive from a request are range-checked before they reach a query.

SQLite binds integers of 64 bits at most: ``pk__in=[99999999999999999999]`` raised OverflowError (a 500)
in every form and widget that filtered on ids it was sent, the action form's multi-selects among them.
Django itself turns an out-of-range ``exact``/``gt``/``lt`` on an integer column into an empty (or full)
result; ``IntegerFieldIn`` and ``RelatedIntegerIn`` do the same for ``in`` on every integer field and foreign
key of every model (registered in ``PartnersConfig.ready``), so no form, widget, admin action or view can send
such a value to the database.
``parse_id`` and ``parse_ids`` are for ids read by hand: digits only, 1 to 2**63 - 1.
"""

from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The id ``value`` names (1 … 2**63-1), or None for anything else (``1e20``, ``-1``, ``١``, 10**20)."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The valid ids among ``values``, in order, without repeats."""
    return list(dict.fromkeys(number for number in map(parse_id, values) if number is not None))


class OutOfRangeIdsDropped:
    """Leaves out of ``in`` the values beyond the integer column's range, as ``IntegerFieldExact`` does."""

    def process_rhs(self, compiler, connection):
        field = self.lhs.output_field
        field = getattr(field, "target_field", field)  # a foreign key compares with its target's column
        if self.rhs_is_direct_value() and isinstance(field, IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            kept = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if len(kept) != len(self.rhs):
                # An empty list makes In raise EmptyResultSet: the condition matches nothing, as it should.
                self.rhs = kept
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(OutOfRangeIdsDropped, In):
    pass


class RelatedIntegerIn(OutOfRangeIdsDropped, RelatedIn):
    pass


def register_lookups() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
