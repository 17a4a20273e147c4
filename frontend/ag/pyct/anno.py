"""Annotations on AST nodes (kept in one attribute so ast's own fields stay clean).

The keys the toolkit itself sets or reads are named here; converters may use their own.
"""

_FIELD = "_ag_anno"

# Set by liveness.annotate on statements: the names live before / after them.
LIVE_IN = "live_in"
LIVE_OUT = "live_out"
# Set by reaching_definitions.annotate: the definitions reaching a statement (a dict
# name -> frozenset of Definition) and, on a Name being read, the ones reaching it.
DEFINITIONS_IN = "definitions_in"
DEFINITIONS = "definitions"
# An expression a loop evaluates before each iteration in addition to its own test or
# iterator (a converter's `not break_`): the analyses count its reads at the loop head.
EXTRA_LOOP_TEST = "extra_loop_test"


def setanno(node, key, value):
    annotations = node.__dict__.setdefault(_FIELD, {})
    annotations[key] = value


def getanno(node, key, default=None):
    return node.__dict__.get(_FIELD, {}).get(key, default)


def hasanno(node, key):
    return key in node.__dict__.get(_FIELD, {})


def delanno(node, key):
    node.__dict__.get(_FIELD, {}).pop(key, None)
