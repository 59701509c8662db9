#!/usr/bin/env python3
"""Expands ActivityPub documents with a real JSON-LD processor (pyld) and reports every term
that does not expand to a real IRI.

    check.py --extension FILE DOCUMENT.json...

Contexts are loaded only from local files, never from the network: the ActivityStreams and
security contexts (v1 and data integrity v2) from this folder, and every `.../ns/comune.jsonld` (each instance serves our
extension there) from FILE, the copy a running instance served. Any other context URL fails.

A document fails when:
- it does not expand (a JSON-LD error, or a context that is not available locally);
- a property of any object in it expands to a blank node (`_:term`): the ActivityStreams
  context sets `@vocab` to `_:`, so that is where an undefined term lands;
- a property is dropped by the expansion (a term defined as null, or with no IRI);
- an `@type`, an `@id` or a value's datatype is a blank node or not an absolute IRI (an
  undefined type such as `"type": "Channel"`, or a relative IRI such as `"formerType": "Page"`
  under a term whose values are base-relative: the expansion's base is a sentinel, so a
  relative IRI is recognised instead of being resolved against the fetched URL).

Every property of every object is checked on its own (the object's contexts, the property and
its value, expanded alone), so each problem names the document, the path and the term. Then the
whole document is expanded and its expanded form walked for the same faults.

Exit status: 0 when every document passes, 1 when any fails, 2 on bad usage.
"""

import argparse
import json
import os
import re
import sys
from urllib.parse import urlsplit

from pyld import jsonld

HERE = os.path.dirname(os.path.abspath(__file__))

# The copies served for each context URL (see README.md in this folder for their origin).
LOCAL_CONTEXTS = {
    "https://www.w3.org/ns/activitystreams": "activitystreams.jsonld",
    "http://www.w3.org/ns/activitystreams": "activitystreams.jsonld",
    "https://www.w3.org/ns/activitystreams.jsonld": "activitystreams.jsonld",
    "https://w3id.org/security/v1": "security-v1.jsonld",
    "http://w3id.org/security/v1": "security-v1.jsonld",
    "https://w3id.org/security/data-integrity/v2": "security-data-integrity-v2.jsonld",
}
EXTENSION_PATH = "/ns/comune.jsonld"

# A property added to every probe so the probed object is never dropped as an empty node.
PROBE = "urn:comune:jsonld-check:probe"

ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
# The base IRI of every expansion: a relative IRI (which a real consumer would resolve against
# wherever it fetched the document) comes out under it, where it is recognised.
RELATIVE_BASE = "https://relative.invalid/"


def make_loader(extension_file):
    def load(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    cache = {}

    def loader(url, options=None):
        if url in LOCAL_CONTEXTS:
            path = os.path.join(HERE, LOCAL_CONTEXTS[url])
        elif urlsplit(url).scheme in ("http", "https") and urlsplit(url).path == EXTENSION_PATH:
            path = extension_file
        else:
            raise jsonld.JsonLdError(
                f"no local copy of {url} (this check never uses the network)",
                "jsonld.LoadDocumentError",
                {"url": url},
                code="loading document failed",
            )
        if path not in cache:
            cache[path] = load(path)
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": cache[path],
        }

    return loader


def is_iri(value):
    """An absolute IRI that is neither a blank node identifier nor a resolved relative IRI."""
    return (
        isinstance(value, str)
        and not value.startswith("_:")
        and not value.startswith(RELATIVE_BASE)
        and bool(ABSOLUTE_IRI.match(value))
    )


def describe(value):
    if isinstance(value, str) and value.startswith("_:"):
        return f"the blank node {value!r} (the term is not defined)"
    if isinstance(value, str) and value.startswith(RELATIVE_BASE):
        return f"the relative IRI {value[len(RELATIVE_BASE):]!r}"
    return f"{value!r}, which is not an absolute IRI"


