"""Strings of Django itself that its Kyrgyz catalogue lacks (it was made for an older Django) and that the
portal's forms can show: listed here so that makemessages takes them into the portal's catalogues, where
they are translated; gettext then finds them there before Django's own. Never imported: only read by
makemessages.

Checked against Django 5.2's conf/locale/ky and contrib/auth/locale/ky; the other missing ones belong to the
admin's user pages, IP address and domain name fields, and model field types, which no page here shows.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

MISSING_IN_DJANGOS_KYRGYZ = [
    # contrib/auth/password_validation.py: the password change and reset forms.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    # forms/formsets.py: the action form's links and attachments.
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "num"),
    # db/models: a model form that checks the model's constraints and its foreign keys.
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    # utils/timesince.py: "1 month, 2 weeks" (Django's Kyrgyz drops the space after the comma).
    # Translators: the separator between the parts of a time span, a comma and a space in most languages.
    gettext_noop(", "),
    # contrib/auth/forms.py: the log-in form's error, garbled in Django's Kyrgyz ("СезГичТүү").
    gettext_noop("Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."),
]

# utils/dates.py: the month inside a date ("6-сентябрь"; Django's Kyrgyz capitalises it as if alone).
MONTHS_IN_A_DATE = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
