"""``resumax check-rewrite``: the truthfulness guard on one rewrite, against a resume file."""

from __future__ import annotations

from typing import Annotated, Any

import typer

import resumax_core
from resumax_adapters import Resumax
from resumax_cli.exit_codes import ExitCode
from resumax_cli.runtime import print_json, read_input, run_async
from resumax_core.use_cases.documents import media_type_for


def describe_violations(violations: list[dict[str, str]]) -> str:
    if not violations:
        return "Passed: the rewrite adds nothing the resume does not support."
    count = len(violations)
    lines = [f"Failed: the rewrite adds {count} fact{'s' if count != 1 else ''} the resume does not support:"]
    lines.extend(f"- [{v['kind']}] {v['text']}: {v['reason']}" for v in violations)
    return "\n".join(lines)


def check_rewrite(
    resume: Annotated[
        str,
        typer.Argument(help="Resume file: PDF, DOCX, TXT or Markdown, or - for stdin.", show_default=False),
    ],
    before: Annotated[
        str, typer.Option("--before", help="The text as the resume has it.", show_default=False)
    ],
    after: Annotated[
        str, typer.Option("--after", help="The proposed rewrite of that text.", show_default=False)
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Check a rewrite against a resume: does AFTER add an employer, job title, institution, degree, date,
    metric, certification or skill that neither the resume nor BEFORE supports?

    Each violation is printed with its kind, the text at fault and the reason. With --json:
    {"violations": [{"kind", "text", "reason"}], "passed": bool}.

    Exit status: 0 when the rewrite passes, 5 when it has violations, 3 when the resume cannot be read.
    """

    async def work(app: Resumax) -> list[dict[str, str]]:
        name, data = read_input(resume, what="Resume")
        document = await app.parse_document.execute(data, media_type_for(name))
        return [
            {"kind": v.kind, "text": v.text, "reason": v.reason}
            for v in resumax_core.check_rewrite(document.text, before, after)
        ]

    violations = run_async(work)
    payload: dict[str, Any] = {"violations": violations, "passed": not violations}
    if json_output:
        print_json(payload)
    else:
        typer.echo(describe_violations(violations))
    if violations:
        raise typer.Exit(int(ExitCode.CHECK_FAILED))
