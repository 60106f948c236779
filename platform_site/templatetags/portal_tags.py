"""Template tags every page uses: the same page in another language, and the active filters of a list."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, get_language_info, override

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code, absolute=False):
    """The current page (query string kept) in another language: /reports/x/ ⇄ /en/reports/x/.

    Django's ``translate_url`` resolves the path in the active language and reverses it under the
    other one, so it follows i18n_patterns and any translated URL patterns.
    """
    request = context.get("request")
    if request is None:
        return "/"
    url = _translated_path(request, language_code)
    return request.build_absolute_uri(url) if absolute else url


def _translated_path(request, language_code):
    """As ``translate_url(request.get_full_path(), language_code)``, from the match the request already has:
    a page asks for each language twice (its hreflang links and the switcher), and resolving the path anew
    each time cost more than the rest of the header."""
    match = request.resolver_match
    if match is None or match.url_name is None:
        return translate_url(request.get_full_path(), language_code)
    with override(language_code):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    return f"{path}?{query}" if query else path


@register.simple_tag
def language_name(language_code):
    """A language's name in that language (Русский, English): how people look for their own."""
    return get_language_info(language_code)["name_local"]


@register.filter
def has_active_filters(filterset):
    """True when any field of a django-filter FilterSet was given a value in the request."""
    data = getattr(filterset, "data", None) or {}
    form = getattr(filterset, "form", None)
    if form is None:
        return False
    return any(data.get(name) not in (None, "", []) for name in form.fields)


@register.filter
def elided_pages(page_obj):
    """Page numbers around the current page, with ellipses: 1 2 … 9 10 11 … 99 100."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag(takes_context=True)
def result_total(context):
    """The number of results a list shows: ``result_count`` if the view gave one, else the paginator's."""
    given = context.get("result_count")
    if given is not None:
        return given
    page_obj = context.get("page_obj")
    if page_obj is not None:
        return page_obj.paginator.count
    return len(context.get("object_list") or [])


_RENDERED_ONCE = {}


@register.simple_tag
def rendered_once(template_name):
    """A part of every page that depends on nothing but the language and the site's own settings (the footer,
    the feed links in the head): rendered once per process and language, not on every page, where its dozen
    URLs and translations were a sixteenth of a list page's work. A new release restarts the processes."""
    key = (template_name, get_language(), settings.SITE_NAME, get_script_prefix(), get_urlconf())
    if key not in _RENDERED_ONCE:
        _RENDERED_ONCE[key] = render_to_string(template_name, {"SITE_NAME": settings.SITE_NAME})
    return _RENDERED_ONCE[key]
