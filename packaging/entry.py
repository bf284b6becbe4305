"""PyInstaller entry script: the frozen app starts here."""

import multiprocessing
import sys

from kcroster.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
