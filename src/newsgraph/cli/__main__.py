"""``python -m newsgraph.cli``: the same as the ``newsgraph`` command."""

from newsgraph.cli.commands import main

main()
