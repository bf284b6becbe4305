"""Chart legends never cover the chart's title or plot (issue 24 item 15)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from kcroster.gui.widgets.linechart import LineChart, Series

# the Bezetting chart: its three series have long names
TITLE = "Benodigde medewerkers per interval"
NAMES = ["Verkeer (Erlang)", "Nodig (N)", "In te roosteren (na shrinkage)"]


def _chart(qtbot, width: int) -> LineChart:
    chart = LineChart(title=TITLE)
    qtbot.addWidget(chart)
    y = np.linspace(0, 10, 48)
    chart.set_series([Series(n, y + i, QColor("#3366cc")) for i, n in enumerate(NAMES)])
    chart.resize(width, 260)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


@pytest.mark.parametrize("width", [420, 620, 900, 1400])
def test_legend_entries_overlap_neither_the_title_nor_each_other(app, qtbot, width: int) -> None:
    chart = _chart(qtbot, width)
    title, legend, top = chart.header_layout()
    assert [item.name for item, _ in legend] == NAMES
    rects = [rect for _, rect in legend]
    for i, rect in enumerate(rects):
        assert not rect.intersects(title), (width, NAMES[i])
        assert rect.left() >= 0 and rect.right() <= chart.width(), (width, NAMES[i])
        assert rect.bottom() <= top  # above the plot
        for other in rects[i + 1 :]:
            assert not rect.intersects(other)
    assert title.bottom() <= top
    assert not chart.grab().isNull()


def test_a_wide_chart_keeps_title_and_legend_on_one_line(app, qtbot) -> None:
    chart = _chart(qtbot, 1400)
    title, legend, top = chart.header_layout()
    assert all(rect.top() == title.top() for _, rect in legend)
    assert top == LineChart.TOP  # the plot keeps its full height
    narrow = _chart(qtbot, 420)
    assert narrow.header_layout()[2] > LineChart.TOP  # wrapped lines push the plot down
