"""Computational graphs drawn with matplotlib alone: boxes with value and gradient, arrows, by depth.

:func:`plot_graph` draws the output of :func:`helpers.autodiff.trace`: one box per node, labelled
with its name and operation (``w = x + y``), its value (forward pass) and its gradient ∂root/∂node
(backward pass), and one arrow per input of each operation, in the direction the data flows. Nodes
are placed in columns by their depth, inputs on the left and the output on the right; an input
sits just left of the first operation that uses it.

Explorers keep the :class:`GraphArtists` of :func:`draw_graph` and change only the texts with
:func:`update_graph` when the inputs move.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch
from matplotlib.transforms import IdentityTransform

from ..autodiff import TraceNode, Value, trace
from ..validation import _show
from .axes import axes_or_new, check_axes, superscript
from .style import COLORS, course_style

__all__ = [
    "BoxArrow",
    "GraphArtists",
    "draw_graph",
    "figure_size",
    "graph_layout",
    "node_text",
    "plot_graph",
    "update_graph",
]

_BINARY = {"+": "+", "-": "−", "*": "·", "/": "/"}
#: Inches per column and per row of the layout, readable at notebook width.
_COLUMN_INCHES = 1.9
_ROW_INCHES = 0.8


# --- layout ---------------------------------------------------------------------------------


def _check_graph(nodes: Any, edges: Any) -> tuple[list[TraceNode], list[tuple[int, int]]]:
    if not isinstance(nodes, Sequence) or not nodes or not all(isinstance(n, TraceNode) for n in nodes):
        raise TypeError(f"nodes must be the non-empty list of TraceNode that trace(root) returns, got {_show(nodes)}")
    if [n.id for n in nodes] != list(range(len(nodes))):
        raise ValueError("nodes must be numbered 0, 1, … in order, as trace(root) returns them")
    if not isinstance(edges, Sequence):
        raise TypeError(f"edges must be a list of (child id, node id) pairs, got {_show(edges)}")
    out = []
    for e in edges:
        if not (isinstance(e, Sequence) and len(e) == 2 and all(isinstance(i, int) for i in e)):
            raise TypeError(f"each edge must be a (child id, node id) pair of ints, got {_show(e)}")
        a, b = e
        if not (0 <= a < len(nodes) and 0 <= b < len(nodes)) or a >= b:
            raise ValueError(f"edge {e!r} must join a node to a later one in the topological order")
        out.append((a, b))
    return list(nodes), out


def graph_layout(nodes: Sequence[TraceNode], edges: Sequence[tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Positions (column, row) of the nodes: columns by depth, rows from a depth-first walk.

    An operation's column is one more than its deepest input's; an input (leaf) sits one column
    left of the first operation using it. Rows: the leaves get consecutive rows in the order a
    walk from the output meets them (operands in order), and an operation sits at the mean row of
    its inputs, so the drawing reads like the formula.

    Parameters
    ----------
    nodes : list of TraceNode
    edges : list of (int, int)
        As returned by :func:`helpers.autodiff.trace`.

    Returns
    -------
    dict
        Node id → (x, y); x is the column 0, 1, …; y grows downwards (row 0 at the top).
    """
    nodes, edges = _check_graph(nodes, edges)
    n = len(nodes)
    children: list[list[int]] = [[] for _ in range(n)]
    parents: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        children[b].append(a)
        parents[a].append(b)
    depth = [0] * n
    for v in range(n):  # topological order: children come first
        if children[v]:
            depth[v] = 1 + max(depth[c] for c in children[v])
    for v in range(n):
        if not children[v] and parents[v]:
            depth[v] = min(depth[p] for p in parents[v]) - 1
    low = min(depth)
    # Rows: walk from the outputs (nodes nobody uses), operands in order.
    row: dict[int, float] = {}
    slot = 0

    def place(v: int) -> float:
        nonlocal slot
        if v in row:
            return row[v]
        kids = list(dict.fromkeys(children[v]))
        if not kids:
            row[v] = float(slot)
            slot += 1
        else:
            ys = [place(c) for c in kids]
            row[v] = sum(ys) / len(ys)
        return row[v]

    # An explicit stack would be needed for graphs thousands of nodes deep; these are drawings.
    for v in reversed(range(n)):
        if not parents[v]:
            place(v)
    # Two nodes of one column on the same row (possible when a node is shared): push apart.
    columns: dict[int, list[int]] = {}
    for v in range(n):
        columns.setdefault(depth[v] - low, []).append(v)
    for members in columns.values():
        members.sort(key=lambda v: (row[v], v))
        for prev, v in zip(members, members[1:]):
            if row[v] < row[prev] + 1.0:
                row[v] = row[prev] + 1.0
    return {v: (float(depth[v] - low), row[v]) for v in range(n)}


