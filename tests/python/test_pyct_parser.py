"""pyct.parser finds a def's lines from its code object (the last line any of its
instructions comes from) instead of the tokenizer: the def it parses must be the whole
def wherever that matters -- trailing statements with code, multi-line last
expressions, nested defs and lambdas at the end, decorators -- and the staged function
must behave as the eager one."""

import ast

import numpy as np
import pytest

import ag
from ag.pyct import parser


def ends_with_else_pass(x):
    if x.sum() > 0:
        y = x * 2
    else:
        pass
    return x


def ends_with_a_multiline_expression(x):
    return (x
            + 1
            - 2
            )


def ends_with_a_nested_def(x):
    def inner(v):
        return v * 3
    return inner(
        x)


def ends_with_a_lambda(x):
    f = lambda v: (v +  # noqa: E731
                   4)
    return f(x)


def _decorate(fn):
    return fn


@_decorate
def decorated(
        x,
        y=(1,
           2)):
    # a comment
    return x + y[1]  # the last statement
    # trailing comment


def ends_with_a_loop(x):
    for i in range(3):
        x = x + i
    else:
        x = x * 2
    return x


def body_statement_count(fn):
    node, _ = parser.parse_function(fn)
    return [type(s).__name__ for s in node.body], ast.unparse(node)


@pytest.mark.parametrize("fn", [ends_with_else_pass, ends_with_a_multiline_expression,
                                ends_with_a_nested_def, ends_with_a_lambda, decorated,
                                ends_with_a_loop])
def test_the_def_found_is_the_whole_def(fn):
    statements, text = body_statement_count(fn)
    assert statements[-1] == "Return", text
    x = np.arange(3.0)
    np.testing.assert_array_equal(ag.stage(fn)(x), fn(x))


def test_a_def_followed_by_less_indented_code_parses():
    node, _ = parser.parse_function(_Holder.method)
    assert node.name == "method"
    assert node.decorator_list[0].lineno == _Holder.method.__code__.co_firstlineno


class _Holder:
    @staticmethod
    def method(x):
        return x


VALUE = 1  # module code after the class: the block must stop before it
