"""Atomic writes, CSV formula neutralisation and JSON output of footstats.writing.files."""

import json
import os

import numpy as np
import pandas as pd
import pytest

from footstats.writing.files import (
    atomic_path,
    check_not_input,
    check_output_folder,
    neutralise_formulas,
    write_csv,
    write_json,
)


def leftovers(folder):
    """Every file in ``folder`` (temporary files are hidden, so list them all)."""
    return sorted(p.name for p in folder.iterdir())


# -- atomic_path ------------------------------------------------------------------------------


def test_atomic_path_moves_the_temp_file_into_place_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "table.csv"
    with atomic_path(target) as tmp:
        # The temp file lives in the target's folder (same file system: os.replace is
        # atomic) and keeps the extension (savefig picks the format from it).
        assert tmp.parent == tmp_path
        assert tmp.suffix == ".csv"
        assert tmp.exists() and not target.exists()
        tmp.write_text("a,b\n")
    assert target.read_text() == "a,b\n"
    assert leftovers(tmp_path) == ["table.csv"]


def test_atomic_path_failure_leaves_no_file_and_no_temp(tmp_path):
    target = tmp_path / "chart.png"
    with pytest.raises(RuntimeError, match="disk full"), atomic_path(target) as tmp:
        tmp.write_bytes(b"\x89PNG half a file")
        raise RuntimeError("disk full")
    assert leftovers(tmp_path) == []


def test_atomic_path_failure_keeps_the_previous_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF old")
    with pytest.raises(ValueError), atomic_path(target) as tmp:
        tmp.write_bytes(b"%PDF new but broken")
        raise ValueError("drawing failed")
    assert target.read_bytes() == b"%PDF old"
    assert leftovers(tmp_path) == ["report.pdf"]


def test_atomic_path_gives_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    with atomic_path(tmp_path / "x.json") as tmp:
        tmp.write_text("{}")
    # Like any new file: 0o666 minus the umask (mkstemp would give a private 0o600).
    assert (tmp_path / "x.json").stat().st_mode & 0o777 == 0o666 & ~umask


# -- check_not_input --------------------------------------------------------------------------


def test_check_not_input_refuses_the_input_and_its_folder(tmp_path):
    logs, out = tmp_path / "logs", tmp_path / "out"
    logs.mkdir()
    log = logs / "log.csv"
    log.write_text("date\n")
    with pytest.raises(ValueError, match="is the input log"):
        check_not_input(log, [log])
    with pytest.raises(ValueError, match="holds the input log"):
        check_not_input(logs / "report.pdf", [log])
    check_not_input(out / "report.pdf", [log])  # another folder is fine


def test_check_not_input_treats_a_folder_input_as_the_folder(tmp_path):
    (tmp_path / "logs").mkdir()
    with pytest.raises(ValueError, match="holds the input log"):
        check_not_input(tmp_path / "logs" / "summary.json", [tmp_path / "logs"])
    check_not_input(tmp_path / "summary.json", [tmp_path / "logs"])


# -- CSV ------------------------------------------------------------------------------------


def test_neutralise_formulas_prefixes_risky_text_cells_only():
    frame = pd.DataFrame(
        {
            "note": pd.array(["=1+1", "+x", "-x", "@SUM(A1)", "\tx", "\rx", "ok", None], "string"),
            "number": [-2.5, 1, 2, 3, 4, 5, 6, 7],
        }
    )
    out = neutralise_formulas(frame)
    assert out["note"].tolist()[:7] == ["'=1+1", "'+x", "'-x", "'@SUM(A1)", "'\tx", "'\rx", "ok"]
    assert pd.isna(out["note"].iloc[7])
    # Numbers are not text: a negative number stays a number.
    assert out["number"].tolist() == [-2.5, 1, 2, 3, 4, 5, 6, 7]
    assert out["number"].dtype == frame["number"].dtype


