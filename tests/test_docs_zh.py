"""The Chinese docs (docs/zh-CN/): every English page named in the index table has its Chinese page, every relative
link and image of a Chinese page points at a file that exists, and each page links back to the English page it
translates (its first lines: ``[English](../<page>.md) · 简体中文``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
ZH = DOCS / "zh-CN"
# [text](target) and ![alt](target); the target up to a space (a title) or the closing parenthesis
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)     # http:, https:, mailto:


def index_rows() -> list[tuple[str, str]]:
    """(Chinese page, English page) of each row of the index table whose English column links to ../<page>.md."""
    rows = []
    for line in (ZH / "README.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        targets = [LINK.findall(c) for c in cells[:2]]
        if len(cells) >= 2 and all(len(t) == 1 for t in targets) and targets[1][0].startswith("../"):
            rows.append((targets[0][0], targets[1][0]))
    return rows


def pages() -> list[Path]:
    return sorted(ZH.glob("*.md"))


def links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)   # code blocks are not links
    return [t for t in LINK.findall(text) if not EXTERNAL.match(t) and not t.startswith("#")]


def test_the_index_names_the_user_facing_pages():
    english = {Path(en).name for _, en in index_rows()}
    assert {"gui.md", "training.md", "data.md", "export.md", "cli.md"} <= english


@pytest.mark.parametrize("zh, en", index_rows())
def test_each_english_page_in_the_index_has_its_chinese_page(zh, en):
    assert (DOCS / Path(en).name).is_file(), f"the index names {en}, which does not exist"
    assert Path(zh).name == Path(en).name, f"{zh} should be named as the page it translates, {Path(en).name}"
    assert (ZH / zh).is_file(), f"docs/zh-CN/{zh} is missing (the index names it for {en})"


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_every_relative_link_and_image_resolves(page):
    assert links(page), f"{page.name} has no links at all"
    missing = [t for t in links(page) if not (page.parent / t.split("#")[0]).exists()]
    assert missing == [], f"{page.name} links to files that do not exist: {missing}"


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_each_page_links_back_to_its_english_page(page):
    head = page.read_text(encoding="utf-8").splitlines()[:4]
    back = [line for line in head if line.startswith("[English](") and line.endswith("· 简体中文")]
    assert back, f"{page.name} lacks the line '[English](../{page.name}) · 简体中文' at its top"
    target = LINK.findall(back[0])[0]
    english = "../../README.md" if page.name == "README.md" else f"../{page.name}"
    assert target == english and (page.parent / target).is_file()


def test_the_chinese_readme_and_translating_md_point_to_the_chinese_docs():
    readme = DOCS.parent / "README.zh-CN.md"
    assert "docs/zh-CN/README.md" in LINK.findall(readme.read_text(encoding="utf-8"))
    assert "zh-CN/README.md" in LINK.findall((DOCS / "translating.md").read_text(encoding="utf-8"))
