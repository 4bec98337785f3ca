from django.urls import clear_script_prefix, reverse, set_script_prefix

from config.reversing import reverse_name, reverse_slug


def test_the_same_url_as_reverse():
    assert reverse_slug("meetings:meeting_detail", "tuesday-hope") == reverse(
        "meetings:meeting_detail", args=["tuesday-hope"]
    )
    assert reverse_slug("programmes:programme_detail", "smart-recovery") == (
        "/programmes/smart-recovery/"
    )


def test_a_site_under_a_prefix_keeps_it():
    reverse_slug("meetings:meeting_detail", "first")
    set_script_prefix("/recovery/")
    try:
        assert reverse_slug("meetings:meeting_detail", "second") == "/recovery/meetings/second/"
    finally:
        clear_script_prefix()
    assert reverse_slug("meetings:meeting_detail", "third") == "/meetings/third/"


def test_a_url_without_arguments_is_the_same_as_reverse_and_keeps_a_prefix():
    assert reverse_name("meetings:meeting_list") == reverse("meetings:meeting_list") == "/meetings/"
    set_script_prefix("/recovery/")
    try:
        assert reverse_name("meetings:meeting_list") == "/recovery/meetings/"
    finally:
        clear_script_prefix()
    assert reverse_name("meetings:meeting_list") == "/meetings/"
