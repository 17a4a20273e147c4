//===- AgIndexingOps.td - gather, scatter, nonzero -----------*- tablegen -*-===//
//
// The primitives of numpy's advanced indexing: a gather by integer index arrays, a
// scatter (assignment or an unbuffered ufunc.at combine) by the same, and nonzero, whose
// result size depends on the data. The staging runtime reduces every form of numpy's
// integer-array and boolean-mask indexing (mixed with slices, None and `...`), and
// np.take/take_along_axis/put/ufunc.at/bincount, to these (frontend/ag/_advanced.py).
// Included by AgOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef AG_INDEXING_OPS_TD
#define AG_INDEXING_OPS_TD

/// Integer index arrays of any rank.
def Ag_IndexArray : RankedTensorOf<[I32, I64]>;

def Ag_GatherOp : Ag_Op<"gather", [Pure, InferTypeOpAdaptor]> {
  let summary = "Gather along consecutive dimensions by integer index arrays (x[:, i, j])";
  let description = [{
    The `indices` (one or more integer tensors of one type, shape B; the staging runtime
    broadcasts them) select along the operand's dimensions `axis`, `axis + 1`, ...:
    index tensor k along dimension `axis + k`. The result has shape
    `operand.shape[:axis] ++ B ++ operand.shape[axis + indices.size():]` (numpy's
    placement of the broadcast dims for adjacent advanced indices):

      result[a..., b..., r...] = operand[a..., i0[b...], i1[b...], ..., r...]

    Negative indices count from the end, as numpy's. Indices still out of range read
    position 0, so compiled code never reads out of bounds: the staging runtime checks the
    range before the op and raises numpy's IndexError after the call. When an indexed
    dimension is empty nothing is read (the result is zeros; any index was out of range).
    Where index tensors disagree in a dynamic dim at run time (the runtime checks they do
    not), the smallest size is used.
    ```mlir
    %r = ag.gather %x[%i, %j]
        : (tensor<5x6x7xf32>, tensor<3x4xi64>, tensor<3x4xi64>) -> tensor<3x4x7xf32>
    %c = ag.gather %x[%k] {axis = 2 : i64}
        : (tensor<5x6x7xf32>, tensor<2xi64>) -> tensor<5x6x2xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Variadic<Ag_IndexArray>:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $indices `]` attr-dict `:` functional-type(operands, results)
  }];
}

def Ag_ScatterOp : Ag_Op<"scatter", [Pure, AllTypesMatch<["dest", "result"]>,
                                      InferTypeOpAdaptor]> {
  let summary = "Scatter into leading dimensions by integer index arrays (x[i] = v)";
  let description = [{
    Returns `dest` updated at the positions a `ag.gather` with the same `indices` and
    `axis` would read: `updates` broadcasts (numpy's rule: right-aligned, a static 1
    stretches) to the gather's result shape
    `dest.shape[:axis] ++ B ++ dest.shape[axis + indices.size():]`. Positions of B are
    visited in row-major order, one after another, so a repeated index sees the earlier
    writes:

    - `combine = "assign"`: `dest[i...] = updates[b...]` (the last write wins, as numpy's
      `x[idx] = v` in practice); `updates` has `dest`'s dtype.
    - `"add"`, `"mul"`, `"max"`, `"min"`, `"and"`, `"or"`, `"xor"`: numpy's unbuffered
      `ufunc.at`, `dest[i...] = cast(op(cast(dest[i...]), updates[b...]))`: computed in the
      dtype of `updates` (numpy's loop dtype), then cast to `dest`'s (numpy's unsafe
      casting of ufunc.at). On bool, add/max are `or`, mul/min `and`; `max`/`min`
      propagate NaN; and/or/xor take integers or bools.

    Index handling as in `ag.gather` (negative wrap; out of range writes position 0: the
    runtime checks first; an empty indexed dimension writes nothing). Dynamic dims of
    `updates` and `dest` that meet write no more than the smaller size.

    With `checked`, the op makes that check itself as it goes: a second result
    `out_of_range` (a 0-d bool) is true when an index of some visited position was out
    of range of its dimension before wrapping (numpy's IndexError; every index is when
    that dimension is empty). The staging runtime raises on it right after the op, before
    the result is visible, so the indices are read once (numpy's check is a pass of its
    own).
    ```mlir
    %r = ag.scatter %v into %x[%i] {combine = "add"}
        : (tensor<3x7xf32>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
    %c = ag.scatter %w into %x[%i] {axis = 1 : i64}
        : (tensor<5x3xf32>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
    %z = ag.scatter %zero into %x[%i]
        : (tensor<f32>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
    %s, %bad = ag.scatter %v into %x[%i] {checked = true, combine = "add"}
        : (tensor<3x7xf32>, tensor<5x7xf32>, tensor<3xi64>) -> (tensor<5x7xf32>, tensor<i1>)
    ```
  }];
  let arguments = (ins Ag_Tensor:$updates, Ag_Tensor:$dest,
                       Variadic<Ag_IndexArray>:$indices,
                       DefaultValuedStrAttr<StrAttr, "assign">:$combine,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$checked);
  let results = (outs Ag_Tensor:$result, Optional<0DTensorOf<[I1]>>:$out_of_range);
  let assemblyFormat = [{
    $updates `into` $dest `[` $indices `]` attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Ag_NonzeroOp : Ag_Op<"nonzero", [Pure, InferTypeOpAdaptor]> {
  let summary = "Coordinates of the true elements of a bool tensor (np.nonzero)";
  let description = [{
    Row d of the result holds the coordinates along dimension d of the operand's true
    elements, in row-major order: numpy's `np.nonzero(mask)` stacked, and the transpose
    of `np.argwhere(mask)`. The number of true elements, the result's dynamic dimension,
    is known only when the code runs (the lowering counts, allocates, then fills).
    ```mlir
    %r = ag.nonzero %m : tensor<3x4xi1> -> tensor<2x?xi64>
    ```
  }];
  let arguments = (ins RankedTensorOf<[I1]>:$operand);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
}

def Ag_CompressOp : Ag_Op<"compress", [Pure, InferTypeOpAdaptor]> {
  let summary = "The elements of a 1-D tensor where a 1-D bool tensor is true (x[mask])";
  let description = [{
    The elements of `operand` at the positions where `mask` (of the operand's length)
    is true, in order: numpy's `x[mask]` for a mask of x's whole shape, with both
    flattened. The count, the result's dynamic dimension, is known only when the code
    runs. Unlike `ag.gather` of `ag.nonzero`'s positions it writes no positions: the
    lowering counts, allocates, then copies the selected elements in one loop.
    ```mlir
    %r = ag.compress %x, %m : tensor<12xf32>, tensor<12xi1> -> tensor<?xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, RankedTensorOf<[I1]>:$mask);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand `,` $mask attr-dict `:` type($operand) `,` type($mask) `->` type($result)";
  let hasVerifier = 1;
}

def Ag_IotaOp : Ag_Op<"iota", [Pure, InferTypeOpAdaptor]> {
  let summary = "0, 1, ..., n - 1 for a count known only at run time";
  let description = [{
    The index array of numpy's creation functions whose size is a staged value
    (`np.arange(n)`, `np.eye(n)`, `np.linspace(a, b, n)`, the windows, ...), which
    compose over it. A negative count gives an empty result (the staging runtime has
    raised numpy's error for it already).
    ```mlir
    %r = ag.iota %n : tensor<i64> -> tensor<?xi64>
    ```
  }];
  let arguments = (ins 0DTensorOf<[I64]>:$count);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = "$count attr-dict `:` type($count) `->` type($result)";
}

#endif // AG_INDEXING_OPS_TD
