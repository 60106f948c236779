"""Kyrgyz dates as CLDR writes them ("2016-ж., 6-сентябрь"), where Django's own ky formats put the day first
("6 Сентябрь 2016 ж."). Only what differs: Django reads the rest from django/conf/locale/ky/formats.py.
"E" is the month in a date ("сентябрь", lower case: platform_site/django_strings.py), "F" the month alone."""

DATE_FORMAT = "Y-ж., j-E"
DATETIME_FORMAT = "Y-ж., j-E, G:i"
YEAR_MONTH_FORMAT = "Y-ж., E"
MONTH_DAY_FORMAT = "j-E"
