"""pyct qualified names and the activity analysis that reports them (small ASTs)."""

import ast

import pytest

from ag.pyct import activity, anno, qual_names
from ag.pyct.qual_names import QN, Literal


def test_structure():
    a = QN("a")
    ab = QN(a, attr="b")
    ab0 = QN(ab, subscript=Literal(0))
    abi = QN(ab, subscript=QN("i"))
    assert a.is_simple and not a.is_composite
    assert ab.has_attr and not ab.has_subscript and ab.parent == a
    assert ab0.has_subscript and ab0.subscript == Literal(0)
    assert str(ab0) == "a.b[0]" and str(abi) == "a.b[i]"
    assert str(QN(a, subscript=Literal("k"))) == "a['k']"
    assert ab0.root == a and ab0.name == "a"
    assert abi.support_set == {a, QN("i")}
    assert ab0.support_set == {a}
    assert ab0.prefixes() == [a, ab, ab0]


def test_equality_and_hashing():
    assert QN(QN("a"), attr="b") == QN(QN("a"), attr="b")
    assert QN(QN("a"), attr="b") != QN(QN("a"), subscript=Literal("b"))
    assert QN(QN("a"), subscript=Literal(1)) != QN(QN("a"), subscript=Literal("1"))
    assert QN(QN("a"), subscript=Literal(1)) != QN(QN("a"), subscript=QN("i"))
    assert len({QN("a"), QN("a"), QN(QN("a"), attr="b")}) == 2


@pytest.mark.parametrize("bad", [dict(attr="b"), dict(subscript=Literal(0))])
def test_a_composite_needs_a_qn_base(bad):
    with pytest.raises(ValueError):
        QN("a", **bad)


def test_subscript_must_be_literal_or_simple():
    with pytest.raises(ValueError):
        QN(QN("a"), subscript=QN(QN("b"), attr="c"))
    with pytest.raises(ValueError):
        QN(QN("a"), attr="b", subscript=Literal(0))


@pytest.mark.parametrize("text", ["a", "a.b", "a[0]", "a[-1]", "a['k']", "a.b[i].c"])
def test_from_str_round_trips(text):
    assert str(qual_names.from_str(text)) == text
    # ...and the QN's own AST evaluates the same expression.
    assert ast.unparse(qual_names.from_str(text).ast()) == text


@pytest.mark.parametrize("text", ["a[i + 1]", "f().b", "a[1:2]", "a[0.5]", "(a + b).c"])
def test_unqualifiable_expressions(text):
    with pytest.raises(ValueError):
        qual_names.from_str(text)


def test_resolve_annotates_the_qualifiable_parts():
    expr = ast.parse("a.b[i + 1].c", mode="eval").body
    qual_names.resolve(expr)
    assert anno.getanno(expr, qual_names.ANNO_KEY) is None  # a.b[i + 1].c
    sub = expr.value
    assert anno.getanno(sub, qual_names.ANNO_KEY) is None  # a.b[i + 1]
    assert anno.getanno(sub.value, qual_names.ANNO_KEY) == qual_names.from_str("a.b")
    assert anno.getanno(sub.slice.left, qual_names.ANNO_KEY) == QN("i")


def _scope(source):
    return activity.scope(ast.parse(source).body)


def _strs(qns):
    return sorted(str(q) for q in qns)


def test_activity_reports_qualified_names():
    s = _scope("a.b = c.d\nx[0] = y[i]\nz = 1")
    assert _strs(s.modified_qns) == ["a.b", "x[0]", "z"]
    assert _strs(s.read_qns) == ["a", "c", "c.d", "i", "x", "y", "y[i]"]


def test_a_modified_part_modifies_its_root_name():
    # Staged arrays have value semantics: control flow must carry `a` and `x`.
    s = _scope("a.b = 1\nx[i] = 2")
    assert s.modified == {"a", "x"}
    assert "i" not in s.modified


def test_unqualifiable_store_modifies_its_longest_qualified_prefix():
    s = _scope("a.b[i + 1] = v\nf().c = 2")
    assert _strs(s.modified_qns) == ["a.b"]
    assert s.modified == {"a"}
    assert {"a", "i", "v", "f"} <= s.read


def test_augmented_assignment_reads_its_target():
    s = _scope("a.n += 1")
    assert QN(QN("a"), attr="n") in s.read_qns
    assert QN(QN("a"), attr="n") in s.modified_qns


def test_nested_scopes():
    # A nested def's locals (`j`, `t`) are its own; its free reads are the enclosing
    # scope's; its nonlocal writes modify the enclosing scope.
    s = _scope("def g(j):\n    nonlocal n\n    t = a[j]\n    n = t + b.c\n")
    assert _strs(s.modified_qns) == ["g", "n"]
    assert _strs(s.read_qns) == ["a", "b", "b.c"]  # not a[j]: j is g's


def test_comprehensions_keep_their_variables_but_not_walrus_targets():
    s = _scope("r = [k.v for k in w if (m := k)]")
    assert _strs(s.modified_qns) == ["m", "r"]
    assert "k" not in s.read and "w" in s.read
