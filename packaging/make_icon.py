"""The application icon for the built program: resources/icons/app.svg drawn by Qt as .ico and .png.

`python packaging/make_icon.py OUT_DIR` writes OUT_DIR/app.ico (16 to 256 pixels, for Windows
Explorer, the taskbar and the .exe) and OUT_DIR/app.png (256 pixels, for Linux desktop files).
Only Qt is used, so the build needs nothing beyond what the program itself needs.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
SVG = REPOSITORY / "resources" / "icons" / "app.svg"
# The sizes Windows asks an .ico for, from small list views to the large Explorer tiles.
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
PNG_SIZE = 256


def render(svg: Path, size: int):  # type: ignore[no-untyped-def]
    """The SVG drawn into a transparent square image of `size` pixels."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: не удалось прочитать SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def _encoded(image, file_format: str) -> bytes:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, file_format):
        raise RuntimeError(f"Qt не смог записать изображение в формате {file_format}")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list) -> bytes:  # type: ignore[type-arg]
    """One .ico holding every image: 256 pixels as PNG (as Windows expects), smaller ones as
    the bitmaps Qt's own ICO writer makes (one image per file, so they are joined here)."""
    entries: list[tuple[bytes, bytes]] = []  # (16-byte directory entry without offset, data)
    for image in images:
        size = image.width()
        if size >= 256:
            data = _encoded(image, "PNG")
            # width and height 0 mean 256; no palette; 1 plane; 32 bits per pixel.
            entry = struct.pack("<BBBBHHI", 0, 0, 0, 0, 1, 32, len(data))
        else:
            single = _encoded(image, "ICO")
            reserved, kind, count = struct.unpack_from("<HHH", single, 0)
            if (reserved, kind, count) != (0, 1, 1):
                raise RuntimeError("Qt записал ICO в неожиданном виде")
            entry_fields = struct.unpack_from("<BBBBHHII", single, 6)
            length, offset = entry_fields[6], entry_fields[7]
            data = single[offset : offset + length]
            entry = struct.pack("<BBBBHHI", *entry_fields[:7])
        entries.append((entry, data))
    header = struct.pack("<HHH", 0, 1, len(entries))
    offset = len(header) + 16 * len(entries)
    directory = b""
    for entry, data in entries:
        directory += entry + struct.pack("<I", offset)
        offset += len(data)
    return header + directory + b"".join(data for _entry, data in entries)


def make_icons(out_dir: Path, svg: Path = SVG) -> tuple[Path, Path]:
    """Write app.ico and app.png into `out_dir`; returns their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    ico = out_dir / "app.ico"
    ico.write_bytes(ico_bytes([render(svg, size) for size in ICO_SIZES]))
    png = out_dir / "app.png"
    if not render(svg, PNG_SIZE).save(str(png), "PNG"):
        raise RuntimeError(f"не удалось записать {png}")
    return ico, png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Значок программы (.ico и .png) из app.svg.")
    parser.add_argument("out_dir", type=Path, help="папка для app.ico и app.png")
    args = parser.parse_args(argv)
    for path in make_icons(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
