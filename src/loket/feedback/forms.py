"""The survey form: a score from 0 to 10, the organisation's question (when it has one), a comment.

The form gives the shape of what was typed; ``services.survey_answer`` decides and says what is
wrong (its ``DomainError`` goes next to the field it names). The score is rendered by the
template as a group of radio buttons in a fieldset with a legend (``survey_form.html``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.feedback.models import MAX_COMMENT_LENGTH, MAX_QUESTION_ANSWER_LENGTH

SCORE_CHOICES = [(str(score), str(score)) for score in range(11)]


class SurveyForm(forms.Form):
    score = forms.ChoiceField(
        label=_("How would you rate our service?"),
        choices=SCORE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("0 is very bad, 10 is excellent."),
        error_messages={
            "required": _("Choose a score from 0 to 10."),
            "invalid_choice": _("Choose a score from 0 to 10."),
        },
    )
    question_answer = forms.CharField(
        required=False,
        max_length=MAX_QUESTION_ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep your answer to at most %(limit_value)d characters.")},
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell us?"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        help_text=_("Optional. Please do not write your name, address or national register number here."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep your comment to at most %(limit_value)d characters.")},
    )

    def __init__(self, *args: Any, question: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if question:
            self.fields["question_answer"].label = question
            self.fields["question_answer"].help_text = _("Optional.")
        else:
            del self.fields["question_answer"]


class TabletSurveyForm(SurveyForm):
    """The same form on the exit tablet, with the secret of its anonymous invitation."""

    secret = forms.CharField(widget=forms.HiddenInput, max_length=64)
