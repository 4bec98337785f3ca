from django.urls import clear_script_prefix, reverse, set_script_prefix

from config.reversing import reverse_slug


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
