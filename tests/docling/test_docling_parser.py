"""DoclingDocumentParser: the DocumentParser contract, the sample corpus, and docling's offline fallback.

Skipped when docling is not installed (``nox -s docling`` installs it). The contract cases are the
contract suite's own functions, collected here with a ``make_parser`` fixture that makes this adapter,
until the suite's fixture lists "docling" among its params.

No model is downloaded: ``HF_HUB_OFFLINE`` is set for the whole module, and the adapter never hands docling
a path from which it would fetch one. Without docling's layout model on disk, PDFs go through its
text-only pipeline, which these tests expect.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
pytest.importorskip("docling", reason="docling is not installed (the docling extra; run `nox -s docling`)")

import docx

from resumax_adapters.parsing import docling_parser
from resumax_adapters.parsing.docling_parser import LAYOUT_UNAVAILABLE, DoclingDocumentParser
from resumax_core.entities import SectionKind
from resumax_core.errors import DocumentError, ParseLimitExceeded
from resumax_core.ports.document_parser import EXTENSION_MEDIA_TYPES
from tests.conftest import CORPUS_DIR
from tests.contract import test_document_parser as contract
from tests.hostile import docx_files, pdf_files

DOCX = contract.DOCX
PDF = contract.PDF

# docling's standard PDF pipeline reads its own deprecated ``generate_table_images`` option while it starts
# (whenever a layout model folder is found); nothing of ours is deprecated.
pytestmark = pytest.mark.filterwarnings(
    "ignore:This field is deprecated. Use `generate_page_images=True`:DeprecationWarning"
)

# The DocumentParser contract runs over this adapter in tests/contract/test_document_parser.py.


# -- docling's own behaviour ------------------------------------------------------------------------------


async def test_pdf_without_layout_model_uses_text_only_pipeline_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(docling_parser, "_local_model", lambda *args: None)
    async with DoclingDocumentParser() as parser:
        document = await parser.parse(contract.resume_pdf(), PDF)
        assert parser.pdf_pipeline == "native"
    assert LAYOUT_UNAVAILABLE in document.warnings
    assert [section.kind for section in document.sections] == contract.KINDS


async def test_unloadable_layout_model_falls_back_without_downloading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A layout model folder that is there but unreadable: docling fails to load it, and the parser reads
    the PDF without it instead of fetching a fresh copy."""
    from docling.models.utils import hf_model_download

    def refuse(*args: object, **kwargs: object) -> Path:
        raise AssertionError("docling tried to download a model")

    monkeypatch.setattr(hf_model_download, "download_hf_model", refuse)
    monkeypatch.setattr(hf_model_download.HuggingFaceModelDownloadMixin, "download_models", refuse)
    (tmp_path / "docling-project--docling-layout-heron").mkdir()
    async with DoclingDocumentParser(artifacts_path=tmp_path) as parser:
        document = await parser.parse(contract.resume_pdf(), PDF)
        assert parser.pdf_pipeline == "native"
    assert LAYOUT_UNAVAILABLE in document.warnings
    assert document.contact.email == "jane.roe@example.com"


async def test_docx_items_become_lines_in_order() -> None:
    """Headers first and footers last (page numbers dropped), headings, bullets and a layout table read
    cell by cell."""
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Jane Roe | jane.roe@example.com"
    word.sections[0].footer.paragraphs[0].text = "Page 1"
    word.add_heading("Experience", level=1)
    layout = word.add_table(rows=1, cols=2)
    left, right = layout.cell(0, 0), layout.cell(0, 1)
    left.text = "Senior Engineer | Acme Corp | 2020 - 2023"
    left.add_paragraph("Cut cloud costs by 30%", style="List Bullet")
    right.text = "Engineer | Beta LLC | 2016 - 2019"
    right.add_paragraph("Built the billing service", style="List Bullet")
    buffer = io.BytesIO()
    word.save(buffer)
    async with DoclingDocumentParser() as parser:
        document = await parser.parse(buffer.getvalue(), DOCX)
    assert document.text.split("\n")[0] == "Jane Roe | jane.roe@example.com"
    assert "Page 1" not in document.text
    assert [(e.employer, e.bullets) for e in document.experience] == [
        ("Acme Corp", ("Cut cloud costs by 30%",)),
        ("Beta LLC", ("Built the billing service",)),
    ]


@pytest.mark.parametrize(
    ("make", "media_type", "code"),
    [
        (pdf_files.flate_bomb, PDF, "parse_limit_exceeded"),
        (pdf_files.text_bomb, PDF, "parse_limit_exceeded"),
        (pdf_files.encrypted, PDF, "encrypted_document"),
        (lambda: pdf_files.pages(21), PDF, "too_many_pages"),
        (docx_files.deeply_nested, DOCX, "unsafe_document"),
        (docx_files.billion_laughs, DOCX, "unsafe_document"),
    ],
    ids=["flate bomb", "text bomb", "encrypted", "21 pages", "XML nested too deep", "billion laughs"],
)
async def test_hostile_files_are_refused_before_docling_spends_memory(
    make: Callable[[], bytes], media_type: str, code: str
) -> None:
    async with DoclingDocumentParser() as parser:
        with pytest.raises(DocumentError) as caught:
            await parser.parse(make(), media_type)
    assert caught.value.code == code


async def test_time_limit() -> None:
    async with DoclingDocumentParser(timeout=1e-6) as parser:
        with pytest.raises(ParseLimitExceeded):
            await parser.parse(contract.resume_docx(), DOCX)


# -- the sample corpus ------------------------------------------------------------------------------------


def _corpus_files() -> list[str]:
    folder = CORPUS_DIR / "resumes"
    if not folder.is_dir():
        return []
    return sorted(path.name for path in folder.iterdir() if path.suffix in (".pdf", ".docx"))


@pytest.fixture(scope="module")
def corpus_parser() -> Iterator[DoclingDocumentParser]:
    parser = DoclingDocumentParser()
    yield parser
    parser.close()


@pytest.mark.corpus
@pytest.mark.parametrize("name", _corpus_files())
async def test_corpus_resume_has_contact_and_experience(
    corpus_parser: DoclingDocumentParser, corpus_dir: Path, name: str
) -> None:
    path = corpus_dir / "resumes" / name
    document = await corpus_parser.parse(path.read_bytes(), EXTENSION_MEDIA_TYPES[path.suffix])
    kinds = {section.kind for section in document.sections}
    assert {SectionKind.CONTACT, SectionKind.EXPERIENCE} <= kinds, [s.kind.value for s in document.sections]
    assert document.contact.email is not None
    assert document.experience
