"""`python -m assessor` is `assess`."""

from assessor.cli import main

main()
