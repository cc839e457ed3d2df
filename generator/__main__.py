"""``python -m generator``: the same as the ``gkml`` command."""

import sys

try:
    from generator.commands.main import main
except KeyboardInterrupt:  # Ctrl-C before main() could answer it: the same one line
    print("已中断（Ctrl-C）。", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
