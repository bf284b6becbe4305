"""``kcroster forecast --columns`` is remembered per header: the next run on a file with the same
column names needs no option and says on stderr that it used the remembered mapping."""

from __future__ import annotations

import json
from datetime import date

from kcroster import settings as user_settings
from kcroster.cli import main
from kcroster.forecasting.synthetic import write_calls_csv

HEADER = "moment;lijn;wacht;duur;einde"  # no alias of kcroster's matches these names
COLUMNS = "arrival=moment,queue=lijn,wait=wacht,handle=duur,outcome=einde"


def _calls(path, header=HEADER, seed=0):
    """A call-by-call export whose column names kcroster does not recognise by itself."""
    write_calls_csv(path, 12_000, start=date(2026, 1, 5), days=42, queues=1, seed=seed)
    lines = path.read_text(encoding="cp1252").splitlines(keepends=True)
    if header.count(";") > HEADER.count(";"):  # one column more: an empty value on every row
        lines[1:] = [ln.rstrip("\n") + ";\n" for ln in lines[1:]]
    lines[0] = header + "\n"
    path.write_text("".join(lines), encoding="cp1252")
    return path


def _forecast(capsys, src, dst, *extra):
    argv = ["forecast", str(src), "-o", str(dst), "--from", "2026-02-16", "--weeks", "1", *extra]
    code = main(argv)
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def test_columns_are_remembered_for_the_same_header(tmp_path, capsys):
    src = _calls(tmp_path / "export.csv")
    code, _, err = _forecast(capsys, src, tmp_path / "zonder.csv")
    assert code == 2 and "ontbreekt" in err  # not recognised without a mapping

    code, first, err = _forecast(capsys, src, tmp_path / "eerste.csv", "--columns", COLUMNS)
    assert code == 0 and "eerder opgegeven" not in err
    stored = json.loads(user_settings.settings_path().read_text(encoding="utf-8"))
    assert list(stored["column_mappings"].values()) == [
        {
            "arrival": "moment",
            "queue": "lijn",
            "wait": "wacht",
            "handle": "duur",
            "outcome": "einde",
        }
    ]

    # another export of the same report (other calls, same header): no option needed
    again = _calls(tmp_path / "export2.csv", seed=1)
    code, _, err = _forecast(capsys, again, tmp_path / "tweede.csv")
    assert code == 0
    assert "kolommen zoals eerder opgegeven" in err and "arrival=moment" in err
    # the same file without the option gives exactly the forecast it gave with the option
    code, second, err = _forecast(capsys, src, tmp_path / "derde.csv")
    assert code == 0 and "eerder opgegeven" in err
    assert (tmp_path / "derde.csv").read_bytes() == (tmp_path / "eerste.csv").read_bytes()
    assert second.split("geschreven:")[0] == first.split("geschreven:")[0]


def test_another_header_does_not_get_the_mapping(tmp_path, capsys):
    src = _calls(tmp_path / "export.csv")
    assert _forecast(capsys, src, tmp_path / "a.csv", "--columns", COLUMNS)[0] == 0
    other = _calls(tmp_path / "ander.csv", header=HEADER + ";agent")
    code, _, err = _forecast(capsys, other, tmp_path / "b.csv")
    assert code == 2 and "ontbreekt" in err and "eerder opgegeven" not in err


def test_remembered_columns_survive_a_restart_and_bad_values_are_dropped(tmp_path):
    header = ["Moment", " Lijn", "wacht"]
    s = user_settings.Settings()
    s.remember_columns(header, {"arrival": "Moment"})
    user_settings.save_settings(s)
    loaded = user_settings.load_settings()
    assert loaded.columns_for(["moment", "lijn", "WACHT"]) == {"arrival": "Moment"}
    assert loaded.columns_for(["moment", "lijn"]) is None
    # a hand-edited file with a mapping that is not text → that setting back to its default
    raw = json.loads(user_settings.settings_path().read_text(encoding="utf-8"))
    raw["column_mappings"] = {"moment|lijn": {"arrival": 3}}
    user_settings.settings_path().write_text(json.dumps(raw), encoding="utf-8")
    problems: list[user_settings.SettingsProblem] = []
    assert user_settings.load_settings(problems).column_mappings == {}
    assert problems and problems[0].reset == ("column_mappings",)


def test_only_the_newest_headers_are_kept():
    s = user_settings.Settings()
    for n in range(25):
        s.remember_columns([f"kolom{n}"], {"arrival": f"kolom{n}"})
    assert len(s.column_mappings) == 20
    assert s.columns_for(["kolom24"]) == {"arrival": "kolom24"}
    assert s.columns_for(["kolom4"]) is None
    s.remember_columns(["kolom5"], {"arrival": "x"})  # again: becomes the newest, not a second
    assert list(s.column_mappings)[0] == "kolom5" and len(s.column_mappings) == 20
