"""Problem codes (footstats.core.codes): registered once, each used in the code, each triggered by
a tiny input here, listed in docs/problem-codes.md, and filterable on the command line."""

from __future__ import annotations

import os
import re
from datetime import date
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest

import footstats
from footstats.cli import main
from footstats.columns import CODE, ERROR, MESSAGE, NOTICE, PROBLEM_COLUMNS, SEVERITY, WARNING
from footstats.core import codes as _codes
from footstats.core.codes import CODES, LAYERS, Code
from footstats.reading.csvfile import MAX_COLUMNS, MAX_HEADER_CHARS
from footstats.reading.participants import enrolment_problems, validate_participants
from footstats.writing.append import plan_append

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "footstats"
EXPORTS = Path(__file__).parents[1] / "fixtures" / "exports"
TODAY = date(2026, 6, 1)

LOG = "date,exercise,sets\n"
GOOD = "2026-03-02,Heel raises,2\n"
STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)
SET = "2025-02-03 07:30:12,Feet,18m,Heel Raise,{order},0,{reps},0,0,,,\n"
HEVY = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
)
HEVY_SET = '"Feet","3 Mar 2025, 07:30","{end}","","Heel Raise",,"",0,"{kind}",,15,,,\n'
FITNOTES = "Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time\n"
ENTRY = '"Entry(timestamp=1772409600000, value=2)"'


def strong(*rows: str) -> str:
    return STRONG + "".join(rows)


