"""Python lists as values staged loops can carry (AutoGraph's list conversion).

    lst = [..]          ->  lst = ag__.new_list([..])     (knows the staged region it is
                                                            made in)
    lst.append(v)       ->  lst = ag__.list_append(lst, v)
    lst.pop()           ->  lst = ag__.list_pop(lst)[0]
    v = lst.pop()       ->  lst, v = ag__.list_pop(lst)
    x[k] = v            ->  x = ag__.setitem_(x, k, v)
    x[k] (a read)       ->  ag__.getitem_(x, k)        (a numpy x indexed by a staged k
                                                            is staged first)

Only for names local to the function (a list that came in as an argument or from outside
is changed in place, as Python would). The rewrites turn changes of a list or an array
into rebindings of its name, which the control-flow converter then carries like any
other variable: a numpy array given a staged value at `x[k] = v` becomes a staged
array, as `x` would hold a staged value had it been one.
"""

import ast
import copy

from ..pyct import activity, qual_names, transformer, traversal
from . import helpers


# Attributes that are views of an array (not settable): `x.T[k] = v` writes x in place.
_ARRAY_VIEW_ATTRIBUTES = frozenset({"T", "mT", "real", "imag", "flat"})


def _index_expr(node):
    """A subscript's index as an expression (slices become slice(...) calls)."""
    if isinstance(node, ast.Slice):
        parts = [p if p is not None else ast.Constant(None)
                 for p in (node.lower, node.upper, node.step)]
        return ast.Call(func=ast.Name(id="slice", ctx=ast.Load()), args=parts, keywords=[])
    if isinstance(node, ast.Tuple):
        return ast.Tuple(elts=[_index_expr(e) for e in node.elts], ctx=ast.Load())
    return node


def _literal_key(node):
    """Whether a subscript's key is made of literals only (it cannot be staged)."""
    return all(isinstance(n, (ast.Constant, ast.Slice, ast.Tuple, ast.UnaryOp, ast.USub,
                              ast.Load))
               for n in traversal.walk(node))


def _container(target, ctx):
    """The `x` or `a.b` of subscript `target`, as a fresh node with context `ctx`."""
    node = copy.deepcopy(target.value)
    node.ctx = ctx
    return node


def _store(name):
    return ast.Name(id=name, ctx=ast.Store())


def _load(name):
    return ast.Name(id=name, ctx=ast.Load())


class ListTransformer(transformer.Base):
    def __init__(self, ctx):
        super().__init__(ctx)
        self._locals = []  # per enclosing def: the names it binds

    def visit_FunctionDef(self, node):
        bound = {a.arg for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs}
        bound |= {n.id for n in traversal.walk(node)
                  if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        bound -= {n for s in traversal.walk(node) if isinstance(s, (ast.Global, ast.Nonlocal))
                  for n in s.names}
        self._locals.append(bound)
        self.generic_visit(node)
        self._locals.pop()
        return node

    def _local_method_call(self, node, method):
        """The receiver's name if `node` is `name.method(...)` on a local variable."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == method and isinstance(node.func.value, ast.Name) and \
                not node.keywords and self._locals and node.func.value.id in self._locals[-1]:
            return node.func.value.id
        return None

    def visit_Expr(self, node):
        name = self._local_method_call(node.value, "append")
        if name and len(node.value.args) == 1:
            args = [self.visit(a) for a in node.value.args]
            return ast.Assign(targets=[_store(name)],
                              value=helpers.call("list_append", _load(name), *args))
        name = self._local_method_call(node.value, "pop")
        if name:
            args = [self.visit(a) for a in node.value.args]
            first = ast.Subscript(value=helpers.call("list_pop", _load(name), *args),
                                  slice=ast.Constant(0), ctx=ast.Load())
            return ast.Assign(targets=[_store(name)], value=first)
        self.generic_visit(node)
        return node

    def visit_Assign(self, node):
        pop = self._local_method_call(node.value, "pop")
        if pop and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            args = [self.visit(a) for a in node.value.args]
            targets = ast.Tuple(elts=[_store(pop), node.targets[0]], ctx=ast.Store())
            return ast.Assign(targets=[targets],
                              value=helpers.call("list_pop", _load(pop), *args))
        self.generic_visit(node)
        target = node.targets[0] if len(node.targets) == 1 else None
        if not self._rebindable_subscript(target):
            return node
        call = helpers.call("setitem_", _container(target, ast.Load()),
                            _index_expr(target.slice), node.value)
        return ast.Assign(targets=[_container(target, ast.Store())], value=call)

    def _rebindable_subscript(self, target):
        """Is `target` `name[k]` of a local name, or `a.b[k]` of an attribute chain?
        An attribute is rebound like a local (`self.buf[i] = v` -> `self.buf =
        ag__.setitem_(self.buf, i, v)`): stored into in place, a numpy array held by an
        object could not take a staged value; rebound, the control-flow converter carries
        `self.buf` like a variable."""
        if not isinstance(target, ast.Subscript):
            return False
        if isinstance(target.value, ast.Attribute) and \
                target.value.attr in _ARRAY_VIEW_ATTRIBUTES:
            return False  # x.T[k] = v writes x through a view: nothing to rebind
        if isinstance(target.value, ast.Name):
            return bool(self._locals) and target.value.id in self._locals[-1]
        qn = qual_names.of(target.value)
        return qn is not None and activity.is_attribute_chain(qn)

    def visit_AugAssign(self, node):
        # `x[k] op= v` reads, updates and stores the item: the store must become a
        # rebinding like `x[k] = v`'s (else a staged v cannot go into a numpy x, and a
        # staged branch could not carry x out). The key is evaluated once, as in Python,
        # and `op=` stays an in-place operation on the item.
        self.generic_visit(node)
        target = node.target
        if not self._rebindable_subscript(target):
            return node
        key, item = self.ctx.new_symbol("key"), self.ctx.new_symbol("item")
        get = ast.Subscript(value=_container(target, ast.Load()), slice=_load(key),
                            ctx=ast.Load())
        call = helpers.call("setitem_", _container(target, ast.Load()), _load(key),
                            _load(item))
        return [ast.Assign(targets=[_store(key)], value=_index_expr(target.slice)),
                ast.Assign(targets=[_store(item)], value=get),
                ast.AugAssign(target=_store(item), op=node.op, value=node.value),
                ast.Assign(targets=[_container(target, ast.Store())], value=call)]

    def visit_Subscript(self, node):
        # Reads at a key that may be staged go through ag__.getitem_, which stages a
        # numpy array indexed by a staged key (np.eye(k)[y]). Keys of literals only
        # (x[0], x[:, :3]) and stores and deletes stay subscripts.
        self.generic_visit(node)
        if not isinstance(node.ctx, ast.Load) or isinstance(node.value, ast.Constant) or \
                _literal_key(node.slice):
            return node
        return helpers.call("getitem_", node.value, _index_expr(node.slice))

    def visit_List(self, node):
        self.generic_visit(node)
        if not isinstance(getattr(node, "ctx", ast.Load()), ast.Load):
            return node  # an assignment target: [a, b] = ...
        return helpers.call("new_list", node)

    visit_ListComp = visit_List
