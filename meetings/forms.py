from django import forms
from django.conf import settings

from config.widgets import RadioButtons
from meetings.models import ChangeReport


class ChangeReportForm(forms.ModelForm):
    # Left empty by people; filled in by spam robots, whose reports are then refused.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = ChangeReport
        fields = ["kind", "message", "email"]
        widgets = {
            "kind": RadioButtons,
            "message": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "kind": {"required": "Choose one of these."},
            "message": {
                "required": "Tell us what is wrong and what it should say.",
                "max_length": "Please shorten this to %(limit_value)s characters or fewer: it "
                "has %(show_value)s.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons, so no "---------" choice: it would be ticked, yet count as no answer.
        self.fields["kind"].choices = ChangeReport.Kind.choices
        # Said if too long, rather than cut short by the browser without a word.
        self.fields["message"].widget.attrs.pop("maxlength", None)
        self.fields["email"].help_text = (
            "Only if you are happy for us to ask you about this report. Only our staff see "
            f"it, and we delete it after {settings.REPORTER_EMAIL_DAYS} days."
        )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Please leave this field empty.")
        return ""
