"""``python -m resumax_cli``: the same as the ``resumax`` command."""

from resumax_cli.main import run

run()
