"""``python -m generator``: the same as the ``gkml`` command."""

import sys

from generator.commands.main import main

sys.exit(main())