def test_neutralise_formulas_handles_categories_and_mixed_object_columns():
    frame = pd.DataFrame(
        {
            "site": pd.Categorical(["=back", "hip", "=back"]),
            "mixed": pd.Series(["-1", -1, "a"], dtype=object),
        }
    )
    out = neutralise_formulas(frame)
    assert out["site"].tolist() == ["'=back", "hip", "'=back"]
    assert isinstance(out["site"].dtype, pd.CategoricalDtype)
    # The text "-1" is neutralised, the integer -1 is not.
    assert out["mixed"].tolist() == ["'-1", -1, "a"]


def test_neutralise_formulas_does_not_mutate_its_input():
    frame = pd.DataFrame({"note": ["=cmd"]})
    neutralise_formulas(frame)
    assert frame["note"].tolist() == ["=cmd"]


def test_write_csv_writes_neutralised_cells_iso_dates_and_no_index(tmp_path):
    frame = pd.DataFrame(
        {
            "week": pd.to_datetime(["2026-03-02", "2026-03-09"]),
            "participant": ["=HYPERLINK(1)", "p2"],
            "change": [-2.5, 0.0],
        }
    )
    path = write_csv(frame, tmp_path / "t.csv")
    assert path == tmp_path / "t.csv"
    assert path.read_text() == (
        "week,participant,change\n2026-03-02,'=HYPERLINK(1),-2.5\n2026-03-09,p2,0.0\n"
    )
    assert leftovers(tmp_path) == ["t.csv"]


def test_write_csv_failure_leaves_no_partial_file(tmp_path, monkeypatch):
    def broken_to_csv(self, path, **kwargs):
        with open(path, "w") as f:
            f.write("week,sess")  # half a file, then the disk fills up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken_to_csv)
    with pytest.raises(OSError, match="No space"):
        write_csv(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
    assert leftovers(tmp_path) == []


# -- JSON -----------------------------------------------------------------------------------


def test_write_json_makes_strict_json_from_numpy_and_pandas_values(tmp_path):
    obj = {
        "sessions": np.int64(3),
        "adherence_pct": np.float64(87.5),
        "change_pct": float("nan"),
        "missing": pd.NA,
        "week": pd.Timestamp("2026-03-02"),
        "at": pd.Timestamp("2026-03-14 07:30"),
        "sites": ("back", "hip"),
        "important": np.bool_(True),
    }
    path = write_json(obj, tmp_path / "s.json")
    text = path.read_text()
    assert "NaN" not in text
    assert json.loads(text) == {
        "sessions": 3,
        "adherence_pct": 87.5,
        "change_pct": None,
        "missing": None,
        "week": "2026-03-02",
        "at": "2026-03-14T07:30:00",
        "sites": ["back", "hip"],
        "important": True,
    }


def test_check_output_folder_names_the_folder_and_the_input(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date\n")
    with pytest.raises(ValueError, match=r"into .* holds the input log .*log\.csv"):
        check_output_folder(tmp_path, [log])
    check_output_folder(tmp_path / "out", [log])


def test_write_json_without_nan_converts_numpy_and_pandas_values_in_the_fast_encoder(tmp_path):
    # No NaN: the C encoder meets these values itself and asks for their plain form.
    obj = {
        "participants": [
            {"participant": "p1", "sessions": np.int64(3), "first": pd.Timestamp("2026-03-02")},
            {"participant": "p2", "sessions": np.int64(0), "important": np.bool_(False)},
        ],
        "cohort": {"median": np.float64(87.5), "missing": pd.NA},
    }
    text = write_json(obj, tmp_path / "s.json").read_text()
    assert text.splitlines() == [
        "{",
        '  "participants": [',
        '    {"participant": "p1", "sessions": 3, "first": "2026-03-02"},',
        '    {"participant": "p2", "sessions": 0, "important": false}',
        "  ],",
        '  "cohort": {',
        '    "median": 87.5,',
        '    "missing": null',
        "  }",
        "}",
    ]


def test_write_json_refuses_what_has_no_json_form(tmp_path):
    with pytest.raises(TypeError, match="not JSON serializable"):
        write_json({"routine": object()}, tmp_path / "s.json")
    assert list(tmp_path.iterdir()) == []
