from scheduling.views import attendance, bookings, notes, sessions, today, tracks, week

app_name = "scheduling"
urlpatterns = (
    today.urlpatterns
    + week.urlpatterns
    + sessions.urlpatterns
    + bookings.urlpatterns
    + attendance.urlpatterns
    + tracks.urlpatterns
    + notes.urlpatterns
)
