"""Namespaces and language codes of the interchange formats.

Stage: export. Imports ``errors`` only. The importers (``jpfr_accord.imports``)
read these constants too: they are data, not behaviour.

Language codes are ISO 639-1 (``ja``, ``fr``) everywhere in the toolkit; Akoma
Ntoso's ``FRBRlanguage`` wants ISO 639-2/T (``jpn``, ``fra``) and its
``FRBRcountry`` an ISO 3166-1 country. The conversions live here and nowhere
else (STYLE.md section 8).
"""

from __future__ import annotations

from ..errors import ExportError

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

#: XLIFF 2.1 keeps the 2.0 namespace (XLIFF 2.1 section 4.3.1.1 / 2.0 section 4.2.2.1).
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF_VERSION = "2.1"

#: Akoma Ntoso 3.0 (OASIS LegalDocML, akomantoso30.xsd).
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

#: TEI P5.
TEI_NS = "http://www.tei-c.org/ns/1.0"

#: TMX 1.4b has no namespace; these are its version and the user-defined
#: ``prop`` types we write (TMX 1.4b section 3.1.3: user types start with ``x-``).
TMX_VERSION = "1.4"
TMX_PROP_DOCUMENT = "x-document"
TMX_PROP_ACTS = "x-acts"
TMX_PROP_ACTOR = "x-actor"
TMX_PROP_KIND = "x-kind"

#: ``tuid`` of the title unit and suffix of heading units (clauses use their eId).
TITLE_ID = "meta__title"
HEADING_SUFFIX = "__heading"

# ISO 639-1 -> ISO 639-2/T (terminology codes, as FRBRlanguage requires).
_ISO639_2T: dict[str, str] = {
    "ar": "ara", "de": "deu", "en": "eng", "es": "spa", "fr": "fra", "it": "ita",
    "ja": "jpn", "ko": "kor", "nl": "nld", "pt": "por", "ru": "rus", "zh": "zho",
}


def iso639_2t(lang: str) -> str:
    """The ISO 639-2/T code of an ISO 639-1 language code (``ja`` -> ``jpn``).

    Args:
        lang: a two-letter code as used in the corpus; a three-letter code is
            returned unchanged.

    Raises:
        ExportError: the code is not known.
    """
    if len(lang) == 3:
        return lang
    try:
        return _ISO639_2T[lang]
    except KeyError:
        raise ExportError(
            f"no ISO 639-2/T code known for language {lang!r}; add it to export/namespaces.py"
        ) from None


def primary_language(tag: str) -> str:
    """The primary subtag of a BCP 47 tag, lowercased (``fr-FR`` -> ``fr``), as CAT tools write them."""
    return tag.replace("_", "-").split("-")[0].lower()


# Language of an authentic text -> country of the authority that wrote it
# (ISO 3166-1 alpha-2, for the Akoma Ntoso work IRI and FRBRcountry).
_AUTHORITY_COUNTRY: dict[str, str] = {
    "de": "de", "en": "gb", "es": "es", "fr": "fr", "it": "it", "ja": "jp", "ko": "kr", "zh": "cn",
}


def authority_country(lang: str) -> str:
    """The country whose authority writes authentic texts in ``lang`` (``ja`` -> ``jp``);
    ``un`` when the language is not listed."""
    return _AUTHORITY_COUNTRY.get(lang, "un")
