"""kcroster — workforce-management planner for Dutch contact centres.

Layers (docs/design.md §2), each importing only downwards: ``model`` → ``staffing`` → ``rules`` →
``solver`` → ``io`` → ``pipeline``/``cli`` → ``gui``. Only ``gui`` imports Qt.
"""

__version__ = "0.1.0"
