"""The forecast heatmap labels every day (issue 24 item 15), also over a four-week horizon."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from PySide6.QtGui import QFontMetricsF

from kcroster.gui import fmt
from kcroster.gui.widgets.heatmap import Heatmap


def test_every_day_of_four_weeks_has_its_own_label(app, qtbot) -> None:
    days = [date(2027, 5, 3) + timedelta(days=i) for i in range(28)]
    labels = [fmt.day(d) for d in days]
    hm = Heatmap()
    qtbot.addWidget(hm)
    hm.set_data(np.random.default_rng(1).uniform(0, 40, (28, 96)), labels, list(range(0, 1440, 15)))
    hm.resize(900, 220)  # the height a screen gives it; the widget asks for more
    hm.show()
    qtbot.waitExposed(hm)
    rects = hm.row_label_rects()
    assert [label for label, _ in rects] == labels  # one label per day, none skipped
    fm = QFontMetricsF(hm.row_label_font())
    for (label, rect), (_, below) in zip(rects, rects[1:], strict=False):
        assert rect.bottom() <= below.top() + 1e-6  # no two labels share a row
        assert fm.height() <= rect.height() + 1, label  # the text fits its row
        assert fm.horizontalAdvance(label) <= rect.width(), label
    assert (
        hm.row_label_font().pixelSize() == -1 or hm.row_label_font().pixelSize() >= Heatmap.MIN_FONT
    )
    # and it paints without trouble
    assert not hm.grab().isNull()
