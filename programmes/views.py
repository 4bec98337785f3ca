from django.shortcuts import get_object_or_404, render

from programmes.models import Programme


def programme_list(request):
    programmes = Programme.objects.with_meeting_count().order_by("approach", "name")
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.with_meeting_count().with_notes(), slug=slug)
    return render(request, "programmes/programme_detail.html", {"programme": programme})
