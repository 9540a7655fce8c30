"""Section detection: headings in many phrasings and looks, block kinds, joined wrapped lines."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumax_core.analysis.sections import build_sections, heading_kind
from resumax_core.analysis.text import clean_line
from resumax_core.entities import BlockKind, SectionKind, TextLine


def text_lines(text: str) -> list[TextLine]:
    """Lines as the plain-text parser gives them: bullets marked, blank lines as gaps."""
    lines: list[TextLine] = []
    gap = 0.0
    for raw in text.strip("\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            gap = 1.0
            continue
        bullet = stripped.startswith(("- ", "• "))
        lines.append(TextLine(stripped[2:] if bullet else stripped, bullet=bullet, gap_before=gap))
        gap = 0.0
    return lines


def kinds(text: str) -> list[tuple[str, str]]:
    return [(section.kind.value, section.heading) for section in build_sections(text_lines(text))]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Work Experience", SectionKind.EXPERIENCE),
        ("PROFESSIONAL EXPERIENCE", SectionKind.EXPERIENCE),
        ("Employment History", SectionKind.EXPERIENCE),
        ("Research Experience", SectionKind.EXPERIENCE),
        ("Education", SectionKind.EDUCATION),
        ("Education & Training", SectionKind.EDUCATION),
        ("Technical Skills", SectionKind.SKILLS),
        ("Core Competencies", SectionKind.SKILLS),
        ("Skills:", SectionKind.SKILLS),
        ("Certifications", SectionKind.CERTIFICATIONS),
        ("Licenses & Certifications", SectionKind.CERTIFICATIONS),
        ("Selected Projects", SectionKind.PROJECTS),
        ("Languages", SectionKind.LANGUAGES),
        ("Summary", SectionKind.SUMMARY),
        ("Profile", SectionKind.SUMMARY),
        ("Career Objective", SectionKind.SUMMARY),
        ("About Me", SectionKind.SUMMARY),
        ("Contact Information", SectionKind.CONTACT),
        ("Publications & Presentations", SectionKind.OTHER),
        ("Volunteer Experience", SectionKind.OTHER),
    ],
)
def test_heading_kind_knows_many_phrasings(heading: str, kind: SectionKind) -> None:
    found = heading_kind(heading)
    assert found is not None
    assert found[0] is kind


@pytest.mark.parametrize(
    "text", ["Senior Software Engineer", "Led a team of five", "Python, Java", "2019 - 2021"]
)
def test_heading_kind_rejects_content(text: str) -> None:
    assert heading_kind(text) is None


def test_plain_text_resume_sections_in_order() -> None:
    resume = """
JANE ROE
jane@example.com | (555) 010-2030

SUMMARY
Engineer who ships.

WORK EXPERIENCE
Senior Engineer | Acme Corp | Jan 2020 - Present
- Built the billing system
- Cut costs by 30%

EDUCATION
BSc Computer Science | State University | 2015 - 2019

TECHNICAL SKILLS
Languages: Python, Go

VOLUNTEERING
Food bank driver

