"""Reading a hand-edited YAML file safely, and turning a pydantic error into the atlas's one-line error.

Shared by the facts file and the claims ledger. The reader refuses, each with one true line: a file over
MAX_BYTES (before reading it), text that is not UTF-8, duplicate or unhashable keys, alias cycles, more
than MAX_VALUES values (counted with aliases expanded, so an alias bomb stops early), and nesting deeper
than MAX_DEPTH. Work is linear in the file's size: libyaml parses; a file of plain mappings, sequences and
untagged scalars (the shipped ones) is built straight from its events; any other file, or one that fails, is
composed by Python (in one loop, never recursing), checked node by node and constructed, which says where it fails.
A file at the size limit is read in about a second and under 200 MB (`make bench` measures it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml._yaml import CParser  # libyaml's parser: PyYAML's wheels carry it

from geo.errors import AtlasError

MAX_BYTES = 1024 * 1024  # the shipped facts file is about 200 kB
MAX_VALUES = 200_000  # scalars, sequences and mappings, aliases expanded (the shipped facts file has about 9,800)
MAX_DEPTH = 50  # levels of nesting, aliases expanded
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_NO_KEY = object()  # a mapping waiting for its next key
_UNION_TAGS = {"SeedQuote", "Publication"}  # pydantic's names for the branches of a source: not fields


@dataclass
class _Open:
    """A sequence or mapping being composed: its node, and what its children add up to so far."""

    node: Any
    mapping: bool
    key: Any = None  # a mapping's key composed, waiting for its value
    values: int = 0  # values under it, aliases expanded
    levels: int = 0  # levels of nesting under it, aliases expanded

    def add(self, child: Any, shape: tuple[int, int]) -> None:
        """Take a child node (a sequence's item, a mapping's key or its value) of this (values, levels) shape."""
        self.values += shape[0]
        self.levels = max(self.levels, shape[1])
        if not self.mapping:
            self.node.value.append(child)
        elif self.key is None:
            self.key = child
        else:
            self.node.value.append((self.key, child))
            self.key = None


class _TooMany(yaml.composer.ComposerError):
    """More than MAX_VALUES values, at the event of the first one too many (the plain path and the composer both)."""

    def __init__(self, mark: Any) -> None:
        super().__init__(None, None, f"this is more than {MAX_VALUES:,} values", mark)


class _NotPlain(Exception):
    """The file is more than plain mappings, sequences and untagged scalars: the full composer reads it."""


def _untagged(event: Any) -> None:
    """_NotPlain unless the event has neither an anchor nor a tag of its own (the plain path resolves it)."""
    if event.anchor is not None or (event.tag is not None and event.tag != "!"):
        raise _NotPlain


@dataclass
class _Building:
    """A mapping or sequence being built straight from the events: its value, and a mapping's key waiting."""

    value: Any
    key: Any = _NO_KEY

    def add(self, item: Any) -> None:
        """Take a sequence's item, a mapping's key or its value."""
        if type(self.value) is list:
            self.value.append(item)
        elif self.key is _NO_KEY:
            if item in self.value:  # a repeated key: the full composer says where
                raise _NotPlain
            self.key = item
        else:
            self.value[self.key] = item
            self.key = _NO_KEY


