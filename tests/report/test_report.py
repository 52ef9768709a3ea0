"""Exports: the tables' exact contents, chart files, the PDF report and safe writing.

The tiny log and its hand-worked numbers are those of test_plots.py (see its docstring):
sessions per week 2, 0, 1; completion week 1 toe walking (100 + 50) / 2 = 75 %, heel
raises 100 %; back pain baseline 5, latest (5 + 2) / 2 = 3.5; hip baseline 3, latest 2.
"""

import io
import json
import re
from importlib import resources

import numpy as np
import pandas as pd
import PIL.Image
import pytest
from _tidy import ROWS, SITES, tidy_log
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

import footstats
from footstats.charts import render as _render
from footstats.report import pdf_images, pdf_text
from footstats.report import write as report

SIGNATURES = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<svg"}
TINY_CSV = (
    "date,exercise,sets,side,pain_back\n"
    "2026-03-02,Toe walking,6,,5\n"
    "2026-03-02,Heel raises,2,both,\n"
    "2026-03-11,Heel raises,2,both,3\n"
)


@pytest.fixture
def log():
    return tidy_log(ROWS, sites=SITES)


@pytest.fixture
def cohort_log():
    rows = [{**r, "participant": "p1"} for r in ROWS] + [
        {"date": "2026-03-09", "exercise": "toe_walking", "sets": 6, "participant": "=p2"}
    ]
    return tidy_log(rows, sites=SITES)


