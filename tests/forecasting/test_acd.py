"""Call-by-call aggregation against a tiny file counted by hand."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from kcroster.forecasting.acd import parse_column_mapping, read_calls
from kcroster.forecasting.estimates import patience
from kcroster.forecasting.history import load_history
from kcroster.model.errors import KcrosterInputError

DUTCH = (
    "Aankomst;Wachtrij;Wachttijd;Afhandeltijd;Uitkomst\n"
    "05-01-2026 08:03:10;Één;12,5;200;beantwoord\n"
    "05-01-2026 08:14:59;Één;30;0;afgehaakt\n"
    "05-01-2026 08:15:00;Één;0:45;1:40;beantwoord\n"
    "05-01-2026 08:20:00;Twee;5;300,5;beantwoord\n"
    "06-01-2026 09:00:00;Één;10;0;phantom\n"
    "06-01-2026 09:01:00;Twee;25;250;beantwoord\n"
    "06-01-2026 09:02:00;Twee;8;0;afgehaakt\n"
)


@pytest.fixture()
def tiny(tmp_path):
    p = tmp_path / "acd.csv"
    p.write_bytes(DUTCH.encode("cp1252"))
    return read_calls(p)


def test_queues_days_and_grid(tiny):
    assert tiny.queues == ["Twee", "Één"]
    assert tiny.start == date(2026, 1, 5)
    assert tiny.offered.shape == (2, 2, 96)
    assert tiny.offered.sum() == 6  # the phantom call is not counted
    assert any("phantom" in n for n in tiny.notes)


def test_counts_per_cell_by_hand(tiny):
    een, twee = 1, 0
    assert tiny.offered[een, 0, 32] == 2 and tiny.answered[een, 0, 32] == 1
    assert tiny.abandoned[een, 0, 32] == 1
    assert tiny.handle_sum[een, 0, 32] == 200 and tiny.handled[een, 0, 32] == 1
    assert tiny.answered_in_sl[een, 0, 32] == 1 and tiny.answered_wait_sum[een, 0, 32] == 12.5
    assert tiny.offered[een, 0, 33] == 1 and tiny.handle_sum[een, 0, 33] == 100
    assert tiny.answered_in_sl[een, 0, 33] == 0 and tiny.answered_wait_sum[een, 0, 33] == 45
    assert tiny.offered[twee, 0, 33] == 1 and tiny.handle_sum[twee, 0, 33] == 300.5
    assert tiny.offered[twee, 1, 36] == 2 and tiny.answered_in_sl[twee, 1, 36] == 0
    assert tiny.offered[een, 1].sum() == 0


def test_service_level_asa_aht(tiny):
    een = 1
    assert tiny.service_level[een, 0, 32] == pytest.approx(0.5)
    assert tiny.asa[een, 0, 33] == pytest.approx(45.0)
    assert tiny.aht[0, 0, 33] == pytest.approx(300.5)


def test_patience_data_include_answered_waits(tiny):
    assert tiny.abandons.tolist() == [1.0, 1.0]
    assert tiny.exposure.tolist() == [38.0, 87.5]  # Twee 5+25+8, Één 12.5+30+45


def test_unknown_outcome_names_file_row_and_column(tmp_path):
    p = tmp_path / "bad.csv"
    lines = DUTCH.splitlines()
    lines[3] = lines[3].replace("beantwoord", "misschien")
    p.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    with pytest.raises(KcrosterInputError) as err:
        read_calls(p)
    assert (err.value.file, err.value.row, err.value.column) == ("bad.csv", 4, "Uitkomst")
    assert "misschien" in str(err.value)


def test_negative_wait_is_refused(tmp_path):
    p = tmp_path / "neg.csv"
    p.write_bytes(DUTCH.replace(";30;", ";-30;").encode("cp1252"))
    with pytest.raises(KcrosterInputError) as err:
        read_calls(p)
    assert err.value.row == 3 and "negatief" in str(err.value)


def test_column_mapping_with_separate_date_column(tmp_path):
    p = tmp_path / "bank.txt"
    p.write_text(
        "type\tdate\tvru_exit\tq_time\toutcome\tser_time\n"
        "PS\t990201\t7:02:56\t0\tAGENT\t166\n"
        "PS\t990201\t7:20:00\t40\tHANG\t0\n"
        "NW\t990202\t23:59:59\t12\tAGENT\t80\n",
        encoding="utf-8",
    )
    mapping = parse_column_mapping("arrival=vru_exit,queue=type,wait=q_time,handle=ser_time")
    h = load_history(p, columns=mapping)
    assert h.queues == ["NW", "PS"] and h.start == date(1999, 2, 1)
    assert h.offered[1, 0, 28] == 1 and h.offered[1, 0, 29] == 1 and h.offered[0, 1, 95] == 1
    assert h.abandons.tolist() == [0.0, 1.0] and h.handle_sum[1, 0, 28] == 166


def test_bad_column_mapping_is_explained():
    with pytest.raises(KcrosterInputError, match="VELD=KOLOM"):
        parse_column_mapping("arrival")
    with pytest.raises(KcrosterInputError, match="onbekend veld"):
        parse_column_mapping("aankomst=x")


def test_patience_recovered_through_the_import(tmp_path):
    rng = np.random.default_rng(7)
    n, theta = 6000, 150.0
    offered_wait = rng.exponential(90.0, n)
    pat = rng.exponential(theta, n)
    gone = pat < offered_wait
    wait = np.where(gone, pat, offered_wait)
    rows = ["Aankomst;Wachttijd;Afhandeltijd;Uitkomst"]
    for i in range(n):
        sec = 8 * 3600 + (i * 7) % 36000
        rows.append(
            f"{5 + i % 5:02d}-01-2026 {sec // 3600:02d}:{sec // 60 % 60:02d}:00;"
            f"{wait[i]:.2f}".replace(".", ",")
            + f";{0 if gone[i] else 200};{'afgehaakt' if gone[i] else 'beantwoord'}"
        )
    p = tmp_path / "pat.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    est = patience(read_calls(p))[0]
    assert est.queue == "alle"
    assert est.seconds == pytest.approx(theta, rel=0.08)
