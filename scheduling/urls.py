from scheduling.views import (
    attendance,
    billing,
    bookings,
    candidates,
    group_notes,
    level_changes,
    note_signing,
    notes,
    notes_due,
    sessions,
    today,
    tracks,
    week,
)

app_name = "scheduling"
urlpatterns = (
    today.urlpatterns
    + week.urlpatterns
    + sessions.urlpatterns
    + bookings.urlpatterns
    + attendance.urlpatterns
    + tracks.urlpatterns
    + group_notes.urlpatterns
    + notes.urlpatterns
    + notes_due.urlpatterns
    + note_signing.urlpatterns
    + billing.urlpatterns
    + candidates.urlpatterns
    + level_changes.urlpatterns
)