def entries(folder) -> list[str]:
    """Every name in ``folder`` (temporary files are hidden: all listed) but footstats' own
    bookkeeping of the report folder: its lock, its link to the current report and that
    report's hidden folder (footstats.report.folder)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".footstats-report"))


def names(paths):
    return [p.name for p in paths]


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


# -- tables -----------------------------------------------------------------------------------


def test_export_tables_writes_the_contract_files(log, tmp_path):
    paths = report.export_tables(log, tmp_path)
    assert names(paths) == ["frequency.csv", "sets.csv", "pain.csv", "summary.json"]
    # Every week, the empty one included; weeks as ISO dates.
    assert (tmp_path / "frequency.csv").read_text() == (
        "week,sessions,target_min,target_max,target_met,in_progress,habit_strength\n"
        # the log ends on Wednesday 18 March: that week is in progress; habit strength
        # 7.8419 on Sunday 8 March as in tests/metrics/test_in_progress.py (same sessions)
        "2026-03-02,2,2,3,True,False,7.8419\n"
        "2026-03-09,0,2,3,False,False,15.4666\n"
        "2026-03-16,1,2,3,False,True,16.2479\n"
    )


def test_sets_csv_has_program_ids_and_only_weeks_with_sessions(log, tmp_path):
    report.export_tables(log, tmp_path)
    lines = (tmp_path / "sets.csv").read_text().splitlines()
    assert lines[0] == "week,exercise,sets_done,sets_prescribed,completion"
    assert len(lines) == 1 + 2 * 5  # 2 weeks with sessions x 5 exercises
    # toe walking week 1: 6 + 3 of 2 x 6 sets, completion (1 + 0.5) / 2.
    assert "2026-03-02,toe_walking,9,12,0.75" in lines
    # heel raises week 1: (2 + 2) + (3 + 3) done, 2 x 4 prescribed, both sessions complete.
    assert "2026-03-02,heel_raises,10,8,1.0" in lines
    assert "2026-03-16,heel_raises,6,4,1.0" in lines
    assert not any(line.startswith("2026-03-09") for line in lines)


def test_pain_csv_has_weekly_mean_min_max_and_count(log, tmp_path):
    report.export_tables(log, tmp_path)
    lines = (tmp_path / "pain.csv").read_text().splitlines()
    assert lines[0] == "week,site,mean,min,max,n"
    # back, week 1: reports 6 and 4.
    assert "2026-03-02,back,5.0,4,6,2" in lines
    assert "2026-03-09,hip,2.0,2,2,1" in lines
    assert len(lines) == 1 + 3 * 2


def test_summary_json_holds_the_headline_figures(log, tmp_path):
    report.export_tables(log, tmp_path)
    summary = json.loads((tmp_path / "summary.json").read_text())
    # adherence = mean(min(2/2, 1), 0/2, 1/2) x 100 = 50.
    assert {k: summary[k] for k in ("weeks", "sessions", "adherence_pct")} == {
        "weeks": 3,
        "sessions": 3,
        "adherence_pct": 50.0,
    }
    assert (summary["current_streak"], summary["longest_streak"]) == (0, 1)
    # back: 5 -> 3.5 is -1.5 points, -30 %: clinically important, moderate.
    assert summary["pain"]["back"] == {
        "baseline": 5.0,
        "latest": 3.5,
        "change": -1.5,
        "change_pct": -30.0,
        "clinically_important": True,
        "band": "moderate",
    }


def test_tables_with_participants_lead_with_them_and_neutralise_text(cohort_log, tmp_path):
    report.export_tables(cohort_log, tmp_path)
    frequency = (tmp_path / "frequency.csv").read_text().splitlines()
    assert frequency[0] == (
        "participant,week,sessions,target_min,target_max,target_met,in_progress,habit_strength"
    )
    # The id "=p2" would be a formula in a spreadsheet: it is written as text.
    assert any(row.startswith("'=p2,2026-03-09,1,2,3,False,False,") for row in frequency)
    for table in ("sets.csv", "pain.csv"):
        assert (tmp_path / table).read_text().startswith("participant,week,")
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert [p["participant"] for p in summary["participants"]] == ["=p2", "p1"]
    assert summary["cohort"]["participants"] == 2


# -- charts -----------------------------------------------------------------------------------


def test_export_charts_writes_every_chart_in_every_format(log, tmp_path):
    paths = report.export_charts(log, tmp_path, formats=("png", "svg", "pdf"))
    assert len(paths) == len(report.CHARTS) * 3
    assert names(paths[:3]) == ["frequency.png", "frequency.svg", "frequency.pdf"]
    for path in paths:
        head = path.read_bytes()[:400]
        signature = SIGNATURES[path.suffix[1:]]
        assert head.startswith(signature) or signature in head  # svg starts with <?xml
    assert entries(tmp_path) == sorted(names(paths))


def test_export_charts_png_resolution_follows_dpi(log, tmp_path):
    paths = report.export_charts(log, tmp_path, dpi=40)
    (sets,) = [p for p in paths if p.stem == "sets"]
    # The sets chart is 9 inches wide: 360 pixels at 40 dpi (the PNG header's width field).
    assert int.from_bytes(sets.read_bytes()[16:20], "big") == 9 * 40


def test_export_charts_rejects_unknown_formats(log, tmp_path):
    with pytest.raises(ValueError, match="png, svg, pdf"):
        report.export_charts(log, tmp_path, formats=("jpg",))
    assert list(tmp_path.iterdir()) == []


def test_failed_chart_leaves_no_partial_file(log, tmp_path, monkeypatch):
    def broken_write_png(pixels, path, dpi):
        with open(path, "wb") as f:
            f.write(b"\x89PNG half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report._render, "write_png", broken_write_png)
    with pytest.raises(OSError, match="No space"):
        report.export_charts(log, tmp_path)
    assert entries(tmp_path) == []


# -- PDF report -------------------------------------------------------------------------------


def test_export_report_is_a_pdf_with_pages_and_metadata(log, tmp_path):
    path = report.export_report(log, tmp_path / "report.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    # two pages of words (the figures, then the routine), then 3 pages of 2 charts
    assert pdf_pages(data) == 2 + 3
    assert b"/Author (footstats)" in data
    assert re.search(rb"/Title \(footstats report: Foot routine", data)
    assert re.search(rb"/Subject \(Sessions, sets and pain: 2 March 2026 to 18 March 2026", data)
    assert re.search(rb"/CreationDate \(D:\d{14}", data)


def test_report_first_page_says_the_figures_in_words(log):
    text = "\n".join(text for _, text in report._Report(log).summary_blocks())
    assert (
        "Period: 2 March 2026 to 18 March 2026 (3 weeks; the week of 16 March 2026 is in progress)."
    ) in text
    assert "Rows loaded: 9." in text  # no problems given: nothing said of lines left out
    assert "Exercises not in the routine: none." in text
    assert "3 sessions in 3 weeks (target 2-3 a week" in text
    # the week of 16 March is in progress (1 of 2 so far): 2 weeks judged, (1 + 0) / 2
    assert "Target met in 1 of 2 weeks judged. Session adherence 50 %" in text
    assert "The week of 16 March 2026 is in progress: 1 of 2 sessions so far" in text
    assert "longest: 1 week." in text
    assert (
        "Back pain fell from 5.0 to 3.5 (-1.5 points, -30 %): a clinically important "
        "improvement (Farrar 2001), moderate (IMMPACT)."
    ) in text
    # Sets over the period, counted up to the prescription per session (one definition
    # with the completion heatmap): heel raises 16 done of 12, 12 counted, 4 beyond.
    assert (
        "Heel raises: 12 of 12 sets (100 %), done in 3 of 3 sessions; 4 more beyond the "
        "prescription"
    ) in text
    assert "Toe walking: 9 of 18 sets (50 %), done in 2 of 3 sessions" in text
    # The routine's prescription.
    assert "Toe walking: 6 sets x 60 s" in text
    assert "association, not evidence" in text


def test_report_first_page_for_a_cohort_lists_participants(cohort_log):
    blocks = report._Report(cohort_log).summary_blocks()
    text = "\n".join(text for _, text in blocks)
    assert "Participants: 2." in text
    assert "p1: 3 sessions in 3 weeks; adherence 50 %" in text
    # =p2's one session is on 9 March; the log runs to Wednesday 18 March, so the week of
    # 16 March is in progress (0 so far), not judged yet: 1/2 = 50 %
    assert "=p2: 1 sessions in 2 weeks; adherence 50 %" in text


def test_report_first_page_for_one_participant_is_a_personal_one(log):
    one = log.assign(participant="p1")
    text = "\n".join(text for _, text in report._Report(one).summary_blocks())
    assert "Target met in 1 of 2 weeks judged. Session adherence 50 %" in text
    assert "Participants:" not in text


def test_report_of_an_empty_log_with_a_participant_column(tmp_path):
    log = footstats.read_log(b"participant,date,exercise,sets\n")
    path = report.export_report(log, tmp_path / "report.pdf")
    assert pdf_pages(path.read_bytes()) == 4
    text = "\n".join(text for _, text in report._Report(log).summary_blocks())
    assert "Participants: 0." in text


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        # The brief's example: 6.0 -> 3.5 is -2.5 points and -41.7 %.
        (
            dict(baseline=6.0, latest=3.5, change=-2.5, change_pct=-41.67, band="moderate"),
            "Back pain fell from 6.0 to 3.5 (-2.5 points, -42 %): a clinically important "
            "improvement (Farrar 2001), moderate (IMMPACT).",
        ),
        (
            dict(baseline=2.0, latest=3.0, change=1.0, change_pct=50.0, band="none"),
            "Back pain rose from 2.0 to 3.0 (+1.0 points, +50 %): not a clinically important "
            "improvement (Farrar 2001), no reduction (IMMPACT).",
        ),
        (
            dict(baseline=0.0, latest=1.0, change=1.0, change_pct=None, band=None),
            "Back pain rose from 0.0 to 1.0 (+1.0 points; no % change from a baseline of 0): "
            "not a clinically important improvement (Farrar 2001).",
        ),
        (
            dict(baseline=4.0, latest=4.0, change=0.0, change_pct=0.0, band="none"),
            "Back pain stayed at 4.0 (+0.0 points, +0 %): not a clinically important "
            "improvement (Farrar 2001), no reduction (IMMPACT).",
        ),
    ],
)
def test_pain_sentence(change, sentence):
    important = change["change"] <= -2 or (change["change_pct"] or 0) <= -30
    assert (
        pdf_text._pain_sentence("back", {**change, "clinically_important": important}) == sentence
    )


def test_long_text_flows_onto_more_pages():
    blocks = [("item", f"participant {i}: 10 sessions in 4 weeks") for i in range(150)]
    pages = report._text_pages(blocks)
    # About 45 lines of 10.5 pt fit on an A4 page between the margins.
    assert 3 <= len(pages) <= 5
    assert sum(len(page.texts) for page in pages) == 150 * 2  # text and bullet per item


def test_failed_report_keeps_the_previous_pdf_and_leaves_no_temp(log, tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF previous report")

    def broken(self, figure=None, **kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(PdfPages, "savefig", broken)
    with pytest.raises(RuntimeError, match="drawing failed"):
        report.export_report(log, target)
    assert target.read_bytes() == b"%PDF previous report"
    assert entries(tmp_path) == ["report.pdf"]


# -- chart images: compressed once, for the PNG file and the PDF ---------------------------------


def test_compressed_pixels_make_a_png_with_the_same_pixels_and_dpi():
    pixels = np.arange(4 * 5 * 3, dtype=np.uint8).reshape(4, 5, 3)
    png = _render.compress(pixels).png(dpi=150)
    with PIL.Image.open(io.BytesIO(png)) as image:
        assert image.mode == "RGB"
        assert np.array_equal(np.asarray(image), pixels)
        # 150 dots per inch = 5906 per metre, as PNG's pHYs chunk records it
        assert image.info["dpi"] == pytest.approx((150, 150), abs=0.05)


def _text_pdf() -> bytes:
    out = io.BytesIO()
    with PdfPages(out) as pdf:
        pdf.savefig(Figure(figsize=pdf_text._A4_PORTRAIT))
    return out.getvalue()


def _last_xref(pdf: bytes) -> dict[int, int]:
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf)[1])
    return pdf_images._xref(pdf, start)


def test_image_pages_follow_the_pdf_as_an_incremental_update():
    text = _text_pdf()
    chart = _render.compress(np.full((600, 1350, 3), 200, np.uint8))  # 9 x 4 inches at 150 dpi
    pdf = pdf_images.append_image_pages(text, [[chart, chart], [chart]], dpi=150)
    assert pdf.startswith(text)  # the original bytes are kept
    assert pdf_pages(pdf) == 3
    # the new cross-reference section points at its objects, and back at the original one
    for number, offset in _last_xref(pdf).items():
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    assert int(re.search(rb"/Prev (\d+)", pdf)[1]) == int(re.search(rb"startxref\s+(\d+)", text)[1])
    # the page tree, written again, lists the text page first, then the two image pages
    tree = pdf[pdf.rindex(b"/Type /Pages") :]
    kids = re.search(rb"/Kids \[([^\]]*)\]", tree)[1].split()[::3]
    assert len(kids) == 3 and re.search(rb"/Count 3 ", tree)
    assert kids[0] == re.search(rb"/Kids \[ ?(\d+)", text)[1]
    # each image holds the PNG's compressed rows as they are
    assert pdf.count(b"/Subtype /Image") == 3 and pdf.count(chart.rows) == 3


def test_image_pages_place_two_charts_on_a_page_shrunk_to_its_width():
    chart = _render.compress(np.full((600, 1350, 3), 200, np.uint8))  # 9 x 4 inches
    pdf = pdf_images.append_image_pages(_text_pdf(), [[chart, chart]], dpi=150)
    # A4 is 8.27 inches wide; less two margins of 0.45 that leaves 7.37 inches, so the charts
    # are scaled by 7.37 / 9: 530.64 x 235.84 points, left at the margin (32.4 points). The
    # first is 0.45 inch below the top (11.69 inches = 841.68 points), the second 0.3 inch
    # (21.6 points) under it.
    top = 841.68 - 32.4
    assert re.findall(rb"q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm", pdf) == [
        (b"530.640", b"235.840", b"32.400", b"%.3f" % (top - 235.84)),
        (b"530.640", b"235.840", b"32.400", b"%.3f" % (top - 2 * 235.84 - 21.6)),
    ]


def test_a_small_chart_keeps_its_size_on_the_page():
    chart = _render.compress(np.full((300, 600, 3), 0, np.uint8))  # 4 x 2 inches at 150 dpi
    pdf = pdf_images.append_image_pages(_text_pdf(), [[chart]], dpi=150)
    left = (8.27 - 4) / 2 * 72
    assert re.findall(rb"q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ", pdf) == [
        (b"288.000", b"144.000", b"%.3f" % left)
    ]


# -- chart layout: one measuring pass, constrained layout when it does not suffice -------------


def _ink(fig):
    """The figure's drawn extent in inches (and its size)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    return fig.get_tightbbox(FigureCanvasAgg(fig).get_renderer()), fig.get_size_inches()


