from groups import views

app_name = "groups"
urlpatterns = views.urlpatterns
