"""`python -m console` runs the dispatch-console command."""

import sys

from console.cli import main

sys.exit(main())