def test_fit_places_the_texts_3_points_inside_the_figure():
    fig = Figure(figsize=(6, 3))
    ax = fig.add_subplot()
    ax.plot([0, 1000], [0, 5])
    ax.set_title("A title\non two lines")
    ax.set_ylabel("sessions per week")
    ax.set_xlabel("sets (total over the period)")
    assert _render.fit(fig, dpi=150)
    ink, (width, height) = _ink(fig)
    pad = 3 / 72
    assert [ink.x0, width - ink.x1, ink.y0, height - ink.y1] == pytest.approx([pad] * 4, abs=0.01)


def test_fit_gives_up_when_the_texts_leave_no_room():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.set_yticks([0], ["an exercise name far wider than the figure itself" * 2])
    assert not _render.fit(fig, dpi=150)
    assert (fig.subplotpars.left, fig.subplotpars.right) == (0.125, 0.9)  # as it was


def test_reaches_edge_looks_at_the_outermost_pixels_only():
    pixels = np.full((5, 6, 3), 255, np.uint8)
    pixels[1:-1, 1:-1] = 0  # drawn inside, one white pixel from every edge
    assert not _render.reaches_edge(pixels)
    pixels[2, -1] = (250, 255, 255)
    assert _render.reaches_edge(pixels)


def _long_named_program(tmp_path, name):
    routine = resources.files("footstats").joinpath("data", "foot_routine.toml").read_text()
    path = tmp_path / "routine.toml"
    path.write_text(routine.replace('name = "Heel raises"', f'name = "{name}"'))
    return footstats.load_routine(path)


