"""What a report loads: no pyplot, and fontTools' subsetter only when a PDF embeds TrueType.

Each check runs in a fresh interpreter (this test process has imported both already).
The report's PDF text pages use Type 3 fonts (matplotlib's default), which never call the
subsetter; with ``pdf.fonttype`` 42 the deferred module loads when used and embeds the
font as before (a ``/FontFile2`` stream).
"""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = (
    "date,exercise,sets,side,pain_back\n"
    "2026-03-02,Toe walking,6,,5\n"
    "2026-03-02,Heel raises,2,both,\n"
    "2026-03-11,Heel raises,2,both,3\n"
)


def _run(code: str, tmp_path: Path) -> str:
    (tmp_path / "log.csv").write_text(LOG)
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_a_report_imports_no_pyplot_and_defers_the_subsetter(tmp_path):
    code = """
        import sys
        from pathlib import Path
        import footstats
        folder = Path(sys.argv[1])
        log = footstats.read_log(folder / "log.csv")
        paths = footstats.write_report(log, folder / "out")
        subset = sys.modules["fontTools.subset"]
        print(paths[-1].name, "matplotlib.pyplot" in sys.modules, hasattr(subset, "Options"))
        print(type(sys.modules["fontTools.subset"]).__name__)
    """
    first, second = _run(code, tmp_path).splitlines()[-2:]
    # hasattr loads the module: it is the real fontTools.subset, loaded on first use
    assert first == "report.pdf False True"
    assert second == "module"
    assert (tmp_path / "out" / "report.pdf").read_bytes()[:5] == b"%PDF-"


def test_the_subsetter_is_not_loaded_by_a_type3_report(tmp_path):
    code = """
        import sys
        from pathlib import Path
        import footstats
        folder = Path(sys.argv[1])
        footstats.write_report(footstats.read_log(folder / "log.csv"), folder / "out")
        print(type(sys.modules["fontTools.subset"]).__name__)
    """
    assert _run(code, tmp_path).splitlines()[-1] == "_LazyModule"


def test_a_truetype_pdf_still_embeds_its_font(tmp_path):
    code = """
        import sys
        from pathlib import Path
        import matplotlib
        import footstats
        matplotlib.rcParams["pdf.fonttype"] = 42
        folder = Path(sys.argv[1])
        footstats.write_report(footstats.read_log(folder / "log.csv"), folder / "out")
        print(type(sys.modules["fontTools.subset"]).__name__)
    """
    assert _run(code, tmp_path).splitlines()[-1] == "module"
    pdf = (tmp_path / "out" / "report.pdf").read_bytes()
    assert b"/FontFile2" in pdf
    assert b"/Subtype /Type3" not in pdf
