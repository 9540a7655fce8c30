"""Optical character recognition for PDF pages without a text layer (the ``ocr`` extra).

The PDF parser renders such a page to a grayscale image and hands it to an ``OcrEngine``, which returns
the words it recognised with their boxes in pixels. ``TesseractOcr`` runs the ``tesseract`` program through
pytesseract; both are optional, so ``find_ocr_engine`` says whether OCR can be used here at all.
Nothing is imported from the extra until a page is actually recognised.
"""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass
from typing import Any, Protocol

OCR_DPI = 300
"""Resolution pages are rendered at for recognition; tesseract is most accurate around 300 dpi."""


class OcrFailed(Exception):
    """The engine could not read an image (the program failed or took too long); the page stays unread."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """A recognised word: its box in pixels (top-down), the line it belongs to and a 0–100 confidence."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    line: tuple[int, int, int]
    confidence: float


class OcrEngine(Protocol):
    """Reads the words of one page image (a Pillow image rendered at ``dpi``)."""

    def recognise(self, image: Any, dpi: int) -> list[OcrWord]:
        """The words in the image, in the engine's reading order; ``[]`` when it finds none.

        Raises ``OcrFailed`` when the engine cannot run or exceeds its time limit.
        """
        ...


class TesseractOcr:
    """``OcrEngine`` over the tesseract program (pytesseract). ``timeout`` bounds one page, in seconds."""

    def __init__(self, *, language: str = "eng", timeout: float = 30.0, min_confidence: float = 20.0) -> None:
        self.language = language
        self.timeout = timeout
        self.min_confidence = min_confidence

    def recognise(self, image: Any, dpi: int) -> list[OcrWord]:
        """See ``OcrEngine.recognise``; words under ``min_confidence`` (specks, rules) are dropped."""
        import pytesseract

        try:
            data = pytesseract.image_to_data(
                image,
                lang=self.language,
                config=f"--psm 3 --dpi {dpi}",
                output_type=pytesseract.Output.DICT,
                timeout=self.timeout,
            )
        except (pytesseract.TesseractError, OSError, RuntimeError) as exc:
            # pytesseract raises RuntimeError on timeout, OSError when the program is missing.
            raise OcrFailed(str(exc)[:200]) from exc
        words: list[OcrWord] = []
        for index, text in enumerate(data["text"]):
            text = text.strip()
            confidence = float(data["conf"][index])
            if not text or confidence < self.min_confidence:
                continue
            left, top = float(data["left"][index]), float(data["top"][index])
            words.append(
                OcrWord(
                    text=text,
                    left=left,
                    top=top,
                    right=left + float(data["width"][index]),
                    bottom=top + float(data["height"][index]),
                    line=(
                        int(data["block_num"][index]),
                        int(data["par_num"][index]),
                        int(data["line_num"][index]),
                    ),
                    confidence=confidence,
                )
            )
        return words


def tesseract_available() -> bool:
    """True when pytesseract and Pillow are installed and the ``tesseract`` program is on the PATH.

    Cheap: nothing is imported or run.
    """
    return (
        importlib.util.find_spec("pytesseract") is not None
        and importlib.util.find_spec("PIL") is not None
        and shutil.which("tesseract") is not None
    )


def find_ocr_engine(enabled: bool | None) -> OcrEngine | None:
    """The engine to use: None when ``enabled`` is False, or when it is None and OCR is not installed.

    ``enabled=True`` insists: it raises ``RuntimeError`` (a deployment mistake, not a user's) when the
    ``ocr`` extra or the tesseract program is missing.
    """
    if enabled is False:
        return None
    if tesseract_available():
        return TesseractOcr()
    if enabled:
        raise RuntimeError("OCR was required but pytesseract, Pillow or the tesseract program is missing.")
    return None
