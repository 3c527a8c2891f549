"""README.zh-CN.md: linked from the README, its links lead to files that exist, and its test command is the README's."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _first_block(text: str) -> list[str]:
    block = re.search(r"```bash\n(.*?)```", text, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines()]


def test_the_chinese_readme_is_linked_and_its_links_exist():
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    assert "(README.zh-CN.md)" in english
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", chinese)
    assert targets
    for target in targets:
        assert (ROOT / target).exists(), target
    assert _first_block(chinese)[1] == _first_block(english)[1]
