from django.contrib import admin

from iop.clients.models import LevelOfCare


@admin.register(LevelOfCare)
class LevelOfCareAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "edition", "min_weekly_hours", "max_weekly_hours"]
    list_filter = ["edition"]
