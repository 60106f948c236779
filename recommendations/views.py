"""Public pages of recommendations."""

from django.views.generic import DetailView, ListView

from .models import Recommendation


class RecommendationListView(ListView):
    paginate_by = 25

    def get_queryset(self):
        return Recommendation.objects.visible_to(self.request.user).select_related("review__mechanism")


class RecommendationDetailView(DetailView):
    def get_queryset(self):
        return Recommendation.objects.visible_to(self.request.user)
