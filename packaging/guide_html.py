"""The user guide (docs/руководство.md) as an HTML page for the built program's folder.

Officials open the folder, not a repository: `python packaging/guide_html.py OUT_DIR` writes
OUT_DIR/руководство.html and its pictures in OUT_DIR/images/. `python packaging/guide_html.py
docs` regenerates the committed docs/руководство.html, which the installed package carries
(pyproject force-include) and F1 opens; a test checks it agrees with docs/руководство.md.
Qt reads the Markdown (GitHub dialect, with tables); the headings get the anchors GitHub gives
them, so the table of contents works in a browser.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
GUIDE = REPOSITORY / "docs" / "руководство.md"
STYLE = (
    "body { font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; font-size: 11pt; "
    "max-width: 60em; margin: 1em auto; padding: 0 1em; line-height: 1.4; } "
    "img { max-width: 100%; border: 1px solid #ccc; } "
    "table { border-collapse: collapse; margin: 0.5em 0; } "
    "td, th { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; } "
    "p, li { white-space: normal; } code { background: #f3f3f3; }"
)
_HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_DOCUMENT_LINK = re.compile(r'<a href="[^"#]*\.md(?:#[^"]*)?">(.*?)</a>', re.DOTALL)


def github_anchor(title: str, seen: dict[str, int]) -> str:
    """The anchor GitHub makes of a heading: lower case, punctuation dropped, spaces to «-»."""
    slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"


def guide_html(markdown: str) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QTextDocument

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    document = QTextDocument()
    document.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    page = document.toHtml()
    seen: dict[str, int] = {}

    def with_anchor(match: re.Match[str]) -> str:
        level, attributes, inner = match.groups()
        anchor = github_anchor(html.unescape(_TAG.sub("", inner)), seen)
        return f'<h{level} id="{anchor}"{attributes}>{inner}</h{level}>'

    page = _HEADING.sub(with_anchor, page)
    # The other documents (docs/*.md) are not in the program's folder: their links become text.
    page = _DOCUMENT_LINK.sub(r"\1", page)
    # Qt's own page font (9 pt) is too small to read; the style above sets it instead.
    page = re.sub(r'<body style="[^"]*">', "<body>", page, count=1)
    title = "<title>Руководство пользователя «ЦОС: региональный проект»</title>"
    return page.replace("</head>", f"{title}<style>{STYLE}</style></head>", 1)


def write_guide(out_dir: Path, guide: Path = GUIDE) -> Path:
    """Write the HTML guide and the pictures it shows into `out_dir`; returns the page."""
    markdown = guide.read_text(encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    for picture in sorted(set(re.findall(r"\]\((images/[^)\s]+)\)", markdown))):
        target = out_dir / picture
        if target.resolve() == (guide.parent / picture).resolve():
            continue  # the page written beside the guide itself: its pictures are there
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(guide.parent / picture, target)
    page = out_dir / f"{guide.stem}.html"
    page.write_text(guide_html(markdown), encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Руководство пользователя в HTML.")
    parser.add_argument("out_dir", type=Path, help="папка для руководство.html и images/")
    args = parser.parse_args(argv)
    print(write_guide(args.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