AWARDS AND PRIZES
Best paper 2020
"""
    assert kinds(resume) == [
        ("contact", ""),
        ("summary", "SUMMARY"),
        ("experience", "WORK EXPERIENCE"),
        ("education", "EDUCATION"),
        ("skills", "TECHNICAL SKILLS"),
        ("other", "VOLUNTEERING"),
        ("other", "AWARDS AND PRIZES"),
    ]


def test_name_at_the_top_is_contact_not_a_heading() -> None:
    sections = build_sections(text_lines("JOHN DOE\nSOFTWARE ENGINEER\n\nEXPERIENCE\nDev | X | 2020 - 2021"))
    assert sections[0].kind is SectionKind.CONTACT
    assert sections[0].heading == ""
    assert [b.text for b in sections[0].blocks] == ["JOHN DOE", "SOFTWARE ENGINEER"]


def test_block_kinds_in_experience() -> None:
    resume = (
        "EXPERIENCE\nAcme Corp\nSenior Engineer, 2021 - Present\n- Built APIs\nDeveloped the billing system."
    )
    sections = build_sections(text_lines(resume))
    experience = sections[0]
    assert [(b.kind, b.text) for b in experience.blocks] == [
        (BlockKind.ENTRY, "Acme Corp"),
        (BlockKind.ENTRY, "Senior Engineer, 2021 - Present"),
        (BlockKind.BULLET, "Built APIs"),
        (BlockKind.TEXT, "Developed the billing system."),
    ]


def pdf_line(
    text: str,
    *,
    size: float = 10.0,
    bold: bool = False,
    bullet: bool = False,
    gap: float = 0.3,
    x: float = 72.0,
) -> TextLine:
    return TextLine(text, size=size, bold=bold, bullet=bullet, gap_before=gap, x=x)


def test_wrapped_pdf_lines_join_into_their_bullet_or_paragraph() -> None:
    lines = [
        pdf_line("Jane Roe", size=20, bold=True, gap=0),
        pdf_line("Experience", size=14, bold=True, gap=1.5),
        pdf_line("Engineer, Acme, 2019 - 2021", bold=True, gap=0.8),
        pdf_line(
            "Participated in the complete software development life cycle from requirement to deploy-",
            bullet=True,
            gap=0.6,
            x=90,
        ),
        pdf_line("ment", x=90, gap=0.15),
        pdf_line(
            "Used Angular for developing dynamic and responsive web front-ends, improving user",
            bullet=True,
            gap=0.6,
            x=90,
        ),
        pdf_line("Experience by 30%", x=90, gap=0.15),
        pdf_line("Wrote tests", bullet=True, gap=0.6, x=90),
        pdf_line("Skills", size=14, bold=True, gap=1.5),
        pdf_line("Python, Go", gap=0.8),
    ]
    sections = build_sections(lines)
    assert [s.kind for s in sections] == [SectionKind.CONTACT, SectionKind.EXPERIENCE, SectionKind.SKILLS]
    blocks = sections[1].blocks
    assert [b.kind for b in blocks] == [BlockKind.ENTRY, BlockKind.BULLET, BlockKind.BULLET, BlockKind.BULLET]
    assert blocks[1].text.endswith("from requirement to deployment")
    assert blocks[2].text.endswith("improving user Experience by 30%")


def test_unknown_heading_with_the_look_of_known_ones_is_other() -> None:
    lines = [
        pdf_line("John Doe", size=24, bold=True, gap=0),
        pdf_line("Education", size=14, bold=True, gap=1.5),
        pdf_line("PhD, Princeton University, 2018 - 2023", gap=0.6),
        pdf_line("Selected Honors", size=14, bold=True, gap=1.5),
        pdf_line("Forbes 30 Under 30", bullet=True, gap=0.6),
        pdf_line("Skills", size=14, bold=True, gap=1.5),
        pdf_line("Technical Expertise", size=10, bold=True, gap=0.6),
        pdf_line("Python, CUDA", gap=0.3),
    ]
    assert [(s.kind, s.heading) for s in build_sections(lines)] == [
        (SectionKind.CONTACT, ""),
        (SectionKind.EDUCATION, "Education"),
        (SectionKind.OTHER, "Selected Honors"),
        (SectionKind.SKILLS, "Skills"),
    ]


def test_a_known_heading_with_another_look_is_content() -> None:
    lines = [
        pdf_line("JOHN DOE", size=20, bold=True, gap=0),
        pdf_line("SUMMARY", bold=True, gap=1.5),
        pdf_line("Banker.", gap=0.6),
        pdf_line("SKILLS", bold=True, gap=1.5),
        pdf_line("Technical Expertise", bold=True, gap=0.6),
        pdf_line("Architecture, Product Development", gap=0.3),
        pdf_line("CERTIFICATIONS", bold=True, gap=1.5),
        pdf_line("Series 7", bold=True, gap=0.6),
    ]
    sections = build_sections(lines)
    assert [s.heading for s in sections] == ["", "SUMMARY", "SKILLS", "CERTIFICATIONS"]
    assert sections[2].blocks[0].text == "Technical Expertise"


def test_word_heading_styles_mark_unknown_headings() -> None:
    lines = [
        TextLine("Jane Roe", style="Title", gap_before=1.0),
        TextLine("Experience", style="Heading 1", gap_before=1.0),
        TextLine("Engineer | Acme | 2020 - 2022", gap_before=1.0),
        TextLine("Hobbies and Pastimes", style="Heading 1", gap_before=1.0),
        TextLine("Chess", gap_before=1.0),
    ]
    assert [(s.kind, s.heading) for s in build_sections(lines)] == [
        (SectionKind.CONTACT, ""),
        (SectionKind.EXPERIENCE, "Experience"),
        (SectionKind.OTHER, "Hobbies and Pastimes"),
    ]


def test_confidence_is_between_zero_and_one_and_lower_for_guesses() -> None:
    sections = build_sections(
        text_lines("JOHN\nj@x.io\n\nEXPERIENCE\nDev | X | 2020 - 2021\n\nINTERESTS\nChess")
    )
    assert all(0.0 <= s.confidence <= 1.0 for s in sections)
    assert sections[1].confidence > 0.9


def test_no_lines_no_sections() -> None:
    assert build_sections([]) == ()
    assert build_sections([TextLine("   "), TextLine("")]) == ()


def _alnum(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


_line = st.builds(
    TextLine,
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    size=st.one_of(st.none(), st.floats(min_value=4, max_value=40)),
    bold=st.booleans(),
    bullet=st.booleans(),
    gap_before=st.floats(min_value=0, max_value=5),
    style=st.one_of(st.none(), st.sampled_from(["Heading 1", "Normal", "Title"])),
    x=st.floats(min_value=0, max_value=600),
)
_resume_words = st.sampled_from(
    [
        "Experience",
        "EDUCATION",
        "Skills",
        "Jan 2020 - Present",
        "Acme Corp",
        "Engineer",
        "built things",
        "-",
        ",",
    ]
)
_resume_line = st.builds(
    TextLine,
    text=st.lists(_resume_words, min_size=1, max_size=6).map(" ".join),
    size=st.sampled_from([None, 10.0, 14.0]),
    bold=st.booleans(),
    bullet=st.booleans(),
    gap_before=st.sampled_from([0.0, 0.3, 1.0]),
    x=st.sampled_from([0.0, 72.0, 90.0]),
)


@settings(max_examples=300)
@given(st.lists(st.one_of(_line, _resume_line), max_size=30))
def test_build_sections_never_loses_or_reorders_text(lines: list[TextLine]) -> None:
    sections = build_sections(lines)
    produced = "".join(s.heading + "".join(b.text for b in s.blocks) for s in sections)
    assert _alnum(produced) == _alnum("".join(clean_line(line.text) for line in lines))
    assert all(0.0 <= s.confidence <= 1.0 for s in sections)
    assert all(b.text for s in sections for b in s.blocks)


def test_a_bold_employer_line_is_an_entry_not_a_heading() -> None:
    lines = [
        TextLine("Jane Roe", size=11, gap_before=1.0),
        TextLine("jane@example.com", size=11, gap_before=1.0),
        TextLine("Experience", size=11, bold=True, gap_before=1.0),
        TextLine("Acme Corp", size=11, bold=True, gap_before=1.0),
        TextLine("Senior Engineer, 2019 - 2021", size=11, gap_before=1.0),
        TextLine("Built the billing system", size=11, bullet=True, gap_before=1.0),
        TextLine("Volunteering", size=11, bold=True, gap_before=1.0),
        TextLine("Food bank driver", size=11, gap_before=1.0),
    ]
    sections = build_sections(lines)
    assert [(s.kind, s.heading) for s in sections] == [
        (SectionKind.CONTACT, ""),
        (SectionKind.EXPERIENCE, "Experience"),
        (SectionKind.OTHER, "Volunteering"),
    ]
    assert [b.kind for b in sections[1].blocks] == [BlockKind.ENTRY, BlockKind.ENTRY, BlockKind.BULLET]


def test_contact_parts_further_down_fold_into_one_contact_section() -> None:
    sections = build_sections(
        text_lines("JANE ROE\n\nEXPERIENCE\nDev | Acme | 2020 - 2021\n\nLINKS\ngithub.com/janeroe")
    )
    assert [s.kind for s in sections] == [SectionKind.CONTACT, SectionKind.EXPERIENCE]
    assert [b.text for b in sections[0].blocks] == ["JANE ROE", "github.com/janeroe"]