# code -> (the input, read_log options); each input is the smallest that shows the problem
TEXTS: dict[str, tuple[bytes | str, dict]] = {
    "FS002": (b"", {}),
    "FS003": (b"PK\x03\x04" + b"\x00" * 40, {}),
    "FS004": (b"\x00\x01\x02\x03" * 100, {}),
    "FS005": (b"date,exercise,sets\n2026-03-02,Caf\xe9,2\n", {}),
    "FS006": (LOG + GOOD, {"encoding": "utf-9"}),
    "FS007": ("date;exercise;sets\r\n2026-03-02;Heel raises;2\r\n", {}),
    "FS008": ("d" * (MAX_HEADER_CHARS + 1) + "\n", {}),
    "FS009": ("c," * MAX_COLUMNS + "c\n", {}),
    "FS010": (b"\xef\xbb\xbf", {}),
    "FS011": (LOG + '2026-03-02,"Heel raises,2\n', {}),
    "FS012": (LOG + '2026-03-02,"Heel" raises,2\n', {}),
    "FS013": (LOG + "2026-03-02,Heel raises,2,5\n", {}),
    "FS014": (LOG + "2026-03-02,Heel raises\n", {}),
    "FS015": (LOG + "\n" + GOOD, {}),
    "FS016": (LOG + "2026-03-02,Heel raises,2,\n", {}),
    "FS101": (LOG, {}),
    "FS102": ("date,exercise,sets,\n2026-03-02,Heel raises,2,\n", {}),
    "FS103": ("date,exercise,sets,\n2026-03-02,Heel raises,2,x\n", {}),
    "FS104": ("date,exercise,sets,Sets\n2026-03-02,Heel raises,2,2\n", {}),
    "FS105": ("day,exercise,sets\n2026-03-02,Heel raises,2\n", {}),
    "FS106": (LOG + GOOD + LOG + GOOD, {}),
    "FS107": (LOG + GOOD + "exercise,date,sets\nHeel raises,2026-03-04,2\n", {}),
    "FS108": (LOG + GOOD + "exercise,date,sets\nHeel raises,2026-03-04,2\n", {}),
    "FS109": (LOG + GOOD, {"habit": "Feet"}),
    "FS201": (LOG + "2026-03-02,Heel\x00 raises,2\n", {}),
    "FS202": (LOG + "2026-03-02,Heel raises\u200b,2\n", {}),
    "FS203": ("date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,11\n", {}),
    "FS204": (LOG + "2026-03-02,Heel raises,-1\n", {}),
    "FS205": (LOG + "2026-03-02,Heel raises,1.5\n", {}),
    "FS206": ("date,exercise,sets,reps\n2026-03-02,Heel raises,2,8-10\n", {}),
    "FS207": (LOG + "2026-03-02,Heel raises,99999999999\n", {}),
    "FS208": (LOG + "2026-03-02,Heel raises,two\n", {}),
    "FS209": ("date,exercise,sets,side\n2026-03-02,Heel raises,2,up\n", {}),
    "FS210": ("date,session_done\n2026-03-02,maybe\n", {}),
    "FS211": ("participant,date,exercise,sets\n,2026-03-02,Heel raises,2\n", {}),
    "FS212": (LOG + ",Heel raises,2\n", {}),
    "FS213": (LOG + "yesterday,Heel raises,2\n", {}),
    "FS214": (LOG + "03/04/2026,Heel raises,2\n", {}),
    "FS215": (LOG + "03/04/26,Heel raises,2\n", {}),
    "FS216": (LOG + "2026-02-30,Heel raises,2\n", {}),
    "FS217": (LOG + "45356,Heel raises,2\n", {}),
    "FS218": (LOG + "13/45/2026,Heel raises,2\n", {"date_format": "%m/%d/%Y"}),
    "FS219": (LOG + "0226-03-02,Heel raises,2\n", {}),
    "FS220": ("date;exercise;sets;seconds\n2026-03-02;Heel raises;2;60,5\n", {}),
    "FS221": (LOG + "2026-03-02,Moonwalk,2\n", {}),
    "FS301": (LOG + "2026-03-02,Heel raises,\n", {}),
    "FS302": (LOG + "2026-03-02,,2\n", {}),
    "FS303": (LOG + "2026-03-02,,\n", {}),
    "FS304": (LOG + "2026-06-05,Heel raises,2\n", {}),
    "FS305": (LOG + GOOD + "2016-03-02,Heel raises,2\n", {}),
    "FS306": (LOG + GOOD + GOOD, {}),
    "FS307": (
        "date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,4\n2026-03-02,Toe walk,2,7\n",
        {},
    ),
    "FS401": (LOG + GOOD, {"format": "strong"}),
    "FS402": (STRONG.replace("RPE\n", "RPE,Reps\n") + SET.format(order=1, reps=15), {}),
    "FS403": (strong(SET.format(order=1, reps=15).replace("2025-02-03 07:30:12", "garbage")), {}),
    "FS404": (strong(SET.format(order=1, reps=15).replace("2025-02-03 07:30:12", "")), {}),
    "FS405": (HEVY + HEVY_SET.format(end="3 Mar 2025, 07:10", kind="normal"), {}),
    "FS406": (strong(SET.format(order=1, reps=15).replace("18m", "ages")), {}),
    "FS407": (strong(SET.format(order=1, reps="8-10")), {}),
    "FS408": (strong(SET.format(order=1, reps=15).replace("Heel Raise", "")), {}),
    "FS409": (FITNOTES + "2024-03-04,Calf Raise,Legs,20.0,15,,,abc\n", {}),
    "FS410": (HEVY + HEVY_SET.format(end="3 Mar 2025, 07:49", kind="superset"), {}),
    "FS411": (strong(SET.format(order="X", reps=15)), {}),
    "FS412": (strong(SET.format(order=1, reps=15), SET.format(order="Rest Timer", reps=0)), {}),
    "FS414": (strong(SET.format(order="W", reps=5), SET.format(order=1, reps=15)), {}),
    "FS415": (strong(SET.format(order=1, reps=15), SET.format(order=2, reps=12)), {}),
    "FS417": ("Date,Feet\n2026-03-02,MAYBE\n", {"format": "loop"}),
    "FS418": ("Date,Feet\n2026-03-02,YES_MANUAL\n", {"format": "loop"}),
    "FS419": ("Date,Feet\n2026-03-02,2000\n2026-03-03,lots\n", {"format": "loop"}),
    "FS421": (f"Date,Feet\n2026-03-02,{ENTRY}\n2026-03-03,MAYBE\n", {"format": "loop"}),
    "FS431": ("Date,Exercise,Reps,isWarmup\n2026-03-02,Calf Raise,12,maybe\n", {}),
}

# code -> (a file of the test exports, read_log options)
FILES = {
    "FS413": ("strong_unknown_language.csv", {}),
    "FS416": ("fitnotes_comma_in_name.csv", {}),
    "FS420": ("loop_export/Checkmarks.csv", {"habit": "Foot routine"}),
    "FS422": ("loop_export/Habits.csv", {}),
    "FS423": ("loop_export/Checkmarks.csv", {}),
    "FS424": ("loop_comma_split/Checkmarks.csv", {}),
    "FS425": ("strong_semicolon_words.csv", {}),
    "FS426": ("strong_trailing_space_names.csv", {}),
    "FS427": ("hevy_months_ambiguous.csv", {}),
    "FS428": ("loop_export_2_0_3", {"habit": "Walk"}),
    "FS429": ("fitbod_workout_export.csv", {}),
    "FS430": ("whoop_workouts.csv", {}),
}


