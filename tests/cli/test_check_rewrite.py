"""``resumax check-rewrite``: the truthfulness guard on one rewrite, as a user runs it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from resumax_cli.commands.check import check_rewrite
from resumax_cli.main import build_cli
from tests.cli.conftest import EXAMPLES

RESUME = str(EXAMPLES / "resume.txt")
Check = Callable[..., Result]
BEFORE = "Worked on caching with Redis to speed up reporting queries"


def _cli() -> typer.Typer:
    cli = build_cli()
    if "check-rewrite" not in {command.name for command in cli.registered_commands}:
        # until main.py registers the command
        cli.command("check-rewrite")(check_rewrite)
    return cli


@pytest.fixture
def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Check:
    monkeypatch.setenv("RESUMAX_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(_cli(), ["check-rewrite", *args])

    return run


def test_a_faithful_rewrite_passes(check: Check) -> None:
    result = check(
        RESUME, "--before", BEFORE, "--after", "Cached reporting queries with Redis to speed them up"
    )

    assert result.exit_code == 0, result.output
    assert "Passed" in result.stdout


def test_a_fabricated_rewrite_fails_with_each_violation(check: Check) -> None:
    after = "Led caching with Redis and Kafka at Google, cutting query latency by 60%"
    result = check(RESUME, "--before", BEFORE, "--after", after)

    assert result.exit_code == 5, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Failed: the rewrite adds 3 facts")
    assert any(line.startswith("- [employer] Google:") for line in lines)
    assert any(line.startswith("- [metric] 60%:") for line in lines)
    assert any(line.startswith("- [skill] Kafka:") and "Apache Kafka" in line for line in lines)


def test_json_lists_kind_text_and_reason(check: Check) -> None:
    fabricated = check(
        RESUME,
        "--before",
        BEFORE,
        "--after",
        "Built Redis caching at Acme Corp as Principal Engineer",
        "--json",
    )
    faithful = check(RESUME, "--before", BEFORE, "--after", "Built caching with Redis", "--json")

    assert fabricated.exit_code == 5, fabricated.output
    payload = json.loads(fabricated.stdout)
    assert set(payload) == {"violations", "passed"}
    assert payload["passed"] is False
    assert {(v["kind"], v["text"]) for v in payload["violations"]} == {
        ("employer", "Acme Corp"),
        ("title", "Principal Engineer"),
    }
    for violation in payload["violations"]:
        assert set(violation) == {"kind", "text", "reason"} and violation["reason"]
    assert faithful.exit_code == 0, faithful.output
    assert json.loads(faithful.stdout) == {"violations": [], "passed": True}


def test_facts_anywhere_on_the_resume_file_are_evidence(check: Check, tmp_path: Path) -> None:
    markdown = tmp_path / "resume.md"
    markdown.write_text(Path(RESUME).read_text().replace("SKILLS", "## SKILLS"))

    result = check(
        str(markdown),
        "--before",
        BEFORE,
        "--after",
        "Cached reporting queries with Redis and Docker at Northwind Logistics",
    )

    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "does not exist"),
        ("resume.json", b'{"basics": {}}', "not supported"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj garbage\n", "damaged"),
        ("empty.txt", b"   \n", "empty"),
    ],
)
def test_a_bad_resume_is_one_clear_line_and_exit_3(
    check: Check, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    result = check(str(path), "--before", BEFORE, "--after", "Built caching with Redis")

    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    error_lines = result.stderr.strip().splitlines()
    assert len(error_lines) == 1 and error_lines[0].startswith("error: ") and message in error_lines[0]


def test_help_documents_the_exit_codes(check: Check) -> None:
    result = check("--help")

    assert result.exit_code == 0
    assert "5 when it has violations" in " ".join(result.stdout.split())
