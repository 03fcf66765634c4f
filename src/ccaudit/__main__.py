"""`python -m ccaudit` runs the command-line interface."""

from ccaudit.cli import main

if __name__ == "__main__":
    main()
