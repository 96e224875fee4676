"""``python -m dangvien``."""

import sys

from dangvien.cli import main

sys.exit(main())
