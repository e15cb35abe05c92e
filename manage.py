#!/usr/bin/env python
"""Django's manage.py, for habit; ``commonground`` (see src/commonground/__main__.py) is the same."""

from commonground.__main__ import main

if __name__ == "__main__":
    main()
