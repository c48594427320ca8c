"""A translated word followed by Chinese punctuation outside the gettext call reaches English pages as
"Next：". The punctuation belongs inside the translated string (or a blocktranslate with placeholders)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "gonghui"
PASTED = re.compile(r'\{%\s*translate\s+"[^"]*"[^%]*%\}[：，。；]')


def test_no_template_pastes_chinese_punctuation_after_a_translated_word():
    found = [f"{path.relative_to(ROOT)}:{n}" for path in ROOT.rglob("*.html")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if PASTED.search(line)]
    assert found == []