def test_charts_whose_texts_one_pass_cannot_place_get_constrained_layout(log, tmp_path):
    name = "Heel raises on the edge of a step, slowly, with the knee straight, both legs"
    tables = report._Report(log, _long_named_program(tmp_path, name))
    # Left of the sets' bars stand the exercise names; right of them, numbers tied to the
    # bars, which move when the subplot shrinks for the long name: one pass leaves them
    # beyond the figure's edge, so the chart is made again with constrained layout.
    assert tables.figure("sets").get_layout_engine() is not None
    assert tables.figure("frequency").get_layout_engine() is None  # no names: one pass
    assert not _render.reaches_edge(tables.pixels("frequency"))


# -- write_report and the input log -----------------------------------------------------------


def test_write_report_writes_tables_charts_and_pdf_into_a_new_folder(log, tmp_path):
    out = tmp_path / "new" / "folder"
    paths = report.write_report(log, out, formats=("png",))
    assert names(paths[:4]) == ["frequency.csv", "sets.csv", "pain.csv", "summary.json"]
    assert names(paths[4:-1]) == [f"{chart}.png" for chart in report.CHARTS]
    assert paths[-1] == out / "report.pdf"
    assert entries(out) == sorted(names(paths))  # no temp files


def test_write_report_never_touches_the_input_log(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    source = logs / "log.csv"
    source.write_text(TINY_CSV)
    before = source.read_bytes()
    log = footstats.read_log(source)

    report.write_report(log, tmp_path / "out")
    assert source.read_bytes() == before
    # Not into the log's own folder, and not over it.
    with pytest.raises(ValueError, match="input log"):
        report.write_report(log, logs)
    with pytest.raises(ValueError, match="input log"):
        report.export_report(log, source)
    assert [p.name for p in logs.iterdir()] == ["log.csv"]
    assert source.read_bytes() == before


def test_write_report_of_an_empty_log(tmp_path):
    log = footstats.read_log(b"date,exercise,sets,pain_back\n")
    paths = report.write_report(log, tmp_path)
    assert (tmp_path / "frequency.csv").read_text() == (
        "week,sessions,target_min,target_max,target_met,in_progress,habit_strength\n"
    )
    assert json.loads((tmp_path / "summary.json").read_text())["sessions"] == 0
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert len(paths) == 4 + len(report.CHARTS) + 1


def test_write_report_draws_each_chart_once_for_its_png_the_dashboard_and_the_pdf(
    log, tmp_path, monkeypatch
):
    drawn = []
    render = report._render.render

    def counting(fig, dpi):
        drawn.append(fig)
        return render(fig, dpi)

    monkeypatch.setattr(report._render, "render", counting)
    report.write_report(log, tmp_path)
    charts = [fig for fig in drawn if fig.axes]  # the dashboard's title strip has none
    assert len(charts) == len(report.CHARTS) - 1  # every chart but the dashboard, once
    # the PDF holds the six chart images, two to a page
    assert len(re.findall(rb"/Subtype\s*/Image", (tmp_path / "report.pdf").read_bytes())) == 6
    # dashboard.png: two 9-inch charts at 150 dpi side by side, 0.15 inch apart
    width = int.from_bytes((tmp_path / "dashboard.png").read_bytes()[16:20], "big")
    assert width == 2 * 9 * 150 + round(0.15 * 150)


def test_one_participant_count_for_every_figure_of_a_cohort_report():
    # issue 23 ("31 vs 30 participants"): p3 is enrolled in the participants table without
    # any row; the cohort has 3 participants on page 1, in the PDF's subject, the
    # dashboard's title and the cohort table, not 2 in some and 3 in others
    from footstats.charts.dashboard import dashboard_title

    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 6, "participant": "p1"},
            {"date": "2026-03-03", "exercise": "toe_walking", "sets": 6, "participant": "p2"},
        ]
    )
    table = pd.DataFrame({"participant": ["p1", "p2", "p3"], "start": ["2026-03-02"] * 3})
    built = report._Report(log, window=footstats.FollowUp(participants=table))
    assert built.participants == 3
    assert "3 participants" in built.subject
    assert "3 participants" in dashboard_title(log, built.routine, None, built.follow_up)
    text = "\n".join(text for _, text in built.summary_blocks())
    assert "Participants: 3." in text
    assert len(built.cohort_table) == 3


def test_chart_pages_carry_their_captions_the_patient_and_the_page_number(log, tmp_path):
    # without poppler: the chart pages' text objects, as written (Helvetica, Windows-1252)
    path = report.export_report(log, tmp_path / "report.pdf", patient="Anna (P-7)")
    data = path.read_bytes()
    pages = pdf_pages(data)
    for number in range(3, pages + 1):  # two pages of words, then the chart pages
        footer = f"footstats report \xb7 Patient: Anna \\(P-7\\) \xb7 page {number} of {pages}"
        assert f"({footer}) Tj".encode("cp1252") in data
    from footstats.charts import registry

    caption = registry.caption("pain").split(";")[0][:60]
    assert caption.replace("(", "\\(").replace(")", "\\)").encode("cp1252") in data
    assert b"/BaseFont /Helvetica" in data
