"""`python -m cli`: the command line without the installed script."""

from cli import main

main()
