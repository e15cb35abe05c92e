"""The shared layout patterns: a table in its own scroll box, filters folded on a phone."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def test_a_wide_table_scrolls_in_a_labelled_box_that_takes_focus() -> None:
    with translation.override("en-gb"):  # whatever an earlier test left active
        html = Template('{% tablebox _("Reports") %}<table></table>{% endtablebox %}').render(
            Context())
    assert html == ('<div class="cg-table-box" role="region" aria-label="Reports" '
                    'tabindex="0"><table></table></div>')


def test_filters_are_open_without_javascript_and_their_button_is_translated() -> None:
    with translation.override("cy"):
        html = Template('{% filters _("Filter results") %}<form></form>{% endfilters %}'
                        ).render(Context())
    assert html.startswith('<details class="govuk-details cg-filters" data-cg-filters open>')
    assert "Hidlo’r canlyniadau" in html and html.endswith("<form></form></div></details>")


def test_a_label_is_escaped_and_required() -> None:
    html = Template("{% tablebox label %}x{% endtablebox %}").render(
        Context({"label": '"><script>'}))
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
    with pytest.raises(TemplateSyntaxError):
        Template("{% tablebox %}x{% endtablebox %}")