class _Loader(yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """safe_load that refuses duplicate or unhashable keys, alias cycles and bombs, too many values and deep nesting.

    libyaml parses the text into events; a composer in Python (so that every node can be checked as it is made)
    and PyYAML's constructor build the value. Every failure is a YAMLError with the place in the file.
    """

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._composed = 0  # nodes composed so far: the file is refused as soon as it passes MAX_VALUES
        self._aliases = 0
        self._shape: dict[int, tuple[int, int]] = {}  # id(node) -> (values, levels) with aliases expanded

    def compose_node(self, parent: Any, index: Any) -> Any:
        """The document's root node, composed as PyYAML's Composer does it (the same nodes, tags and marks), but in
        one loop over the events rather than by recursion, checking each node's nesting, and its size with aliases
        expanded, as it is made. (No path resolver is registered: PyYAML's descend and ascend steps do nothing.)
        """
        open_: list[_Open] = []  # the collections being composed, outermost first
        while True:
            event = self.get_event()
            kind = type(event)
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                node = self._closed(open_.pop(), event)
            elif kind is yaml.AliasEvent:
                node = self._alias_target(event)
            else:
                node = self._started(event, len(open_))
                if kind is not yaml.ScalarEvent:
                    open_.append(_Open(node, kind is yaml.MappingStartEvent))
                    continue
            if not open_:
                return node
            open_[-1].add(node, self._shape[id(node)])

    def _started(self, event: Any, depth: int) -> Any:
        """The node an event starts (a scalar, or a collection still empty), at `depth` levels of nesting."""
        self._composed += 1
        if self._composed > MAX_VALUES:
            raise _TooMany(event.start_mark)
        if depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        anchor, tag, kind = event.anchor, event.tag, type(event)
        if anchor is not None and anchor in self.anchors:
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor].start_mark,
                "second occurrence",
                event.start_mark,
            )
        node: yaml.Node
        if kind is yaml.ScalarEvent:
            if tag is None or tag == "!":
                tag = self.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            self._shape[id(node)] = (1, 1)  # most nodes: one value, one level
        else:
            collection = yaml.MappingNode if kind is yaml.MappingStartEvent else yaml.SequenceNode
            if tag is None or tag == "!":
                tag = self.resolve(collection, None, event.implicit)
            node = collection(tag, [], event.start_mark, None, flow_style=event.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        return node

    def _alias_target(self, event: Any) -> Any:
        """The node an alias refers to, already composed (an alias inside the node it refers to is a cycle)."""
        self._aliases += 1
        target = self.anchors.get(event.anchor)
        if target is None:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        if id(target) not in self._shape:
            problem = f"alias *{event.anchor} is inside the node it refers to"
            raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
        return target

    def _closed(self, done: _Open, event: Any) -> Any:
        """A collection at its end event, checked for its size and nesting with aliases expanded."""
        node = done.node
        node.end_mark = event.end_mark
        values, levels = 1 + done.values, 1 + done.levels
        if values > MAX_VALUES or levels > MAX_DEPTH:
            amount = f"more than {MAX_VALUES:,} values" if values > MAX_VALUES else f"more than {MAX_DEPTH} levels deep"
            problem = f"with its aliases expanded this is {amount}" if self._aliases else f"this is {amount}"
            raise yaml.composer.ComposerError(None, None, problem, node.start_mark)
        self._shape[id(node)] = (values, levels)
        return node

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Construct a value; a bad explicitly tagged scalar (!!int abc) becomes a YAMLError at its place."""
        if type(node) is yaml.ScalarNode and node.tag == _STR:  # most values: their text, as PyYAML gives it
            return node.value
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as e:
            problem = f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]} ({type(e).__name__}: {e})"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date, or its text when it is not a real date (2025-02-30), for the schema to reject by field."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Build a mapping, failing on a repeated or unhashable key."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                problem = f"a mapping key must be a plain value, not a {type(key).__name__}"
                raise yaml.constructor.ConstructorError(None, None, problem, key_node.start_mark) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def plain_data(self) -> Any:
        """The document's value built straight from the events (_NotPlain when it needs the full composer).

        Most files are one document of mappings, sequences and untagged scalars. Those are built here in one loop,
        without nodes, and are the values get_single_data gives (a test compares them). Anything else (an anchor,
        an alias, an explicit tag, a merge key, a key that is not a scalar, a repeated key, a value that cannot be
        constructed, a file near MAX_DEPTH, or invalid YAML) raises _NotPlain, and the file is read again by the full
        composer, which checks it and says where and why it fails. A plain file of more than MAX_VALUES values is
        refused here, at the event where the composer would refuse it, with the same error (_TooMany): until then it
        met nothing the composer refuses sooner (no anchor, alias or tag, no nesting near the limit, valid YAML).
        """
        try:
            return self._plain_data()
        except _TooMany:
            raise
        except yaml.YAMLError:
            raise _NotPlain from None

    def _plain_data(self) -> Any:
        if None in self.yaml_implicit_resolvers or self.yaml_path_resolvers:  # resolvers _plain_scalar would not ask
            raise _NotPlain
        self._expect(yaml.StreamStartEvent, yaml.DocumentStartEvent)
        get_event = self.get_event
        open_: list[_Building] = []  # the collections being built, outermost first
        count = 0
        while True:
            event: Any = get_event()
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = open_.pop().value
            else:
                count += 1
                if count > MAX_VALUES:
                    raise _TooMany(event.start_mark)
                if len(open_) >= MAX_DEPTH - 1:
                    raise _NotPlain
                if kind is yaml.ScalarEvent:
                    value = self._plain_scalar(event)
                elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    open_.append(self._plain_collection(event, open_))
                    continue
                else:  # an alias, or the end of the document
                    raise _NotPlain
            if not open_:
                break
            open_[-1].add(value)
        self._expect(yaml.DocumentEndEvent, yaml.StreamEndEvent)
        return value

    def _expect(self, *kinds: type) -> None:
        """The next events, of these kinds (one document: the full composer says why not)."""
        if any(type(self.get_event()) is not kind for kind in kinds):
            raise _NotPlain

    def _plain_scalar(self, event: Any) -> Any:
        """An untagged scalar's value: its text, or what the resolver reads in it (int, bool, date, null, ...)."""
        _untagged(event)
        value = event.value
        if not event.implicit[0] or value[:1] not in self.yaml_implicit_resolvers:  # quoted, or no type starts so
            return value
        tag = self.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        if tag == _MERGE:
            raise _NotPlain
        return self.construct_object(yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style))

    def _plain_collection(self, event: Any, open_: list[_Building]) -> _Building:
        """An untagged mapping or sequence started, empty (not as a mapping's key)."""
        _untagged(event)
        if open_ and open_[-1].key is _NO_KEY and type(open_[-1].value) is dict:
            raise _NotPlain
        return _Building({} if type(event) is yaml.MappingStartEvent else [])

    yaml_constructors = {
        **yaml.constructor.SafeConstructor.yaml_constructors,
        "tag:yaml.org,2002:timestamp": construct_yaml_timestamp,
    }


