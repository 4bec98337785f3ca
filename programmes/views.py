from django.shortcuts import get_object_or_404, render

from programmes.guide import ANSWERED, GuideForm, advise, finder_query, suggested_programmes
from programmes.models import Programme


def programme_list(request):
    programmes = Programme.objects.with_meeting_count().in_approach_order()
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.with_meeting_count().with_notes(), slug=slug)
    return render(request, "programmes/programme_detail.html", {"programme": programme})


def programme_compare(request):
    programmes = Programme.objects.with_meeting_count().in_approach_order()
    return render(request, "programmes/programme_compare.html", {"programmes": programmes})


def programme_guide(request):
    form = GuideForm(request.GET)
    # The form sends `answered` even when every question is skipped. Any answers, or none,
    # are valid; only a value that is not one of the choices shows the questions again.
    if ANSWERED not in request.GET or not form.is_valid():
        return render(request, "programmes/programme_guide.html", {"form": form})
    advice = advise(form.cleaned_data)
    programmes = suggested_programmes(form.cleaned_data, advice).with_notes()
    context = {
        "form": form,
        "advice": advice,
        "programmes": programmes,
        "finder_query": finder_query(form.cleaned_data, programmes),
    }
    return render(request, "programmes/programme_guide_answer.html", context)