# --- drawing --------------------------------------------------------------------------------


def _number(v: float) -> str:
    if v == int(v) and abs(v) < 1e6:
        return f"{v:.1f}"
    return f"{v:.4g}"


def _name(node: TraceNode) -> str:
    if node.label:
        return node.label
    return _number(node.data) if not node.op else f"v{node.id}"


def _expression(node: TraceNode, args: list[str]) -> str:
    op = node.op
    if op in _BINARY and len(args) == 2:
        return f"{args[0]} {_BINARY[op]} {args[1]}"
    if op.startswith("**") and len(args) == 1:
        k = op[2:]
        base = args[0] if len(args[0]) <= 2 else f"({args[0]})"
        return base + superscript(k)
    if op == "neg" and len(args) == 1:
        return f"−{args[0]}"
    return f"{op}({', '.join(args)})"


def node_text(node: TraceNode, args: Sequence[str] = ()) -> str:
    """The three lines of a node's box: ``"w = x + y"``, ``"value 3.0"``, ``"grad 6.0"``.

    Parameters
    ----------
    node : TraceNode
    args : sequence of str
        The names of the operation's inputs, in order.
    """
    head = _name(node)
    if node.op:
        head = f"{head} = {_expression(node, list(args))}"
    return f"{head}\nvalue {_number(node.data)}\ngrad {_number(node.grad)}"


@dataclass
class GraphArtists:
    """What :func:`draw_graph` drew: one text (with its box) per node, one arrow per edge."""

    ax: Axes
    positions: dict
    texts: list = field(default_factory=list)
    arrows: list = field(default_factory=list)
    args: list = field(default_factory=list)


def _box_colour(is_leaf: bool, is_root: bool) -> tuple[str, str]:
    if is_root:
        return "#FBE3C0", COLORS["orange"]  # the output
    if is_leaf:
        return "#D6EAF8", COLORS["blue"]  # the inputs
    return "#F2F2F2", "0.35"


def draw_graph(ax: Axes, nodes: Sequence[TraceNode], edges: Sequence[tuple[int, int]]) -> GraphArtists:
    """Draw a traced graph on ``ax`` and return its artists (see :func:`plot_graph`)."""
    nodes, edges = _check_graph(nodes, edges)
    pos = graph_layout(nodes, edges)
    n = len(nodes)
    children: list[list[int]] = [[] for _ in range(n)]
    used = [False] * n
    for a, b in edges:
        children[b].append(a)
        used[a] = True
    args = [[_name(nodes[c]) for c in children[v]] for v in range(n)]
    art = GraphArtists(ax=ax, positions=pos, args=args)
    with course_style():
        for v, node in enumerate(nodes):
            face, edge = _box_colour(not children[v], not used[v])
            x, y = pos[v]
            art.texts.append(
                ax.text(
                    x,
                    y,
                    node_text(node, args[v]),
                    ha="center",
                    va="center",
                    fontsize=9.5,
                    linespacing=1.35,
                    zorder=3,
                    bbox={"boxstyle": "round,pad=0.45", "fc": face, "ec": edge, "lw": 1.3},
                )
            )
        seen: dict[tuple[int, int], int] = {}
        for a, b in edges:
            k = seen.get((a, b), 0)
            seen[(a, b)] = k + 1
            # The same input used twice (b = a + a): two arrows, bent apart.
            if edges.count((a, b)) > 1:
                rad = 0.25 if k % 2 == 0 else -0.25
            else:
                rad = 0.45 if _crosses_a_box(pos, a, b) else 0.0
            arrow = BoxArrow(art.texts[a], art.texts[b], rad=rad)
            ax.add_artist(arrow)
            art.arrows.append(arrow)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        ax.set_xlim(min(xs) - 0.55, max(xs) + 0.55)
        ax.set_ylim(max(ys) + 0.6, min(ys) - 0.6)  # row 0 at the top
        ax.set_axis_off()
        ax.text(
            0.5,
            -0.02,
            # Two short lines: one long line made constrained layout squeeze small graphs (b = a + a).
            "forward pass: values, left → right\nbackward pass: grad = ∂out/∂node, right → left",
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=9,
            color="0.35",
        )
    return art


