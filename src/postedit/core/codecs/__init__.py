"""Front-matter codecs: one per format, each editing text in place.

Every codec has the same small interface (`FrontMatterCodec`): `load` turns the
front-matter text into plain values, `edit` splices the changed values of a
`FrontMatter` into the original text and copies everything else through, and
`create` writes fresh front matter for a post that had none.
"""

from __future__ import annotations

from postedit.core.codecs.base import FrontMatterCodec, FrontMatterSyntaxError
from postedit.core.codecs.json_codec import JsonCodec
from postedit.core.codecs.toml_codec import TomlCodec
from postedit.core.codecs.yaml_codec import YamlCodec
from postedit.core.split import FrontMatterFormat

CODECS: dict[FrontMatterFormat, FrontMatterCodec] = {
    FrontMatterFormat.YAML: YamlCodec(),
    FrontMatterFormat.TOML: TomlCodec(),
    FrontMatterFormat.JSON: JsonCodec(),
}

__all__ = ["CODECS", "FrontMatterCodec", "FrontMatterSyntaxError"]
