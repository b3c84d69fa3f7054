"""dmgbuild settings for postedit's disk image (packaging/macos/build_dmg.sh).

dmgbuild runs this file with `defines` set from its -D options: `app`, the path of
postedit.app, and `icon`, the volume icon (build/icons/postedit.icns). The window
shows the app on the left and a link to /Applications on the right: drag one onto
the other to install.
"""

import os.path

defines: dict[str, str] = globals().get("defines", {})

application = defines.get("app", "dist/postedit.app")
app_name = os.path.basename(application)

format = "UDZO"  # compressed, read-only; opens on every supported macOS
filesystem = "HFS+"
files = [application]
symlinks = {"Applications": "/Applications"}
hide_extensions = [app_name]

volume_icon = defines.get("icon", "")
if volume_icon and os.path.exists(volume_icon):
    icon = volume_icon

# The Finder window: plain, icons large, the app left and Applications right.
background = "builtin-arrow"
window_rect = ((200, 120), (600, 360))
default_view = "icon-view"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
icon_size = 128
text_size = 13
icon_locations = {
    app_name: (150, 170),
    "Applications": (450, 170),
}
