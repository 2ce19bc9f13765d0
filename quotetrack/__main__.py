"""``python -m quotetrack``."""

from .cli import main

main()
