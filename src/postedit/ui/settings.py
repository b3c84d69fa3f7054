"""QSettings adapter for `postedit.core.settings.Settings`.

The only place that knows QSettings keys. The window holds a `SettingsStore`,
reads `settings`, and hands back changed copies with `update()`; the store
writes them through at once (a crash keeps the last site and post) and says so
with `settings_changed`. Tests inject a QSettings on a temporary file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from postedit.core.settings import MAX_RECENT_SITES, Settings, WindowLayout

_LAST_SITE = "session/last_site"
_LAST_POST = "session/last_post"
_RECENT = "session/recent_sites"
_GEOMETRY = "window/geometry"
_COLUMNS = "window/columns"
_FORM_EDITOR = "window/form_editor"
_REMOTE = "preview/allow_remote_content"


def _path(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value else None


def _paths(value: object) -> tuple[Path, ...]:
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(Path(item) for item in value if isinstance(item, str) and item)


def _sizes(value: object) -> tuple[int, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return ()
    try:
        sizes = tuple(int(item) for item in value)
    except (TypeError, ValueError):
        return ()
    return sizes if all(size >= 0 for size in sizes) else ()


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


class SettingsStore(QObject):
    """Typed settings kept in a QSettings."""

    settings_changed = Signal(object)  # Settings

    def __init__(self, qsettings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qsettings = qsettings
        self._settings = self._read()

    @property
    def settings(self) -> Settings:
        return self._settings

    def update(self, settings: Settings) -> None:
        """Keep `settings` from now on, write them through and announce the change."""
        if settings == self._settings:
            return
        self._settings = settings
        self._write(settings)
        self.settings_changed.emit(settings)

    def _read(self) -> Settings:
        store = self._qsettings
        geometry = store.value(_GEOMETRY)
        return Settings(
            last_site=_path(store.value(_LAST_SITE)),
            last_post=_path(store.value(_LAST_POST)),
            recent_sites=_paths(store.value(_RECENT))[:MAX_RECENT_SITES],
            layout=WindowLayout(
                geometry=bytes(geometry.data()) if isinstance(geometry, QByteArray) else b"",
                columns=_sizes(store.value(_COLUMNS)),
                form_editor=_sizes(store.value(_FORM_EDITOR)),
            ),
            allow_remote_content=_bool(store.value(_REMOTE, False)),
        )

    def _write(self, settings: Settings) -> None:
        store = self._qsettings
        store.setValue(_LAST_SITE, str(settings.last_site or ""))
        store.setValue(_LAST_POST, str(settings.last_post or ""))
        store.setValue(_RECENT, [str(path) for path in settings.recent_sites])
        store.setValue(_GEOMETRY, QByteArray(settings.layout.geometry))
        store.setValue(_COLUMNS, [str(size) for size in settings.layout.columns])
        store.setValue(_FORM_EDITOR, [str(size) for size in settings.layout.form_editor])
        store.setValue(_REMOTE, settings.allow_remote_content)
        store.sync()
