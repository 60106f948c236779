"""The open data API: read-only JSON and CSV of everything public, its documentation and the dumps.

The top floor, beside platform_site: it imports every app below it (their FilterSets, visibility rules
and export rows) and platform_site's content version; nothing imports it.
"""
