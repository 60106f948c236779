"""The dumps: their list as JSON (/api/v1/dumps/) and their files, public data only."""

import datetime
import hashlib

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .conditional import add_validators
from .dumps import STAMP_FORMAT, dump_file_path, published_dumps

GZIP_TYPES = {".gz": "application/gzip", ".json": "application/json"}


def dumps_with_links(request) -> list[dict]:
    dumps = published_dumps()
    for dump in dumps:
        for item in [*dump.get("files", []), {"name": "manifest.json"}]:
            item["url"] = request.build_absolute_uri(
                reverse("api_v1:dump-file", kwargs={"stamp": dump["stamp"], "name": item["name"]})
            )
        dump["manifest_url"] = request.build_absolute_uri(
            reverse("api_v1:dump-file", kwargs={"stamp": dump["stamp"], "name": "manifest.json"})
        )
    return dumps


class DumpListView(APIView):
    """The bulk downloads, newest first: every public record as JSON Lines and CSV, gzip-compressed."""

    @extend_schema(
        responses=inline_serializer(
            "DumpList",
            {
                "dumps": serializers.ListField(
                    child=inline_serializer(
                        "Dump",
                        {
                            "stamp": serializers.CharField(),
                            "created_at": serializers.DateTimeField(),
                            "manifest_url": serializers.URLField(),
                            "licence": serializers.DictField(child=serializers.CharField()),
                            "files": serializers.ListField(child=serializers.DictField()),
                        },
                    )
                )
            },
        )
    )
    def get(self, request):
        # A new dump changes no content, so the validators are the dumps' own: their stamps.
        dumps = dumps_with_links(request)
        shape = "\n".join([request.get_full_path(), *(dump["stamp"] for dump in dumps)])
        etag = quote_etag(hashlib.sha256(shape.encode()).hexdigest()[:32])
        newest = dumps[0]["stamp"] if dumps else "19700101T000000Z"
        seen = int(datetime.datetime.strptime(newest, STAMP_FORMAT).replace(tzinfo=datetime.UTC).timestamp())
        request._api_validators = (etag, seen)
        answer = get_conditional_response(request, etag=etag, last_modified=seen)
        if answer is not None:
            return answer
        return Response({"dumps": dumps})

    def finalize_response(self, request, response, *args, **kwargs):
        return add_validators(request, super().finalize_response(request, response, *args, **kwargs))


def dump_file(request, stamp, name):
    path = dump_file_path(stamp, name)
    if path is None:
        raise Http404
    response = FileResponse(path.open("rb"), as_attachment=name != "manifest.json", filename=name)
    response["Content-Type"] = GZIP_TYPES.get(path.suffix, "application/octet-stream")
    return response
