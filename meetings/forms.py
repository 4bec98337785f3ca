from django import forms

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
        widgets = {"kind": forms.RadioSelect, "message": forms.Textarea(attrs={"rows": 5})}

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Please leave this field empty.")
        return ""