class BoxArrow(FancyArrowPatch):
    """An arrow from one text's box to another's, its ends put on the boxes' edges when drawn.

    The boxes change size with their text (a value gains digits), so the ends are found at draw
    time from the boxes' extents on screen: cheaper than clipping a path against the boxes, and
    right at any dpi. The arrow is drawn after the texts (higher zorder), whose boxes are then
    up to date.

    Parameters
    ----------
    source, target : Text
        Texts with a bbox (``ax.text(..., bbox=...)``).
    rad : float
        Curvature of the arrow (``connectionstyle="arc3,rad=..."``); 0 for a straight one.
    """

    def __init__(self, source, target, *, rad: float = 0.0) -> None:
        super().__init__(
            (0.0, 0.0),
            (1.0, 1.0),
            arrowstyle="-|>",
            mutation_scale=13,
            color="0.3",
            lw=1.3,
            connectionstyle=f"arc3,rad={rad}",
            shrinkA=1.5,
            shrinkB=1.5,
            transform=IdentityTransform(),
            zorder=4,
        )
        self.source, self.target, self.rad = source, target, rad

    def draw(self, renderer) -> None:
        boxes = []
        for text in (self.source, self.target):
            patch = text.get_bbox_patch()
            if patch is None or not text.get_visible():
                return
            # The box is the text's extent plus the box's pad (scaled by the font size in pixels at
            # the text's last draw): much cheaper than the extent of the rounded box's path.
            pad = patch.get_boxstyle().pad * patch.get_mutation_scale()
            boxes.append(text.get_window_extent(renderer).padded(pad))
        (ax0, ay0), (bx0, by0) = boxes[0].p0 + boxes[0].size / 2, boxes[1].p0 + boxes[1].size / 2
        dx, dy = bx0 - ax0, by0 - ay0
        # The arc's control point (as in ConnectionStyle.Arc3): leave and enter towards it.
        cx, cy = (ax0 + bx0) / 2 + self.rad * dy, (ay0 + by0) / 2 - self.rad * dx
        start = _edge_point(boxes[0], cx - ax0, cy - ay0)
        end = _edge_point(boxes[1], cx - bx0, cy - by0)
        self.set_positions(start, end)
        super().draw(renderer)


def _edge_point(box, dx: float, dy: float) -> tuple[float, float]:
    """Where the ray from the centre of ``box`` in direction (dx, dy) leaves the box."""
    cx, cy = box.x0 + box.width / 2, box.y0 + box.height / 2
    scale = min(
        (box.width / 2) / abs(dx) if dx else float("inf"),
        (box.height / 2) / abs(dy) if dy else float("inf"),
    )
    if scale == float("inf"):
        return cx, cy
    return cx + dx * scale, cy + dy * scale


def _crosses_a_box(pos: dict, a: int, b: int) -> bool:
    """Whether the straight arrow a → b would pass through the box of a node between them."""
    (xa, ya), (xb, yb) = pos[a], pos[b]
    for v, (x, y) in pos.items():
        if v not in (a, b) and xa < x < xb and abs(ya + (yb - ya) * (x - xa) / (xb - xa) - y) < 0.5:
            return True
    return False


def update_graph(art: GraphArtists, nodes: Sequence[TraceNode]) -> None:
    """Write new values and gradients into the boxes of :func:`draw_graph` (same graph shape)."""
    if len(nodes) != len(art.texts):
        raise ValueError(f"nodes must be the same graph as drawn ({len(art.texts)} nodes), got {len(nodes)}")
    for node, text, args in zip(nodes, art.texts, art.args):
        text.set_text(node_text(node, args))


def figure_size(positions: dict) -> tuple[float, float]:
    """A figure size (inches) that fits a layout's columns and rows at a readable font size."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    cols, rows = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
    return max(5.0, _COLUMN_INCHES * cols + 0.3), max(2.8, _ROW_INCHES * rows + 1.4)


def plot_graph(
    nodes: Any,
    edges: Sequence[tuple[int, int]] | None = None,
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a computational graph: boxes with name, value and gradient; arrows by data flow.

    Parameters
    ----------
    nodes : list of TraceNode, or Value
        The nodes of :func:`helpers.autodiff.trace`; or the output :class:`~helpers.autodiff.Value`
        itself (it is traced here). Call ``backward()`` first to see gradients.
    edges : list of (int, int), optional
        The edges of :func:`helpers.autodiff.trace`; omit them when ``nodes`` is a Value.
    ax : Axes, optional
        Where to draw; default a new figure sized to the graph.
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from helpers import plots
    >>> from helpers.autodiff import square_of_sum_graph
    >>> ax = plots.graph(square_of_sum_graph(1.0, 2.0), title="z = (x + y)²")
    """
    if isinstance(nodes, Value):
        if edges is not None:
            raise ValueError("edges must be omitted when nodes is a Value (it is traced here)")
        nodes, edges = trace(nodes)
    if edges is None:
        raise TypeError("edges is required with a list of nodes: pass both outputs of trace(root)")
    check_axes(ax)
    nodes, edges = _check_graph(nodes, edges)
    with course_style():
        if ax is None:
            ax = axes_or_new(None, figure_size(graph_layout(nodes, edges)))
        draw_graph(ax, nodes, edges)
        ax.set_title(title if title is not None else f"computational graph of {_name(nodes[-1])}")
    return ax
