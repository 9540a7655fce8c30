"""Job description analysis on hand-written descriptions (the corpus has its own labelled test)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from resumax_core.analysis.job import (
    PartKind,
    analyze_job,
    analyze_job_cached,
    job_sections,
    job_text_from_json,
    sanitize_job_text,
    skill_alternatives,
)
from resumax_core.analysis.taxonomy import TAXONOMY_VERSION

STRUCTURED = """Senior Data Engineer - Acme Analytics
Denver, CO | Hybrid
Full-time

About Acme Analytics:
We are the leading analytics company, trusted by Python and Kubernetes teams everywhere.

Responsibilities:
- Build and maintain batch and streaming data pipelines
- Work with analysts on dashboards in Looker

Requirements:
- 5+ years of data engineering experience
- Strong SQL and Python; experience with Airflow or dbt
- Experience with AWS (S3, Redshift) or GCP
- Bachelor's degree in Computer Science or a related field

Nice to have:
- Experience with Kafka and Spark
- Terraform is a plus
- AWS Certified Solutions Architect

Benefits:
- Health, dental and vision insurance; 401(k) with match
- Free Snowflake and Tableau training budget

Acme Analytics is an equal opportunity employer. We welcome applications regardless of race or gender.
"""


def test_title_company_location_and_workplace() -> None:
    job = analyze_job(STRUCTURED)
    assert job.title == "Senior Data Engineer"
    assert job.company == "Acme Analytics"
    assert job.location == "Denver, CO"
    assert job.workplace_type == "hybrid"
    assert job.employment_type == "full-time"
    assert job.seniority == "senior"
    assert job.min_years == 5
    assert job.taxonomy_version == TAXONOMY_VERSION


def test_required_and_preferred_skills_come_from_their_headings() -> None:
    job = analyze_job(STRUCTURED)
    assert {
        "SQL",
        "Python",
        "Apache Airflow",
        "dbt",
        "AWS",
        "Amazon S3",
        "Amazon Redshift",
        "Google Cloud Platform",
        "Data Engineering",
    } <= set(job.required_skills)
    assert {"Apache Kafka", "Apache Spark", "Terraform", "Data Pipelines", "Looker"} <= set(
        job.preferred_skills
    )
    assert not set(job.required_skills) & set(job.preferred_skills)


def test_boilerplate_never_yields_skills() -> None:
    job = analyze_job(STRUCTURED)
    every = set(job.required_skills) | set(job.preferred_skills)
    assert "Kubernetes" not in every  # only in the "About" marketing paragraph
    assert "Snowflake" not in every and "Tableau" not in every  # only under Benefits
    cleaned = sanitize_job_text(STRUCTURED)
    assert "401(k)" not in cleaned and "equal opportunity" not in cleaned.lower()
    assert "leading analytics company" not in cleaned


def test_degree_fields_are_education_not_skills_and_credentials_are_certifications() -> None:
    job = analyze_job(STRUCTURED)
    assert job.education == ("Bachelor's degree in Computer Science or a related field",)
    assert "AWS Certified Solutions Architect" in job.certifications
    assert "AWS Certified Solutions Architect" not in job.preferred_skills


def test_a_skill_named_both_ways_is_required() -> None:
    text = "Engineer\n\nRequirements:\n- Python\n\nPreferred:\n- Python and Go programming\n"
    job = analyze_job(text)
    assert "Python" in job.required_skills
    assert "Python" not in job.preferred_skills
    assert "Go" in job.preferred_skills


def test_inline_preferred_cue_inside_requirements() -> None:
    text = "Analyst\n\nQualifications:\n- Excel expertise\n- Tableau experience preferred\n"
    job = analyze_job(text)
    assert "Microsoft Excel" in job.required_skills
    assert "Tableau" in job.preferred_skills


def test_paragraph_description_without_headings_is_all_required() -> None:
    text = (
        "We are looking for a Registered Nurse to join our cardiac unit. You will provide patient care,\n"
        "administer medications and maintain electronic health records in Epic. BLS certification required."
    )
    job = analyze_job(text)
    assert job.title == "Registered Nurse"
    assert {"Patient Care", "Electronic Health Records", "Epic"} <= set(job.required_skills)
    assert "Basic Life Support (BLS)" in job.certifications
    assert job.preferred_skills == ()


def test_html_and_markdown_are_cleaned() -> None:
    html = (
        "<h1>Frontend Developer</h1><p>Remote &amp; flexible</p><h2>Requirements</h2>"
        "<ul><li><strong>React</strong> &amp; TypeScript</li><li>3+ years with CSS</li></ul>"
        "<h2>Perks</h2><ul><li>Free Figma licences</li></ul>"
    )
    cleaned = sanitize_job_text(html)
    assert "<" not in cleaned and "&amp;" not in cleaned
    assert "- React & TypeScript" in cleaned
    job = analyze_job(html)
    assert {"React", "TypeScript", "CSS"} <= set(job.required_skills)
    assert "Figma" not in job.preferred_skills + job.required_skills
    assert job.min_years == 3

    markdown = "# Product Designer\n\n**What you'll do**\n\n* Run *usability testing*\n\n"
    markdown += "**Who you are**\n\n• Figma expert\n"
    assert "Figma" in analyze_job(markdown).required_skills
    assert "- Figma expert" in sanitize_job_text(markdown)


def test_sections_are_classified() -> None:
    kinds = {s.heading: s.kind for s in job_sections(STRUCTURED)}
    assert kinds["Requirements"] is PartKind.REQUIRED
    assert kinds["Nice to have"] is PartKind.PREFERRED
    assert kinds["Responsibilities"] is PartKind.RESPONSIBILITIES
    assert kinds["Benefits"] is PartKind.BOILERPLATE
    assert kinds["About Acme Analytics"] is PartKind.BOILERPLATE


def test_salary_range_and_seniority_levels() -> None:
    assert (
        analyze_job("Staff Engineer\nSalary range: $180,000 - $220,000\n").salary_range
        == "$180,000 - $220,000"
    )
    assert analyze_job("Junior QA Tester\n\nRequirements:\n- SQL\n").seniority == "junior"
    assert analyze_job("Engineering Manager\n\nRequirements:\n- SQL\n").seniority == "manager"
    assert analyze_job("Marketing Intern\n").seniority == "intern"
    assert analyze_job("Director of Sales\n").seniority == "director"
    assert analyze_job("Data Analyst\n\nRequirements:\n- 6+ years with SQL\n").seniority == "senior"


def test_alternatives_are_grouped() -> None:
    assert skill_alternatives("Experience with Kubernetes or ECS") == (("Kubernetes", "Amazon ECS"),)
    assert skill_alternatives("cloud platforms (AWS, GCP, or Azure)") == (
        ("AWS", "Google Cloud Platform", "Azure"),
    )
    assert skill_alternatives("Visio, Lucidchart, or similar tools") == (("Microsoft Visio", "Lucidchart"),)
    assert skill_alternatives("Python and SQL") == ()
    assert skill_alternatives("Python, SQL, Docker") == ()


def test_json_job_is_flattened() -> None:
    data = {
        "title": "Web Developer",
        "company": "Initech",
        "type": "Contract",
        "location": {"city": "Austin", "region": "TX", "countryCode": "US"},
        "remote": "Full",
        "qualifications": ["3+ years of experience in web development", "Strong JavaScript"],
        "skills": [{"name": "Databases", "keywords": ["PostgreSQL", "Redis"]}],
    }
    text = job_text_from_json(data)
    job = analyze_job(text)
    assert (job.title, job.company, job.employment_type, job.min_years) == (
        "Web Developer",
        "Initech",
        "contract",
        3,
    )
    assert {"JavaScript", "PostgreSQL", "Redis"} <= set(job.required_skills)


def test_analysis_is_cached_per_text() -> None:
    assert analyze_job_cached is analyze_job
    assert analyze_job(STRUCTURED) is analyze_job(STRUCTURED)


def test_requirements_carry_their_skills_and_flag() -> None:
    job = analyze_job(STRUCTURED)
    airflow = next(r for r in job.requirements if "Airflow" in r.text)
    assert airflow.required and {"SQL", "Python", "Apache Airflow", "dbt"} <= set(airflow.skills)
    kafka = next(r for r in job.requirements if "Kafka" in r.text)
    assert not kafka.required


@given(st.text(max_size=400))
def test_analysis_never_fails(text: str) -> None:
    job = analyze_job(text)
    assert set(job.required_skills).isdisjoint(job.preferred_skills)


ACCOUNTANT = """Staff Accountant
Bluewave Logistics — Tampa, FL (On-site)

