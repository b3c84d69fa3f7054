"""Where the previewed post sits in its site: its path, language and bundle files.

`.Page` needs these to answer like Hugo: the language comes from the file name
(`post.nl.md`) or a language's content folder, other languages publish below
`/<lang>/`, and a leaf bundle's files are its resources.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from postedit.core.site import Site
from postedit.render.shortcodes import urls
from postedit.render.shortcodes.context import PageContext
from postedit.render.shortcodes.resources import Resource, ResourceList
from postedit.render.shortcodes.site_context import HomePage, LanguageInfo, SiteContext
from postedit.render.shortcodes.values import lower_keys


def content_relative(site: Site | None, path: Path | None) -> str | None:
    """The post's path below its content folder (posix), if it is in one."""
    if site is None or path is None:
        return None
    resolved = Path(path).resolve()
    for folder in site.content_dirs:
        try:
            return resolved.relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
    return None


def language_settings(site: Site | None, lang: str) -> Mapping[str, Any]:
    """The `languages.<lang>` table of the site config ({} when absent)."""
    settings = site.languages.get(lang) if site is not None else None
    return settings if isinstance(settings, Mapping) else {}


def table(mapping: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = mapping.get(key)
    return value if isinstance(value, Mapping) else {}


def page_language(
    site: Site | None, relative: str | None, path: Path | None
) -> tuple[LanguageInfo, str | None, str]:
    """The post's language, its path for URLs (language suffix dropped), its URL prefix.

    A post is in the language its file name says (`post.nl.md`) or its language's
    `contentDir` holds; otherwise in the default language. Other languages than the
    default are published below `/<lang>/` (all of them with
    `defaultContentLanguageInSubdir`).
    """
    if site is None:
        return LanguageInfo("en", ""), relative, ""
    default = str(site.config.get("defaultcontentlanguage") or "en").lower()
    lang = default
    if relative is not None:
        name = relative.rsplit("/", 1)[-1]
        parts = name.split(".")
        if len(parts) >= 3 and parts[-2].lower() in site.languages:
            lang = parts[-2].lower()
            relative = relative[: -len(name)] + ".".join(parts[:-2] + parts[-1:])
        elif path is not None:
            for key, settings in site.languages.items():
                folder = settings.get("contentdir") if isinstance(settings, Mapping) else None
                if folder and Path(path).resolve().is_relative_to((site.root / folder).resolve()):
                    lang = str(key).lower()
    settings = language_settings(site, lang)
    code = str(settings.get("locale") or settings.get("languagecode") or "")
    if not code:
        code = site.language_code if lang == default else lang
    name = str(settings.get("languagename") or "")
    in_subdir = lang != default or site.config.get("defaultcontentlanguageinsubdir") is True
    return LanguageInfo(lang, code, name), relative, f"/{lang}" if in_subdir else ""


def bundle_resources(site: Site | None, path: Path | None, rel_permalink: str) -> ResourceList:
    """The files of the post's bundle (none for a single-file post).

    A leaf bundle (`index.md`) owns every file below its folder; a branch bundle
    (`_index.md`) only the non-page files beside it, as in Hugo.
    """
    if site is None or path is None or Path(path).stem not in ("index", "_index"):
        return ResourceList([])
    index = Path(path)
    folder = index.parent
    branch = index.stem == "_index"
    try:
        found = folder.glob("*") if branch else folder.rglob("*")
        files = sorted(p for p in found if p.is_file() and p != index)
    except OSError:
        files = []
    items: list[Resource] = []
    root = site.root.resolve()
    for file in files:
        name = file.relative_to(folder).as_posix()
        if name.startswith(".") or "/." in name:
            continue
        if not file.resolve().is_relative_to(root):
            continue  # a link out of the site: templates may not read what it points at
        if branch and site.is_content_file(file):
            continue  # a page of the section, not a resource
        rel = rel_permalink.rstrip("/") + "/" + name
        items.append(Resource(file, name, rel, urls.absolute(site.base_url, rel)))
    return ResourceList(items)


def page_context(
    site: Site | None,
    path: Path | None,
    front_matter: Mapping[str, Any],
    *,
    render_string: Callable[[str, Mapping[str, Any]], str],
    page_lookup: Callable[[str], PageContext | None] | None = None,
) -> PageContext:
    """`.Page` (and through it `.Site`) for the post at `path` with `front_matter`."""
    base_url = site.base_url if site is not None and site.base_url else "/"
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    relative = content_relative(site, path)
    language, url_relative, lang_prefix = page_language(site, relative, path)
    rel_permalink = (
        urls.rel_permalink(
            url_relative,
            front_matter,
            base_url=base_url.rstrip("/") + lang_prefix + "/",
            permalinks=site.permalinks if site else None,
        )
        if url_relative
        else "/"
    )
    settings = language_settings(site, language.Lang)
    site_params = {**(site.params if site else {}), **table(settings, "params")}
    home = urls.base_path(base_url) + "/"
    site_context = SiteContext(
        Title=str(settings.get("title") or (site.title if site else "")),
        BaseURL=base_url,
        Params=lower_keys(site_params),
        Language=language,
        Copyright=str(site.config.get("copyright") or "") if site else "",
        root=site.root if site else None,
        data_dirs=(
            (site.root / "data", *(theme / "data" for theme in site.theme_dirs)) if site else ()
        ),
        Home=HomePage(site.title if site else "", home, urls.absolute(base_url, home)),
        page_lookup=page_lookup,
    )
    return PageContext(
        site=site_context,
        front_matter=front_matter,
        relative=relative,
        path=path,
        rel_permalink=rel_permalink,
        resources=bundle_resources(site, path, rel_permalink),
        render_string=render_string,
    )
