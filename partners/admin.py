"""Back-office for organisations, memberships and partnerships, and the user admin with memberships.

The base classes here are shared by the admins of the apps above (imports point down only):
``PortalAdmin`` asks the one object-level rule (``partners.access.can_edit``) before a change or a
delete, and ``TranslatedHistoryAdmin`` combines change history with the two-language fields.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminURLFieldWidget
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .access import can_edit
from .files import ProtectedAdminFileWidget
from .formtools import DocumentFileField
from .models import Membership, Organisation, Partnership
from .services import membership_remove, membership_set

User = get_user_model()

# Links people paste without a scheme are taken as https (Django 6's default, chosen now).
URL_FIELD_OVERRIDES = {models.URLField: {"widget": AdminURLFieldWidget, "assume_scheme": "https"}}
# Uploaded files link to their model's protected view (``get_file_url``): nothing serves the media folder.
# They get the members' checks on type and size, and are renamed after their content (``DocumentFileField``).
FILE_FIELD_OVERRIDES = {models.FileField: {"form_class": DocumentFileField, "widget": ProtectedAdminFileWidget}}


def used_countries_filter(field_path: str, title):
    """A list filter offering only the countries records use: the whole ISO list is 250 entries long."""

    class UsedCountriesFilter(admin.SimpleListFilter):
        parameter_name = field_path

        def lookups(self, request, model_admin):
            # Read the codes from the model that holds the field (reviews, not their 200,000 recommendations).
            *path, field_name = field_path.split("__")
            model = model_admin.model
            for part in path:
                model = model._meta.get_field(part).related_model
            codes = model._default_manager.exclude(**{field_name: ""}).order_by().values_list(field_name, flat=True)
            return sorted(((code, countries.name(code)) for code in set(codes)), key=lambda choice: str(choice[1]))

        def queryset(self, request, queryset):
            return queryset.filter(**{field_path: self.value()}) if self.value() else queryset

    UsedCountriesFilter.title = title
    return UsedCountriesFilter


def country_column(field_name: str, description):
    """A list column with the country's name; the admin's own would scan the 250 choices for every row."""

    @admin.display(description=description, ordering=field_name)
    def column(self, obj):
        return getattr(obj, field_name).name

    return column


class PortalAdmin(SimpleHistoryAdmin):
    """Model permissions say what kind of record a coordinator may touch; ``can_edit`` says which one."""

    formfield_overrides = {**URL_FIELD_OVERRIDES, **FILE_FIELD_OVERRIDES}

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or not hasattr(obj, "editable_by") or can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or not hasattr(obj, "editable_by") or can_edit(request.user, obj)


class TranslatedHistoryAdmin(PortalAdmin, TranslationAdmin):
    """History first in the MRO: its save_model records who changed the object, then TranslationAdmin's form."""


class MembershipFormsetMixin:
    """Memberships saved from an inline go through ``membership_set``, which also sets the role's group."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            membership_remove(membership=membership)
        for membership in memberships:
            if membership.pk:
                # The row moved to another user or organisation: the old pair no longer holds.
                moved = Membership.objects.filter(pk=membership.pk).exclude(
                    user_id=membership.user_id, organisation_id=membership.organisation_id
                )
                for old in moved.select_related("user"):
                    membership_remove(membership=old)
            membership_set(user=membership.user, organisation=membership.organisation, role=membership.role)
        return None


class OrganisationMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organisation")


class PartnershipInline(TranslationTabularInline):
    model = Partnership
    fk_name = "organisation"
    fields = ("partner", "kind", "description", "started_on", "ended_on")
    autocomplete_fields = ("partner",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "partner")


@admin.register(Organisation)
class OrganisationAdmin(MembershipFormsetMixin, TranslatedHistoryAdmin):
    list_display = ("name", "short_name", "kind", "country_name", "city", "is_platform_member", "is_public")
    list_filter = (
        "kind",
        "is_platform_member",
        "is_public",
        "needs_review",
        used_countries_filter("country", _("country")),
    )
    search_fields = ("name_ru", "name_en", "short_name_ru", "short_name_en", "slug", "city")
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at", "proposed_by")
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "is_platform_member", "is_public")}),
        (_("Review"), {"fields": ("needs_review", "proposed_by")}),
        (_("Where"), {"fields": ("country", "city", "website")}),
        (_("About"), {"fields": ("description", "created_at", "updated_at")}),
    )
    inlines = (OrganisationMembershipInline, PartnershipInline)
    country_name = country_column("country", _("country"))


@admin.register(Membership)
class MembershipAdmin(PortalAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role", "organisation__kind", "organisation__is_platform_member")
    list_select_related = ("user", "organisation")
    search_fields = (
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "organisation__name_ru",
        "organisation__name_en",
        "organisation__short_name_ru",
        "organisation__short_name_en",
    )
    date_hierarchy = "created_at"
    autocomplete_fields = ("user", "organisation")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organisation")

    def get_readonly_fields(self, request, obj=None):
        # A membership is a (user, organisation) pair: change its role, or remove it and add another.
        return ("user", "organisation", "created_at") if obj else ("created_at",)

    def save_model(self, request, obj, form, change):
        membership = membership_set(user=obj.user, organisation=obj.organisation, role=obj.role)
        obj.pk, obj.created_at = membership.pk, membership.created_at

    def delete_model(self, request, obj):
        membership_remove(membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user"):
            membership_remove(membership=membership)


@admin.register(Partnership)
class PartnershipAdmin(TranslatedHistoryAdmin):
    list_display = ("organisation", "partner", "kind", "started_on", "ended_on")
    list_filter = ("kind",)
    list_select_related = ("organisation", "partner")
    search_fields = (
        "organisation__name_ru",
        "organisation__name_en",
        "organisation__short_name_ru",
        "partner__name_ru",
        "partner__name_en",
        "partner__short_name_ru",
    )
    date_hierarchy = "started_on"
    autocomplete_fields = ("organisation", "partner")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "partner")


class UserMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    fields = ("organisation", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("organisation",)
    extra = 0
    verbose_name_plural = _("organisations and roles")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organisation")


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(MembershipFormsetMixin, UserAdmin):
    """Coordinators give people an organisation and a role; only a superuser hands out raw permissions."""

    inlines = (UserMembershipInline,)
    # Fields a coordinator (not a superuser) never sees: a role comes from a membership, not a checkbox.
    superuser_only_fields = ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        trimmed = []
        for name, options in fieldsets:
            fields = tuple(field for field in options.get("fields", ()) if field not in self.superuser_only_fields)
            if fields:
                trimmed.append((name, {**options, "fields": fields}))
        return trimmed

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)
