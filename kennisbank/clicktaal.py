"""Click's own messages (usage, help, errors) in Dutch, like the rest of the command line.

Click marks its messages for translation with ``gettext``; the project ships no message catalogue
for a whole locale, so the few dozen texts a user can meet are translated here and given to
click's modules in place of ``gettext``.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

NEDERLANDS: dict[str, str] = {
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Aborted!": "Afgebroken.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} vraagt {nargs} waarden.",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Commands": "Opdrachten",
    "Could not open file {filename!r}: {message}":
        "Kan bestand {filename!r} niet openen: {message}",
    "Error: {message}": "fout: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Missing argument": "Argument ontbreekt",
    "Missing command.": "Geef een opdracht.",
    "Missing option": "Optie ontbreekt",
    "Missing parameter": "Parameter ontbreekt",
    "Missing parameter: {param_name}": "Parameter ontbreekt: {param_name}",
    "Missing {param_type}": "{param_type} ontbreekt",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Options": "Opties",
    "Positional arguments": "Argumenten",
    "Show the version and exit.": "Toon de versie en stop.",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Try '{command} {option}' for help.": "Hulp: '{command} {option}'.",
    "Usage:": "Gebruik:",
    "Value must be an iterable.": "De waarde moet een lijst zijn.",
    "default: {default}": "standaard: {default}",
    "deprecated": "verouderd",
    "required": "verplicht",
    "directory": "map",
    "env var: {var}": "omgevingsvariabele: {var}",
    "file": "bestand",
    "path": "pad",
    "unknown error": "onbekende fout",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen ja/nee-waarde. Herkend: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    # Plural forms (ngettext): the singular and the plural text each have their own entry.
    "Did you mean {possibility}?": "Bedoelde u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde u een van: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} vraagt {nargs} waarden.",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
}

#: Click's usage line placeholders, which are not marked for translation.
OPTIES_METAVAR = "[OPTIES]"
OPDRACHT_METAVAR = "OPDRACHT [ARGUMENTEN]..."


class NederlandseOpdracht(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIES_METAVAR)
        super().__init__(*args, **kwargs)


class NederlandseGroep(click.Group):
    command_class = NederlandseOpdracht

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIES_METAVAR)
        kwargs.setdefault("subcommand_metavar", OPDRACHT_METAVAR)
        super().__init__(*args, **kwargs)


_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")


def vertaal(bericht: str) -> str:
    return NEDERLANDS.get(bericht, bericht)


def vertaal_meervoud(enkelvoud: str, meervoud: str, aantal: int) -> str:
    return vertaal(enkelvoud if aantal == 1 else meervoud)


def installeer() -> None:
    """Give click's modules the Dutch texts; idempotent."""
    for naam in _MODULES:
        module = importlib.import_module(f"click.{naam}")
        if hasattr(module, "_"):
            module._ = vertaal  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = vertaal_meervoud  # type: ignore[attr-defined]