def codes_of(problems) -> list[str]:
    return problems[CODE].tolist()


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_each_code_is_reported_for_its_input(code):
    data, options = TEXTS[code]
    data = data.encode("utf-8") if isinstance(data, str) else data
    problems = footstats.check_log(BytesIO(data), today=TODAY, **options)
    assert code in codes_of(problems)
    found = problems[problems[CODE] == code]
    assert (found[SEVERITY] == CODES[code].severity).all()


@pytest.mark.parametrize("code", sorted(FILES))
def test_each_code_of_an_export_file_is_reported(code):
    name, options = FILES[code]
    assert code in codes_of(footstats.check_log(EXPORTS / name, **options))


def test_a_file_that_cannot_be_read_is_fs001(tmp_path):
    assert codes_of(footstats.check_log(tmp_path / "nope.csv")) == ["FS001"]


def test_folder_codes(tmp_path):
    assert codes_of(footstats.check_logs(tmp_path / "nope")) == ["FS501"]
    assert codes_of(footstats.check_logs(tmp_path)) == ["FS502"]
    (tmp_path / "p01.csv").write_text("participant," + LOG + "p01," + GOOD)
    (tmp_path / "p02.csv").write_text("participant," + LOG + "p01," + GOOD)
    (tmp_path / "sub.csv").mkdir()
    os.symlink(tmp_path / "gone.csv", tmp_path / "p03.csv")
    problems = footstats.check_logs(tmp_path)
    assert sorted(codes_of(problems)) == ["FS503", "FS504", "FS505"]


def test_append_codes(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(LOG)
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Heel raises", "sets": 2, "x": 1}])
    assert codes_of(plan.problems) == ["FS601"]
    log.write_text(LOG + '2026-04-09,"Heel raises,2\n')
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Heel raises", "sets": 2}])
    assert "FS602" in codes_of(plan.problems)


TABLES = {  # code -> a participants table that has that problem
    "FS701": "participant,start,Start\np01,2026-03-02,2026-03-02\n",
    "FS702": "participant,start,site\np01,2026-03-02,Leeds\n",
    "FS703": "participant\np01\n",
    "FS704": "participant,start\n,2026-03-02\n",
    "FS705": "participant,start\np01,2026-03-02\np01,2026-03-09\n",
    "FS706": "participant,start,end,weeks\np01,2026-03-09,2026-03-02,\np02,2026-03-02,,0\n",
}


@pytest.mark.parametrize("code", sorted(TABLES))
def test_participants_table_codes(code):
    problems = validate_participants(BytesIO(TABLES[code].encode())).problems
    assert code in codes_of(problems)
    assert (problems.loc[problems[CODE] == code, SEVERITY] == CODES[code].severity).all()


def test_enrolment_codes():
    log = footstats.read_log(
        BytesIO(b"participant,date,exercise,sets\np01,2026-03-02,Toe walk,6\n")
    )
    table = pd.DataFrame({"line": [2], "participant": ["p02"]})
    assert sorted(codes_of(enrolment_problems(log, table))) == ["FS708", "FS709"]
    personal = footstats.read_log(BytesIO((LOG + GOOD).encode()))
    assert codes_of(enrolment_problems(personal, table)) == ["FS707"]


def test_every_registered_code_is_triggered_by_a_test_here():
    triggered = set(TEXTS) | set(FILES) | {"FS001", *(f"FS50{i}" for i in range(1, 6))}
    triggered |= {"FS601", "FS602"} | set(TABLES) | {"FS707", "FS708", "FS709"}
    assert triggered == set(CODES)


# -- the registry ------------------------------------------------------------------------
def test_codes_are_unique_well_formed_and_in_their_layer():
    assert len({code.name for code in CODES.values()}) == len(CODES)
    for key, code in CODES.items():
        assert key == code.id and re.fullmatch(r"FS\d{3}", code.id)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code.name), code.name
        assert code.severity in (ERROR, WARNING, NOTICE)
        assert code.id[:3] in LAYERS
        assert all(text.strip() for text in (code.meaning, code.example, code.fix))


def _sources() -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if path.name != "_codes.py"
    }


