"""Keep the translation catalogs in step with the source: ``python -m nnstudio.gui.catalogs``.

Qt side: ``pyside6-lupdate`` collects every ``self.tr("...")`` and ``QCoreApplication.translate("Ctx", "...")``
in ``nnstudio/gui`` into ``resources/translations/nnstudio_<lang>.ts`` (translations already there are kept),
then ``pyside6-lrelease`` compiles each to the ``.qm`` the app loads. Many gui modules translate through a
one-line module helper, ``def _tr(text): return QCoreApplication.translate("Ctx", text)``; lupdate cannot know
that helper's context, so it reads a copy of the sources in which each ``_tr(`` call is spelled out as
``QCoreApplication.translate("Ctx", `` (same lines, so nothing else changes).

The shipped samples' titles and one-line lessons and the course's chapter titles (``samples/``) are data,
not code: they are listed for lupdate in a generated file (contexts ``Sample`` and ``Course``), and the welcome
page and the Lesson panel show them through the same catalogs. A user's own project, whose title no catalog
holds, shows as written.

Qt-free side: every ``_("...")`` in the other packages is listed in ``nnstudio_<lang>.po`` (see
``nnstudio/i18n.py``); new messages are appended untranslated, vanished ones dropped.

Locations are left out of the ``.ts`` files on purpose: line numbers change with every edit and would make
every merge conflict in the catalogs.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from nnstudio import i18n
from nnstudio.paths import resources_dir

PACKAGE = Path(__file__).resolve().parents[1]
GUI = PACKAGE / "gui"
LANGS = [code for code in i18n.LANGUAGES if code != i18n.ENGLISH]
_HELPER = re.compile(r'^def (_?tr)\(\w+(?:: str)?\)(?: -> str)?:\n\s+return QCoreApplication\.translate\("(\w+)", \w+\)',
                     re.M)


def tool(name: str) -> str:
    """Path of a PySide6 command-line tool (``pyside6-lupdate``): on PATH, else beside this Python."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (it comes with PySide6)")
    return found


def spelled_out(source: str) -> str:
    """``source`` with each call of a module ``_tr``/``tr`` helper written as the translate call it makes."""
    for name, context in _HELPER.findall(source):
        source = re.sub(rf'(?<![\w.]){name}\(', f'QCoreApplication.translate("{context}", ', source)
        source = source.replace(f'def QCoreApplication.translate("{context}", ', f"def {name}(")
    return source


def lupdate(ts_files: list[Path], workdir: Path) -> None:
    """Run lupdate over a spelled-out copy of nnstudio/gui, updating (or creating) ``ts_files``."""
    copy = workdir / "gui"
    for path in sorted(GUI.rglob("*.py")):
        target = copy / path.relative_to(GUI)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(spelled_out(path.read_text(encoding="utf-8")), encoding="utf-8")
    (copy / "_sample_strings.py").write_text(sample_strings(), encoding="utf-8")
    sources = [str(p) for p in sorted(copy.rglob("*.py"))]
    subprocess.run([tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *sources,
                    "-ts", *map(str, ts_files)], check=True, capture_output=True)


def sample_strings() -> str:
    """Python source marking the course's chapter titles and every sample's title and lesson line."""
    from nnstudio.paths import samples_dir
    from nnstudio.project import load

    from .course import load_course

    lines = [f"QT_TRANSLATE_NOOP('Course', {c.title!r})" for c in load_course()]
    for path in sorted(samples_dir().glob("*.nnproj")):
        project = load(path)
        lines += [f"QT_TRANSLATE_NOOP('Sample', {text!r})" for text in (project.title, project.lesson) if text]
    return "\n".join(lines) + "\n"


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


# ---- the Qt-free catalog (.po) --------------------------------------------------------------------------
def po_messages() -> list[str]:
    """Every literal in a ``_("...")`` or ``N_("...")`` call of the Qt-free modules, in source order, once each."""
    found: dict[str, None] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if GUI in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = None
    return list(found)


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_po(path: Path, messages: list[str], known: dict[str, str]) -> None:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for m in messages:
        lines += [f"msgid {_po_string(m)}", f"msgstr {_po_string(known.get(m, ''))}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def update() -> None:
    folder = resources_dir() / "translations"
    with tempfile.TemporaryDirectory() as tmp:
        lupdate([folder / f"nnstudio_{lang}.ts" for lang in LANGS], Path(tmp))
    for lang in LANGS:
        lrelease(folder / f"nnstudio_{lang}.ts", folder / f"nnstudio_{lang}.qm")
        po = folder / f"nnstudio_{lang}.po"
        write_po(po, po_messages(), i18n.read_po(po) if po.is_file() else {})


if __name__ == "__main__":
    update()