def _document(text: str) -> Any:
    """The text's one document: built straight from its events when plain, else composed, checked and constructed
    (a YAMLError with the place in the file when it fails).
    """
    try:
        return _Loader(text).plain_data()
    except _NotPlain:
        pass
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def read_yaml(path: Path) -> dict[str, Any]:
    """Read the file as UTF-8 YAML and return its top-level mapping."""
    if not path.is_file():
        raise AtlasError(path, "(file)", str(path), "file not found")
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)  # never more, whatever the file claims or becomes while read
    if len(raw) > MAX_BYTES:
        size = max(path.stat().st_size, len(raw))
        problem = f"file is larger than the {MAX_BYTES // 2**20} MB limit; refusing to parse it"
        raise AtlasError(path, "(file size)", size, problem)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise AtlasError(path, f"byte {e.start}", raw[e.start : e.end], "file is not valid UTF-8") from None
    if not text.strip():
        raise AtlasError(path, "(top level)", text, "file is empty; expected a YAML mapping")
    try:
        data = _document(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = " ".join(str(x) for x in (getattr(e, "context", None), getattr(e, "problem", None)) if x) or str(e)
        if isinstance(e, yaml.reader.ReaderError):  # a forbidden character: locate it like the other errors
            at = len(raw[: e.position].decode("utf-8", "replace"))  # libyaml counts bytes of UTF-8
            mark = yaml.Mark(e.name, at, text.count("\n", 0, at), at - text.rfind("\n", 0, at) - 1, None, 0)
            problem = (
                f"character #x{e.character:04x} is not allowed ({e.reason})"
                if isinstance(e.character, int)
                else e.reason
            )
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(yaml)"
        line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        raise AtlasError(path, where, line.strip(), f"invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise AtlasError(path, "(top level)", data, f"expected a mapping of sections, got {type(data).__name__}")
    return data


def validation_error(path: Path, exc: ValidationError) -> AtlasError:
    """Turn the first pydantic error into an AtlasError naming the field and value."""
    err = exc.errors()[0]
    parts: list[str] = []
    for item in err["loc"]:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item not in _UNION_TAGS and item != "[key]":
            parts.append(f".{item}" if parts else str(item))
    field = "".join(parts) or "(top level)"
    kind = err["type"]
    if kind == "missing":
        return AtlasError(path, field, None, "required field is missing")
    if kind == "extra_forbidden":
        return AtlasError(path, field, err["input"], "unknown field (not in the schema)")
    msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return AtlasError(path, field, err["input"], msg)