def test_every_registered_code_is_used_and_every_code_used_is_registered():
    constants = {name: c for name, c in vars(_codes).items() if isinstance(c, Code)}
    assert {c.id for c in constants.values()} == set(CODES)  # one constant per code
    text = "\n".join(_sources().values())
    unused = [name for name in constants if not re.search(rf"\b{name}\b", text)]
    assert unused == []
    # code ids written out in the package (in docs and messages) are registered codes
    written = set(re.findall(r"\bFS\d{3}\b", text))
    assert written <= set(CODES)


def test_every_problem_is_made_with_a_code():
    """problem() and the importers' helpers take a Code: no call passes a bare severity."""
    bare = re.compile(
        r"\b(problem|problems_at|summary_notice|flag|warn)\([^()]*\b(ERROR|WARNING|NOTICE)\b"
    )
    calls = [str(path) for path, text in _sources().items() if bare.search(text)]
    assert calls == []


def test_the_problems_table_has_a_code_column():
    problems = footstats.check_log(BytesIO((LOG + "2026-03-02,Heel raises,two\n").encode()))
    assert list(problems.columns) == list(PROBLEM_COLUMNS)
    assert problems[[CODE, MESSAGE]].values.tolist() == [
        ["FS208", "'two' is not a number; expected a whole number ≥ 0 (sets)"]
    ]
    assert codes_of(footstats.check_log(BytesIO(LOG.encode() + GOOD.encode()))) == []


def test_log_error_problems_carry_codes():
    with pytest.raises(footstats.LogError) as caught:
        footstats.read_log(BytesIO((LOG + "2026-03-02,Heel raises,two\n").encode()))
    assert codes_of(caught.value.problems) == ["FS208"]
    assert "[FS208]" in str(caught.value)


def test_the_docs_list_every_code():
    page = (ROOT / "docs" / "problem-codes.md").read_text(encoding="utf-8")
    marker = "<!-- generated from footstats.core.codes.reference() -->\n\n"
    assert page.split(marker, 1)[1] == _codes.reference()
    assert "problem-codes.md" in (ROOT / "docs" / "README.md").read_text(encoding="utf-8")


# -- the command line --------------------------------------------------------------------
BAD = "date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,11\n2026-03-03,Moonwalk,2,\n"


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture
def bad_log(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(BAD)
    return str(path)


def test_check_lines_end_with_the_code(bad_log, capsys):
    code, lines, _ = run(["check", bad_log], capsys)
    assert code == 1
    assert lines == [
        f"{bad_log}:2:pain_back: error: 11 is outside 0–10 (pain is a 0–10 rating) [FS203]",
        f"{bad_log}:3:exercise: warning: 'Moonwalk' is not in the routine on this line: kept, "
        "but not counted as a routine exercise. (an exercise_map or an alias in your routine "
        "file can match it) [FS221]",
    ]


def test_check_select_prints_only_those_codes(bad_log, capsys):
    code, lines, err = run(["check", bad_log, "--select", "fs2"], capsys)
    assert code == 1 and len(lines) == 2  # a prefix, in any case
    code, lines, err = run(["check", bad_log, "--select", "FS221"], capsys)
    assert code == 0 and [line[-7:] for line in lines] == ["[FS221]"]
    assert "0 errors, 1 warnings, 0 notices; 1 left out by --select/--ignore" in err


def test_check_ignored_errors_do_not_fail(bad_log, capsys):
    code, lines, err = run(["check", bad_log, "--ignore", "FS203, FS221"], capsys)
    assert code == 0 and lines == []
    assert "1 rows loaded" in err and "2 left out by --select/--ignore" in err
    code, lines, _ = run(["check", bad_log, "--ignore", "FS221"], capsys)
    assert code == 1 and [line[-7:] for line in lines] == ["[FS203]"]


def test_check_refuses_a_pattern_that_matches_no_code(bad_log, capsys):
    code, lines, err = run(["check", bad_log, "--select", "FS9"], capsys)
    assert code == 2 and lines == []
    assert "--select: 'FS9' is not a problem code" in err


def test_report_prints_only_the_selected_errors_and_still_refuses(bad_log, tmp_path, capsys):
    argv = ["report", bad_log, "-o", str(tmp_path / "out"), "--ignore", "FS203"]
    code, _, err = run(argv, capsys)
    assert code == 1 and "[FS203]" not in err
    assert "not reported; fix the errors above; 1 left out by --select/--ignore" in err


def test_check_help_points_at_the_codes(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "docs/problem-codes.md" in out and "--select CODES" in out and "--ignore CODES" in out
