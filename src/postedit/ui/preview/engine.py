"""QtWebEngine's process-wide switches for the preview, set in this one place.

The preview shows one local page of text and images: GPU compositing buys it
nothing, while the GPU thread and its buffers cost the app ~50 MB. Chromium reads
its flags once, when the first web profile is created, so the pane applies them
just before it makes its profile. Nothing here touches the sandbox or site isolation.
"""

from __future__ import annotations

import os

FLAGS_VARIABLE = "QTWEBENGINE_CHROMIUM_FLAGS"
PREVIEW_FLAGS = ("--disable-gpu",)


def apply_preview_flags() -> None:
    """Add the preview's Chromium flags to the environment (kept: flags already set)."""
    present = os.environ.get(FLAGS_VARIABLE, "").split()
    missing = [flag for flag in PREVIEW_FLAGS if flag not in present]
    if missing:
        os.environ[FLAGS_VARIABLE] = " ".join([*present, *missing])
