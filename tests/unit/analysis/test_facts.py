"""Facts read from sections alone: contact, roles, schools, skills, certifications, languages, projects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from resumax_core.analysis.facts import build_document, extract_facts, is_location, is_title
from resumax_core.entities import Block, BlockKind, ParsedDocument, Section, SectionKind, TextLine

T, B, E = BlockKind.TEXT, BlockKind.BULLET, BlockKind.ENTRY


def section(kind: SectionKind, heading: str, *blocks: tuple[BlockKind, str]) -> Section:
    return Section(kind, heading, tuple(Block(k, text) for k, text in blocks))


def facts(*sections: Section) -> ParsedDocument:
    return extract_facts(sections, source_format="text", pages=1)


def test_contact_fields() -> None:
    doc = facts(
        section(
            SectionKind.CONTACT,
            "",
            (T, "JANE ROE"),
            (T, "Senior Data Engineer"),
            (T, "Seattle, WA | +1 (206) 555-0149 | jane.roe@example.com | linkedin.com/in/janeroe"),
        )
    )
    assert doc.contact.name == "JANE ROE"
    assert doc.contact.email == "jane.roe@example.com"
    assert doc.contact.phone == "+1 (206) 555-0149"
    assert doc.contact.location == "Seattle, WA"
    assert doc.contact.links == ("linkedin.com/in/janeroe",)


def test_contact_with_labelled_fields_and_no_name_line() -> None:
    doc = facts(
        section(
            SectionKind.CONTACT,
            "",
            (T, "Email: a@b.co"),
            (T, "Phone: 555-010-2030"),
            (T, "Location: Denver, Colorado"),
        )
    )
    assert (doc.contact.name, doc.contact.email, doc.contact.phone, doc.contact.location) == (
        None,
        "a@b.co",
        "555-010-2030",
        "Denver, Colorado",
    )


def test_a_date_range_is_not_a_phone_number() -> None:
    doc = facts(section(SectionKind.CONTACT, "", (T, "Jo Smith"), (T, "2019 - 2021 | 20190101")))
    assert doc.contact.phone is None


def test_roles_with_pipes_commas_and_separate_lines() -> None:
    doc = facts(
        section(
            SectionKind.EXPERIENCE,
            "Experience",
            (E, "Senior Software Engineer | TechCorp Inc. | San Francisco, CA | Jan 2022 - Present"),
            (B, "Led development of microservices"),
            (E, "Full Stack Java Developer, ABC Company, Inc., Anywhere, USA, June 2018 - May 2021"),
            (B, "Developed applications"),
            (E, "Creative Solutions Inc."),
            (E, "Senior Web Developer"),
            (E, "San Jose, CA"),
            (E, "January 2016 to December 2018"),
            (T, "Spearheaded the redesign."),
            (T, "https://creativesolutions.inc/"),
        )
    )
    assert [(e.employer, e.title, e.location, e.start, e.end) for e in doc.experience] == [
        ("TechCorp Inc.", "Senior Software Engineer", "San Francisco, CA", "2022-01", "present"),
        ("ABC Company, Inc.", "Full Stack Java Developer", "Anywhere, USA", "2018-06", "2021-05"),
        ("Creative Solutions Inc.", "Senior Web Developer", "San Jose, CA", "2016-01", "2018-12"),
    ]
    assert doc.experience[0].bullets == ("Led development of microservices",)
    assert doc.experience[2].bullets == ("Spearheaded the redesign.",)


def test_two_roles_at_one_employer_stay_two_entries() -> None:
    doc = facts(
        section(
            SectionKind.EXPERIENCE,
            "Experience",
            (E, "Google"),
            (E, "Senior Engineer, 2020 - Present"),
            (B, "Led search ranking"),
            (E, "Software Engineer, 2017 - 2020"),
            (B, "Built indexing"),
            (E, "Harrison Money Management, New Orleans, LA, Accountant"),
            (E, "Aug. 2020 – Oct. 2021"),
            (B, "Prepared tax returns"),
            (E, "Harrison Money Management, New Orleans, LA, Junior Accountant"),
            (E, "May 2019 – Aug. 2020"),
            (B, "Maintained accounts"),
        )
    )
    assert [(e.employer, e.title, e.start, e.end) for e in doc.experience] == [
        ("Google", "Senior Engineer", "2020", "present"),
        ("Google", "Software Engineer", "2017", "2020"),
        ("Harrison Money Management", "Accountant", "2020-08", "2021-10"),
        ("Harrison Money Management", "Junior Accountant", "2019-05", "2020-08"),
    ]


def test_education_entries() -> None:
    doc = facts(
        section(
            SectionKind.EDUCATION,
            "Education",
            (E, "2009 – 2012 | PhD in Computer Science, CalTech, Pasadena, USA"),
            (E, "Bachelor of Science in Computer Science, State University, Anywhere, USA, May 2016"),
            (E, "PhD Princeton University, Computer Science | Princeton, NJ"),
            (E, "Sept 2018 – May 2023"),
            (B, "Thesis: Efficient Search"),
            (E, "B.S."),
            (E, "Computer Science"),
            (E, "University of Georgia"),
            (E, "September 2013 - June 2017"),
        )
    )
    assert [(e.institution, e.degree, e.start, e.end) for e in doc.education] == [
        ("CalTech", "PhD in Computer Science", "2009", "2012"),
        ("State University", "Bachelor of Science in Computer Science", None, "2016-05"),
        ("Princeton University", "PhD, Computer Science", "2018-09", "2023-05"),
        ("University of Georgia", "B.S., Computer Science", "2013-09", "2017-06"),
    ]


def test_skills_drop_labels_levels_and_category_lines() -> None:
    doc = facts(
        section(
            SectionKind.SKILLS,
            "Skills",
            (T, "Cloud & Tooling: AWS (EC2, S3), Docker | Kubernetes; Terraform"),
            (T, "Web Frameworks"),
            (T, "Intermediate"),
            (T, "React.js, Angular, and Vue.js"),
            (B, "Git and GitHub"),
            (B, "CI/CD"),
            (B, "docker"),
        )
    )
    assert doc.skills == (
        "AWS (EC2, S3)",
        "Docker",
        "Kubernetes",
        "Terraform",
        "React.js",
        "Angular",
        "Vue.js",
        "Git and GitHub",
        "CI/CD",
    )


def test_certifications_languages_projects() -> None:
    doc = facts(
        section(
            SectionKind.CERTIFICATIONS, "Certifications", (B, "AWS Solutions Architect (2023)"), (B, "CKA")
        ),
        section(
            SectionKind.CERTIFICATIONS,
            "Licenses",
            (T, "Series 7 License"),
            (T, "FINRA"),
            (T, "Sep 2020"),
            (T, "Microsoft Technical Associate"),
            (T, "Aug 2019"),
        ),
        section(SectionKind.LANGUAGES, "Languages", (T, "English (Native), Spanish - B2, German")),
        section(
            SectionKind.PROJECTS,
            "Projects",
            (E, "E-Commerce Platform (2022)"),
            (B, "Built a shop"),
            (E, "Real-time Transit App | 2021"),
            (E, "Creator"),
            (B, "Won a hackathon"),
        ),
    )
    assert doc.certifications == (
        "AWS Solutions Architect (2023)",
        "CKA",
        "Series 7 License",
        "Microsoft Technical Associate",
    )
    assert doc.languages == ("English", "Spanish", "German")
    assert doc.projects == ("E-Commerce Platform", "Real-time Transit App")


def test_title_and_location_words() -> None:
    assert is_title("Co-Founder & CTO")
    assert is_title("Certified Public Accountant")
    assert not is_title("Gilmore Financial")
    assert is_location("Denver, Colorado")
    assert is_location("Istanbul, Türkiye")
    assert is_location("Remote")
    assert not is_location("Computer Science, Berkeley")


def test_facts_are_read_from_sections_alone() -> None:
    lines = [
        TextLine("JOHN DOE"),
        TextLine("john@example.com | (555) 123-4567"),
        TextLine("EXPERIENCE", gap_before=1.0),
        TextLine("Engineer | Acme | Jan 2020 - Present"),
        TextLine("Built billing", bullet=True),
        TextLine("SKILLS", gap_before=1.0),
        TextLine("Python, Go"),
    ]
    document = build_document(lines, source_format="text", pages=1, warnings=["w"])
    again = extract_facts(document.sections, source_format="text", pages=1, warnings=["w"])
    assert again == document
    restored = ParsedDocument.from_dict(document.to_dict())
    assert extract_facts(restored.sections, source_format="text", pages=1, warnings=["w"]) == document
    assert document.experience[0].start == "2020-01"


_block = st.builds(
    Block,
    kind=st.sampled_from(list(BlockKind)),
    text=st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80),
        st.sampled_from(
            [
                "Engineer | Acme, Inc. | Denver, CO | 2019 - 2021",
                "PhD, MIT, 2010",
                "a@b.co",
                "(555) 123-4567",
                "Skills: Python, (Go",
                "Sep 2020",
            ]
        ),
    ),
)
_section = st.builds(
    Section,
    kind=st.sampled_from(list(SectionKind)),
    heading=st.text(max_size=20),
    blocks=st.lists(_block, max_size=8).map(tuple),
)


@settings(max_examples=300)
@given(st.lists(_section, max_size=6))
def test_extract_facts_never_raises(sections: list[Section]) -> None:
    document = extract_facts(sections, source_format="pdf", pages=2)
    assert document.sections == tuple(sections)
    assert document.pages == 2
