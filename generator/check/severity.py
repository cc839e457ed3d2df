"""How serious a diagnostic is."""

from __future__ import annotations

import enum


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """Chinese label shown to editors."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]
