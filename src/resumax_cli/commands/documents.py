"""``resumax parse``, ``resumax analyze-job`` and ``resumax optimize``: work on files, store nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from resumax_adapters import Resumax
from resumax_cli.exit_codes import ExitCode
from resumax_cli.render import describe_document, describe_job, describe_optimization, optimization_json
from resumax_cli.runtime import fail, print_json, read_input, run_async
from resumax_core.entities import ExportFormat
from resumax_core.errors import InvalidInput
from resumax_core.use_cases.documents import media_type_for
from resumax_core.use_cases.job_descriptions import job_text_from_file

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def parse(
    file: Annotated[str, typer.Argument(help="Resume file: PDF, DOCX, TXT or Markdown.", show_default=False)],
    json_output: JsonFlag = False,
) -> None:
    """Read a resume into sections and facts (contact, experience, education, skills...)."""

    async def work(app: Resumax) -> dict[str, Any]:
        name, data = read_input(file, what="Resume")
        document = await app.parse_document.execute(data, media_type_for(name))
        return document.to_dict()

    result = run_async(work)
    if json_output:
        print_json(result)
    else:
        typer.echo(describe_document(result))


def analyze_job(
    file: Annotated[
        str, typer.Argument(help="Job description file (TXT, Markdown, HTML, JSON) or - for stdin.")
    ],
    json_output: JsonFlag = False,
) -> None:
    """Analyse a job description: title, company, seniority, required and preferred skills."""

    async def work(app: Resumax) -> dict[str, Any]:
        name, data = read_input(file, what="Job description")
        analysis = await app.analyze_job.execute(job_text_from_file(name, data))
        return {
            "title": analysis.title,
            "company": analysis.company,
            "location": analysis.location,
            "seniority": analysis.seniority,
            "workplace_type": analysis.workplace_type,
            "employment_type": analysis.employment_type,
            "salary_range": analysis.salary_range,
            "min_years": analysis.min_years,
            "required_skills": list(analysis.required_skills),
            "preferred_skills": list(analysis.preferred_skills),
            "keywords": list(analysis.keywords),
        }

    result = run_async(work)
    if json_output:
        print_json(result)
    else:
        typer.echo(describe_job(result))


def _format(value: str) -> ExportFormat:
    try:
        return ExportFormat.parse(value)
    except ValueError:
        fail(f"unknown format {value!r}; use pdf, docx or txt", ExitCode.USAGE)


def optimize(
    resume: Annotated[
        str, typer.Argument(help="Resume file: PDF, DOCX, TXT or Markdown.", show_default=False)
    ],
    job: Annotated[
        str, typer.Argument(help="Job description file, or - to read it from stdin.", show_default=False)
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Where to write the tailored resume.", dir_okay=False)
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="pdf, docx or txt.")] = "pdf",
    template: Annotated[str | None, typer.Option(help="Export template: classic or modern.")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Tailor a resume to a job: score before and after, suggested changes, and the tailored file.

    Every change resuMAX makes is backed by the resume itself; nothing is invented.
    """
    export_format = _format(fmt)

    async def work(app: Resumax) -> tuple[Any, Path]:
        resume_name, resume_bytes = read_input(resume, what="Resume")
        job_name, job_bytes = read_input(job, what="Job description")
        if template is not None and template not in app.render_document.templates:
            raise InvalidInput(
                f"Unknown template {template!r}; choose from {', '.join(app.render_document.templates)}."
            )
        target = out or Path(f"{Path(resume_name).stem}-tailored.{export_format.extension}")
        optimized = await app.optimize_file.execute(
            resume_bytes,
            media_type_for(resume_name),
            job_text_from_file(job_name, job_bytes),
            fmt=export_format,
            template=template,
        )
        assert optimized.export is not None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(optimized.export.data)
        except OSError as exc:
            raise InvalidInput(f"Cannot write {str(target)!r}: {exc.strerror or exc}.") from exc
        return optimized, target

    optimized, target = run_async(work)
    payload = optimization_json(optimized, target)
    if json_output:
        print_json(payload)
    else:
        typer.echo(describe_optimization(payload))
    if optimized.export is not None and not optimized.export.check.passed:
        typer.echo(f"warning: {optimized.export.check.label}", err=True)
        raise typer.Exit(int(ExitCode.CHECK_FAILED))
