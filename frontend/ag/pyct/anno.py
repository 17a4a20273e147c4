"""Annotations on AST nodes (kept in one attribute so ast's own fields stay clean)."""

_FIELD = "_ag_anno"


def setanno(node, key, value):
    annotations = node.__dict__.setdefault(_FIELD, {})
    annotations[key] = value


def getanno(node, key, default=None):
    return node.__dict__.get(_FIELD, {}).get(key, default)


def hasanno(node, key):
    return key in node.__dict__.get(_FIELD, {})
