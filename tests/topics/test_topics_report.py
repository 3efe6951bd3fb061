"""The HTML report and the PNG plot."""

from __future__ import annotations

import re

import pytest

from nlpkit.topics import TopicModel
from nlpkit.topics.report import write_plot, write_report

# These tests train deliberately short runs; the warning itself is tested on its own (test_topics_model.py).
pytestmark = pytest.mark.filterwarnings("ignore::nlpkit.errors.ConvergenceWarning")


@pytest.fixture
def fitted(themes_corpus):
    model = TopicModel(k=3, seed=0, iterations=60).fit(themes_corpus)
    model.coherence(("c_npmi",))
    return model


def test_report_is_one_self_contained_page_with_every_topic(fitted, tmp_path):
    page = write_report(fitted, tmp_path / "report.html", title="Themes").read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing to fetch from the network
    assert "<svg" in page and page.count('class="dot"') == 3  # the distance map, one circle per topic
    assert page.count('class="card"') == 3
    for topic in fitted.topics_:
        assert all(word in page for word in topic.words[:5])
    assert "Most typical documents" in page and "striker" in page
    assert "c_npmi" in page


def test_report_escapes_document_text(tmp_path):
    texts = [["alpha", "beta", "gamma"] * 4, ["delta", "omega", "sigma"] * 4] * 3
    model = TopicModel(k=2, seed=0, iterations=30).fit(texts)
    from nlpkit.topics.report import html_report

    page = html_report(model, documents=["<script>alert(1)</script>"] * 6)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_report_plot_writes_a_png(fitted, tmp_path):
    path = write_plot(fitted, tmp_path / "topics.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5000


@pytest.mark.parametrize("name", ["plot.svg", "plot.xyz"])
def test_plot_refuses_a_name_that_says_another_format(fitted, tmp_path, name):
    # write_plot("plot.svg") wrote PNG bytes under the SVG name
    from nlpkit.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="the figure is a PNG image"):
        write_plot(fitted, tmp_path / name)
    with pytest.raises(InvalidParameterError, match="the report is an HTML page"):
        write_report(fitted, tmp_path / "report.pdf")
    assert not (tmp_path / name).exists() and not (tmp_path / "report.pdf").exists()


def test_report_refuses_documents_that_are_not_the_models(fitted, tmp_path):
    # two texts for a model of many gave a report of empty snippets, without a word
    from nlpkit.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="2 documents for a model fitted on"):
        write_report(fitted, tmp_path / "r.html", documents=["a", "b"])