What you'll do
• Prepare journal entries and account reconciliations during month-end close
• Process accounts payable and accounts receivable

What we're looking for
• Bachelor's degree in Accounting or Finance
• 2+ years of accounting experience; knowledge of GAAP
• Advanced Excel (pivot tables, VLOOKUP); QuickBooks or NetSuite
• CPA or CPA-track preferred

Perks
• Hybrid Fridays, 401(k), tuition reimbursement for CPA exam
"""

TEACHER = """High School Math Teacher (Grades 9-12)
Lincoln Unified School District

Responsibilities:
- Plan lessons aligned to state standards and deliver classroom instruction
- Use Google Classroom and Canvas to assign and grade work

Minimum Qualifications:
- Valid state teaching credential in Mathematics
- Experience with classroom management
- Excellent communication with parents and colleagues

Desired:
- Bilingual in Spanish
"""

TECHNICIAN = """HVAC Service Technician
CoolAir Mechanical | Phoenix, AZ | Full-time

Requirements
- 3+ years troubleshooting residential and commercial HVAC systems
- EPA 608 certification required
- Ability to read blueprints and wiring schematics
- Valid driver's license; OSHA 10 a plus

We offer competitive pay, paid time off and a company truck.
"""


def test_accounting_posting_header_and_skills() -> None:
    job = analyze_job(ACCOUNTANT)
    assert (job.title, job.company, job.location, job.workplace_type) == (
        "Staff Accountant",
        "Bluewave Logistics",
        "Tampa, FL",
        "on-site",
    )
    assert (
        job.seniority == "junior" and job.min_years == 2
    )  # "Staff Accountant" is not a staff-level engineer
    assert {
        "Account Reconciliation",
        "Month-End Close",
        "GAAP",
        "Pivot Tables",
        "QuickBooks",
        "NetSuite",
        "Accounts Payable",
        "Accounting",
    } <= set(job.required_skills)
    assert "Logistics" not in job.required_skills  # part of the company name
    assert job.certifications == ("CPA",)


def test_teaching_posting() -> None:
    job = analyze_job(TEACHER)
    assert job.company == "Lincoln Unified School District"
    assert job.education == ()  # "High School" in the title is not a diploma requirement
    assert {"Classroom Management", "Communication"} <= set(job.required_skills)
    assert {"Lesson Planning", "Learning Management Systems", "Spanish"} <= set(job.preferred_skills)
    assert "Teaching License" in job.certifications


def test_trades_posting() -> None:
    job = analyze_job(TECHNICIAN)
    assert (job.company, job.location, job.employment_type, job.min_years) == (
        "CoolAir Mechanical",
        "Phoenix, AZ",
        "full-time",
        3,
    )
    assert {"HVAC", "Troubleshooting", "Blueprint Reading"} <= set(job.required_skills)
    assert {"EPA 608 Certification", "Driver's License", "OSHA 10"} <= set(job.certifications)