class Checker:
    def __init__(self, loader):
        self.options = {"documentLoader": loader, "base": RELATIVE_BASE}

    def expand(self, document, dropped=None):
        return jsonld.expand(
            document,
            self.options,
            on_property_dropped=(dropped.append if dropped is not None else jsonld.noop),
        )

    def check(self, document):
        """The problems of one document, as readable lines."""
        if not isinstance(document, dict):
            return ["the document is not a JSON object"]
        if "@context" not in document:
            return ["the document has no @context"]
        problems = []
        self.probe_object(document, [], "", problems)
        dropped = []
        try:
            expanded = self.expand(document, dropped)
        except jsonld.JsonLdError as e:
            return problems + [f"does not expand: {one_line(e)}"]
        properties, values = [], []
        for iri in dropped:
            properties.append(f"a property was dropped by the expansion (it expands to {iri!r})")
        if len(expanded) != 1:
            values.append(f"expands to {len(expanded)} top-level objects instead of one")
        self.walk(expanded, "", properties, values)
        # The probes already named each faulty property; the walk's findings about properties
        # only add something when the probes found nothing.
        return problems + values + ([] if problems else properties)

    def probe_object(self, obj, contexts, path, problems):
        """Expands each property of `obj` alone, in the contexts in scope, and recurses."""
        if "@context" in obj:
            local = obj["@context"]
            contexts = contexts + (local if isinstance(local, list) else [local])
        for key, value in obj.items():
            if key == "@context":
                continue
            where = f"{path}.{key}" if path else key
            probe = {"@context": contexts, key: value, PROBE: "x"}
            dropped = []
            try:
                expanded = self.expand(probe, dropped)
            except jsonld.JsonLdError as e:
                problems.append(f"{where}: does not expand: {one_line(e)}")
                continue
            keys = set(expanded[0]) - {PROBE} if expanded else set()
            if not keys:
                problems.append(
                    f"{where}: the term {key!r} is dropped by the expansion (it is not defined)"
                )
            for iri in keys:
                if iri.startswith("@"):
                    continue
                if not is_iri(iri):
                    problems.append(f"{where}: the term {key!r} expands to {describe(iri)}")
            # Objects in the value are checked in turn, unless they are maps of values (a
            # language map such as `contentMap`): those expand to values, not to objects.
            if not any(holds_objects(expanded[0][iri]) for iri in keys if iri in expanded[0]):
                continue
            for i, item in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(item, dict):
                    at = f"{where}[{i}]" if isinstance(value, list) else where
                    self.probe_object(item, contexts, at, problems)

    def walk(self, node, path, properties, values):
        """Checks the expanded form: every property, type, id and datatype a real IRI."""
        if isinstance(node, list):
            for i, item in enumerate(node):
                self.walk(item, f"{path}[{i}]", properties, values)
            return
        if not isinstance(node, dict):
            return
        for key, value in node.items():
            where = f"{path} {key}".strip()
            if key == "@type":
                for t in value if isinstance(value, list) else [value]:
                    if not is_iri(t):
                        values.append(f"{where}: the type is {describe(t)}")
            elif key == "@id":
                if not is_iri(value):
                    values.append(f"{where}: the id is {describe(value)}")
            elif key.startswith("@"):
                if key in ("@list", "@set", "@graph", "@included"):
                    self.walk(value, where, properties, values)
            else:
                if not is_iri(key):
                    properties.append(f"{where}: the property is {describe(key)}")
                self.walk(value, where, properties, values)


def holds_objects(expanded_values):
    """Whether expanded property values include a node object (not only values)."""
    for v in expanded_values if isinstance(expanded_values, list) else [expanded_values]:
        if isinstance(v, dict):
            if "@list" in v or "@set" in v:
                if holds_objects(v.get("@list", v.get("@set"))):
                    return True
            elif "@value" not in v:
                return True
    return False


def one_line(error):
    text = str(error.args[0]) if error.args else str(error)
    cause = error.__cause__
    while cause is not None:
        text += f" ({cause.args[0] if cause.args else cause})"
        cause = cause.__cause__
    return " ".join(text.split())


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--extension",
        required=True,
        help="the extension context as an instance serves it at /ns/comune.jsonld",
    )
    parser.add_argument("documents", nargs="+", help="JSON documents to check")
    args = parser.parse_args(argv)

    checker = Checker(make_loader(args.extension))
    failed = 0
    for name in args.documents:
        try:
            with open(name, encoding="utf-8") as f:
                document = json.load(f)
        except (OSError, ValueError) as e:
            problems = [f"cannot be read as JSON: {e}"]
        else:
            problems = checker.check(document)
        label = os.path.basename(name)
        if problems:
            failed += 1
            print(f"FAIL {label}")
            for problem in problems:
                print(f"     {problem}")
        else:
            kind = document.get("type", "?") if isinstance(document, dict) else "?"
            print(f"ok   {label} ({kind})")
    print(f"jsonld: {len(args.documents)} documents expanded, {failed} with undefined terms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
