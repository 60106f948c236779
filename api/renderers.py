"""``Accept: text/csv`` or ``?format=csv``.

Lists and objects in CSV are streamed by the views (api/views.py) from the apps' CSV rows; this
renderer only declares the format for content negotiation and writes what is left: error messages.
"""

from rest_framework.renderers import BaseRenderer

from partners.csv_export import csv_lines


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict):
            rows = [(key, value) for key, value in data.items()]
        elif isinstance(data, list):
            rows = [("detail", value) for value in data]
        else:
            rows = [("detail", data)]
        return "".join(csv_lines(("field", "message"), rows)).encode()
