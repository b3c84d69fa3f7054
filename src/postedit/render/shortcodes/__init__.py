"""Hugo shortcodes: the parser, Hugo's built-ins, the site's templates, placeholders.

- `parser`: `{{< >}}`/`{{% %}}` calls read as Hugo's page lexer reads them;
  `summary`: the `<!--more-->` divider the same lexer finds.
- `templates`: the site's and themes' shortcode and partial templates, and
  `available_shortcodes` for the editor's insert menu.
- `context` (`.` and `.Page`), `site_context` (`.Site`), `resources`
  (`.Page.Resources`, `resources.Get`; `imagesize` for `.Width`/`.Height`), `values`
  (front matter as Hugo's params maps and times), `pages` (a post's language, URL
  and bundle), `urls` (permalinks): what templates see.
- `host`: the site services templates call (Markdown, partials, files, i18n, refs);
  `filecache` keeps templates, data and translations until they change on disk.
- `builtins` (with `escape`): Hugo's own shortcodes; `problems`: what a failed call shows.

`render/content.py` puts them together in Hugo's order.
"""

from __future__ import annotations

from postedit.render.shortcodes.templates import ShortcodeInfo, available_shortcodes

__all__ = ["ShortcodeInfo", "available_shortcodes"]
