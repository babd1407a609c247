"""Safe parsing of a formula typed by a learner (or sent by a public dashboard).

The text is untrusted, so it never reaches ``eval``, ``sympy.sympify`` or ``parse_expr``.
It is parsed by Python's :mod:`ast` module and walked against an allow-list; the sympy
expression is built node by node from what the walk accepts:

* the given variable names and the constants ``pi`` and ``e``;
* int and float literals (at most 1e6 in size);
* ``+ - * / **`` (``^`` is read as ``**``), unary ``+ -`` and parentheses;
* one-argument calls of ``sin cos tan exp log sqrt sinh cosh tanh abs`` and ``ln`` (= ``log``),
  ``log(x, b)`` with a constant base b, and ``|...|`` for ``abs(...)``.

A function written without parentheses (``sin x``) or a product without ``*`` (``2x``) is refused
with the formula to type instead ("write it as sin(x)"), checked to be accepted.

Size bounds (text length, node count, nesting depth, power towers, exponents and the size
of every number built on the way) keep sympy from being asked for anything slow. The formula
is built in real symbols (in complex ones sympy's automatic simplification can take seconds)
and handed back in plain ``sympy.Symbol("x")`` symbols, the ones a notebook makes.

A :class:`FormulaError` says what is wrong in the edition's language (helpers/i18n.py), since the
exercise checks show it in their feedback; the catalogue ``tr`` is at the end of this module.
"""

from __future__ import annotations

import ast
import functools
import keyword
import math
import re
import unicodedata
from collections.abc import Callable, Sequence

import numpy as np
import sympy

from .i18n import Messages

__all__ = ["FormulaError", "parse_formula", "vectorise"]

MAX_LENGTH = 200
MAX_NODES = 100
MAX_DEPTH = 30
MAX_LITERAL = 1e6
MAX_EXPONENT = 100
MAX_TOWER = 2
# Every number built on the way stays below this, so sympy never grinds on a huge one.
MAX_LOG10 = 300

FUNCTIONS: dict[str, Callable] = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "abs": sympy.Abs,
    "ln": sympy.log,
}
CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}

_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}
_UNARY = {ast.UAdd: lambda a: a, ast.USub: lambda a: -a}

# Symbols learners paste from lecture notes, read as their ASCII spelling.
_TYPOGRAPHY = str.maketrans({"−": "-", "×": "*", "·": "*", "²": "^2", "³": "^3"})

# "f(x) =", "f(x, y)=", "y =" in front of the formula; "=" but not "==".
_PREFIX = re.compile(r"\s*([A-Za-z_]\w*)\s*(?:\(\s*([^()=]*?)\s*\))?\s*=(?!=)")
# Whole numbers (the exponent part greedy, so "1e5" is one number) and whole names.
_NUMBER = re.compile(r"(?<![\w.])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME_OR_CLOSE = re.compile(r"(?<![\w.])[^\W\d]\w*|\)")


def _not_allowed(kind: type) -> str:
    """Why a construct of this AST node type is refused, in the edition's language."""
    reasons = {
        ast.Attribute: tr("attribute access (the '.' in a.b) is not allowed"),
        ast.Subscript: tr("indexing such as x[0] is not allowed"),
        ast.Lambda: tr("lambda is not allowed"),
        ast.IfExp: tr("conditional expressions (... if ... else ...) are not allowed"),
        ast.Compare: tr("comparisons (==, <, >, ...) are not allowed"),
        ast.BoolOp: tr("'and' and 'or' are not allowed"),
        ast.NamedExpr: tr("':=' is not allowed"),
        ast.JoinedStr: tr("strings are not allowed"),
        ast.Starred: tr("'*' unpacking is not allowed"),
        ast.List: tr("lists are not allowed"),
        ast.Tuple: tr("tuples are not allowed (did you type a comma?)"),
        ast.Set: tr("sets ({{...}}) are not allowed"),
        ast.Dict: tr("dicts ({{...}}) are not allowed"),
        ast.Await: tr("'await' is not allowed"),
    }
    if kind in (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp):
        return tr("comprehensions are not allowed")
    if kind in (ast.Yield, ast.YieldFrom):
        return tr("'yield' is not allowed")
    return reasons.get(kind) or tr("{kind} is not allowed", kind=kind.__name__)


class FormulaError(ValueError):
    """A typed formula that cannot be accepted; the message says what is wrong and what is allowed."""


def _allowed_summary(names: Sequence[str]) -> str:
    return tr(
        "a formula may use the names {names}, numbers, + - * / ** (or ^), parentheses and the functions {functions}",
        names=", ".join(names),
        functions=", ".join(FUNCTIONS),
    )


def _refused(reason: str, names: Sequence[str]) -> FormulaError:
    """What is refused, then what is allowed."""
    return FormulaError(tr("{reason}; {allowed}", reason=reason, allowed=_allowed_summary(names)))


def _check_variables(variables) -> tuple[str, ...]:
    if isinstance(variables, str):
        variables = (variables,)
    try:
        names = tuple(variables)
    except TypeError:
        raise TypeError(f"variables must be a sequence of names such as ('x', 'y'), got {variables!r}") from None
    if not names:
        raise ValueError("variables must name at least one variable, got an empty sequence")
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"variables must contain strings, got {name!r} of type {type(name).__name__}")
        # Python reads identifiers NFKC-normalised; a name that changes would never match.
        ok = name.isidentifier() and unicodedata.normalize("NFKC", name) == name
        if not ok or keyword.iskeyword(name) or name.startswith("_"):
            raise ValueError(
                f"variables must be plain identifiers such as 'x' or 'w1' (not starting with '_'), got {name!r}"
            )
        if name in FUNCTIONS or name in CONSTANTS or name in ("E", "True", "False", "None"):
            reserved = ", ".join([*FUNCTIONS, *CONSTANTS])
            raise ValueError(f"variables must not reuse a function or constant name ({reserved}), got {name!r}")
    if len(set(names)) != len(names):
        raise ValueError(f"variables must be distinct, got {names!r}")
    return names


def _prepare(text: str, names: tuple[str, ...]) -> str:
    """Bounds, characters and an optional ``f(x) =`` prefix; returns the bare expression."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            tr(
                "the formula is too long: {length} characters, at most {limit} are allowed",
                length=len(text),
                limit=MAX_LENGTH,
            )
        )
    text = text.translate(_TYPOGRAPHY)
    for i, ch in enumerate(text):
        if not (" " <= ch <= "~" or ch.isalpha()):
            raise FormulaError(
                tr(
                    "character {ch!r} at position {position} is not allowed: write the formula on one line "
                    "with letters, digits, spaces and + - * / ^ ( )",
                    ch=ch,
                    position=i,
                )
            )
    prefix = _PREFIX.match(text)
    if prefix:
        params = prefix.group(2)
        if params is not None:
            for p in (s.strip() for s in params.split(",")):
                if p not in names:
                    raise FormulaError(
                        tr(
                            "the left-hand side {lhs!r} names {name!r}, but the allowed variables are {names}",
                            lhs=prefix.group(0).strip(),
                            name=p,
                            names=", ".join(names),
                        )
                    )
        text = text[prefix.end() :]
    if not text.strip():
        example = " + ".join(f"{n}**2" for n in names)
        raise FormulaError(tr("the formula is empty: type an expression, e.g. {example}", example=example))
    # "^" is how most people write powers; Python's "^" (xor) has no place in a formula.
    return _absolute_bars(text.replace("^", "**").strip())


_BARS = re.compile(r"\|([^|]+)\|")


def _absolute_bars(text: str) -> str:
    """|...| as abs(...), innermost first (||x| - 1| is abs(abs(x) - 1)); unpaired bars stay, and are refused."""
    while True:
        new = _BARS.sub(r" abs(\1) ", text).strip()  # spaced: "2|x|" is a product, not a call of "2abs"
        if new == text:
            return text
        text = new


def _implicit_product(src: str) -> str | None:
    """Spot a product written without '*' ("2x", "3 sin(x)", "(x+1)x", "x y") and return "2*x"."""
    for pattern in (_NUMBER, _NAME_OR_CLOSE):
        for m in pattern.finditer(src):
            rest = src[m.end() :].lstrip()
            follower = re.match(r"[^\W\d]\w*|\(|\d+", rest)
            if not follower or (pattern is _NAME_OR_CLOSE and m.group(0) != ")" and follower.group(0) == "("):
                continue  # "sin (x)" is a call, not a product
            left, right = m.group(0), follower.group(0)
            if keyword.iskeyword(left) or keyword.iskeyword(right):
                continue
            left = "(...)" if left == ")" else left
            right = "(...)" if right == "(" else right
            if rest[len(right) :].lstrip().startswith("("):
                right += "(...)"
            return f"{left}*{right}"
    return None


_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([^\W\d]\w*)|(\*\*|\S))")


def _rewrite(src: str) -> tuple[str, list[str]] | None:
    """The formula with the parentheses of calls and the '*' of products filled in, and what was filled in
    (sorted, of ``"parentheses"`` and ``"product"``; :func:`_fixes_said` says them in words).

    "2 sin x" → "2*sin(x)". A function name followed by operands takes them as its argument up to
    the next operator or function, a power included ("sin 2x^2" → "sin(2*x**2)", as in print);
    any other two operands in a row are multiplied.
    """
    tokens: list[str] = []
    pos = 0
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m or m.lastindex is None or m.end() == pos:  # a match always sets one group
            return None
        tokens.append(m.group(m.lastindex))
        pos = m.end()

    def operand(t: str) -> bool:
        return t not in FUNCTIONS and bool(re.match(r"[^\W\d]\w*|\d|\.\d", t))

    def product(out: list[str], t: str) -> None:
        if out and (operand(out[-1]) or out[-1] == ")") and (operand(t) or t in FUNCTIONS or t == "("):
            out.append("*")
            fixes.add("product")
        out.append(t)

    out: list[str] = []
    fixes: set[str] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in FUNCTIONS and i + 1 < len(tokens) and operand(tokens[i + 1]):
            product(out, tok)
            out.append("(")
            i += 1
            while i < len(tokens) and operand(tokens[i]):
                product(out, tokens[i])
                if i + 2 < len(tokens) and tokens[i + 1] == "**" and operand(tokens[i + 2]):
                    out += ["**", tokens[i + 2]]
                    i += 2
                i += 1
            out.append(")")
            fixes.add("parentheses")
            continue
        product(out, tok) if not (out and out[-1] in FUNCTIONS and tok == "(") else out.append(tok)
        i += 1
    # Spaces around a binary + or -, none after a sign: "- sin(x)" is "-sin(x)".
    text = "".join(f" {t} " if t in "+-" and k and out[k - 1] not in "(*/**+-" else t for k, t in enumerate(out))
    return (text.strip(), sorted(fixes)) if fixes else None


def _fixes_said(fixes: Sequence[str]) -> str:
    """What :func:`_rewrite` filled in, in words."""
    if list(fixes) == ["parentheses", "product"]:
        return tr("a function takes its argument in parentheses and a product needs *")
    if list(fixes) == ["product"]:
        return tr("a product needs *")
    return tr("a function takes its argument in parentheses")


def _syntax_error(src: str, exc: SyntaxError, names: tuple[str, ...]) -> FormulaError:
    rewritten = _rewrite(src)
    if rewritten is not None:
        fixed, fixes = rewritten
        try:
            ast.parse(fixed, mode="eval")  # first, so that _parse never comes back here
            _parse(fixed, names)  # suggest only what is accepted
        except (SyntaxError, FormulaError):
            pass
        else:
            return FormulaError(
                tr("write it as {fixed} ({why})", fixed=fixed.replace("**", "^"), why=_fixes_said(fixes))
            )
    product = _implicit_product(src)
    if product:
        return FormulaError(tr("use * for multiplication, e.g. {product}", product=product))
    if "|" in src:
        return FormulaError(tr("the bars | | do not pair up: write |x| or abs(x) for the absolute value"))
    where = tr(" at position {offset}", offset=exc.offset) if exc.offset else ""
    # exc.msg is Python's own reason ("invalid syntax"), in English in both editions.
    return FormulaError(
        tr("the formula cannot be read ({reason}{where}); write it like x**2 + 2*x + 3", reason=exc.msg, where=where)
    )


def _tree_size(node: ast.AST) -> tuple[int, int, int]:
    """Return (expression nodes, nesting depth, power-tower height) of the tree."""
    nodes, depth, tower = 1, 0, 0
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, ast.expr):
            continue
        n, d, t = _tree_size(child)
        nodes += n
        depth = max(depth, d)
        is_exponent = isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and child is node.right
        tower = max(tower, t + 1 if is_exponent else t)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        tower = max(tower, 1)
    return nodes, depth + 1, tower


class _Builder:
    """Builds the sympy expression from an allowed AST, refusing everything else."""

    def __init__(self, names: tuple[str, ...]):
        self.symbols = {n: sympy.Symbol(n, real=True) for n in names}
        self.allowed = (*names, *CONSTANTS)

    def build(self, node: ast.AST) -> sympy.Expr:
        try:
            value = self._node(node)
        except ZeroDivisionError:  # sympy gives zoo for 1/0 but mpmath raises for 0.1/0.0
            value = sympy.zoo
        if value.has(sympy.zoo, sympy.nan, sympy.oo, sympy.S.NegativeInfinity):
            raise FormulaError(tr("the formula is undefined: it divides by zero or takes log(0) somewhere"))
        if value.is_number:
            self._check_constant(value)
        return value

    def _node(self, node: ast.AST) -> sympy.Expr:
        if isinstance(node, ast.Constant):
            return self._constant(node.value)
        if isinstance(node, ast.Name):
            return self._name(node.id)
        if isinstance(node, ast.UnaryOp):
            if type(node.op) not in _UNARY:
                op = {ast.Not: "not", ast.Invert: "~"}.get(type(node.op), type(node.op).__name__)
                raise FormulaError(tr("'{op}' is not allowed; the only signs allowed in front are + and -", op=op))
            return _UNARY[type(node.op)](self.build(node.operand))
        if isinstance(node, ast.BinOp):
            return self._binary(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        raise _refused(_not_allowed(type(node)), self.allowed)

    def _constant(self, value) -> sympy.Expr:
        if isinstance(value, bool):
            raise FormulaError(tr("True and False are not allowed; use numbers such as 1 or 0"))
        if isinstance(value, complex):
            raise FormulaError(tr("complex numbers such as 1j are not allowed; formulas are real-valued"))
        if isinstance(value, (str, bytes)):
            raise _refused(_not_allowed(ast.JoinedStr), self.allowed)
        if not isinstance(value, (int, float)):
            raise _refused(tr("{kind} is not allowed", kind=repr(value)), self.allowed)
        if not math.isfinite(value):  # 1e999 is read as inf: there is no number to name
            raise FormulaError(
                tr("a number in the formula is too large: numbers must be at most {limit:g} in size", limit=MAX_LITERAL)
            )
        if not abs(value) <= MAX_LITERAL:
            raise FormulaError(
                tr(
                    "the number {value:g} is too large: numbers must be at most {limit:g} in size",
                    value=value,
                    limit=MAX_LITERAL,
                )
            )
        return sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)

    def _name(self, name: str) -> sympy.Expr:
        if name in self.symbols:
            return self.symbols[name]
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name in FUNCTIONS:
            raise FormulaError(tr("'{name}' is a function: call it with an argument, e.g. {name}(x)", name=name))
        for f in FUNCTIONS:  # "sinx", "ln2"
            rest = name[len(f) :]
            if name.startswith(f) and (rest in self.allowed or rest.isdigit()):
                raise FormulaError(
                    tr("unknown name {name!r}: write it as {f}({rest}), with parentheses", name=name, f=f, rest=rest)
                )
        raise FormulaError(
            tr(
                "unknown name {name!r} in the formula: allowed names are {names}",
                name=name,
                names=", ".join(self.allowed),
            )
        )

    def _binary(self, node: ast.BinOp) -> sympy.Expr:
        if type(node.op) not in _BINARY:
            symbol = {ast.MatMult: "@", ast.Mod: "%", ast.FloorDiv: "//", ast.BitXor: "^"}.get(type(node.op))
            hint = tr("; use * for multiplication") if symbol == "@" else ""
            raise FormulaError(
                tr(
                    "the operator '{symbol}' is not allowed{hint}; the operators allowed are + - * / ** (or ^)",
                    symbol=symbol or type(node.op).__name__,
                    hint=hint,
                )
            )
        left, right = self.build(node.left), self.build(node.right)
        if isinstance(node.op, ast.Pow):
            self._check_power(left, right)
        return _BINARY[type(node.op)](left, right)

    def _call(self, node: ast.Call) -> sympy.Expr:
        func = node.func
        if not isinstance(func, ast.Name):
            if isinstance(func, ast.Attribute):
                raise _refused(_not_allowed(ast.Attribute), self.allowed)
            raise FormulaError(tr("use * for multiplication, e.g. 2*(x + 1) or (x + 1)*(x - 1)"))
        name = func.id
        if name not in FUNCTIONS:
            if name in self.symbols or name in CONSTANTS:
                raise FormulaError(
                    tr("'{name}' is not a function; use * for multiplication, e.g. {name}*(x + 1)", name=name)
                )
            raise FormulaError(
                tr(
                    "{name!r} is not an allowed function; allowed: {functions}",
                    name=name,
                    functions=", ".join(FUNCTIONS),
                )
            )
        if node.keywords:
            raise FormulaError(tr("{name} takes no keyword arguments; write {name}(x)", name=name))
        if name == "log" and len(node.args) == 2:
            return self._log(*node.args)
        if len(node.args) != 1:
            also = tr(" (or log(x, b) for the logarithm to the base b)") if name in ("log", "ln") else ""
            raise FormulaError(
                tr("{name} takes exactly one argument{also}, got {count}", name=name, also=also, count=len(node.args))
            )
        return FUNCTIONS[name](self.build(node.args[0]))

    def _log(self, arg: ast.AST, base: ast.AST) -> sympy.Expr:
        """log(x, b): the logarithm to a constant base b > 0, b ≠ 1."""
        b = self.build(base)
        if not b.is_number or not (b.is_positive and b != 1):
            raise FormulaError(
                tr("the base of log(x, b) must be a number b > 0 other than 1, such as 2 or 10, got {base}", base=b)
            )
        return sympy.log(self.build(arg)) / sympy.log(b)

    @staticmethod
    def _check_constant(value: sympy.Expr) -> None:
        """A constant part must be a real number of modest size.

        Checked at every node, so each evaluation starts from modest numbers and stays quick,
        and the Python-float arithmetic lambdify emits for constants cannot overflow.
        """
        number = value if value.is_Number else value.evalf(15)
        real, imag = number.as_real_imag()
        if not (real.is_Number and imag.is_Number):
            return  # not evaluable to a number; numpy gives nan at worst
        if not imag.is_zero:
            raise FormulaError(
                tr("the formula has a complex value {value}; formulas must be real (e.g. no sqrt(-1))", value=value)
            )
        if abs(real) > 10**MAX_LOG10:
            raise FormulaError(tr("a number in the formula is too large (over 1e{limit})", limit=MAX_LOG10))

    @staticmethod
    def _check_power(base: sympy.Expr, exponent: sympy.Expr) -> None:
        if not exponent.is_Number:
            return
        if abs(exponent) > MAX_EXPONENT:
            raise FormulaError(
                tr(
                    "the exponent {exponent} is too large: exponents must be at most {limit} in size",
                    exponent=exponent,
                    limit=MAX_EXPONENT,
                )
            )
        if base.is_Number and not base.is_zero:
            # Estimate the size before sympy computes it exactly (log of a Number is cheap).
            digits = float(exponent) * float(sympy.log(abs(base)).evalf(8)) / math.log(10)
            if abs(digits) > MAX_LOG10:
                raise FormulaError(
                    tr(
                        "the number {base}**{exponent} is too large or too small to work with",
                        base=base,
                        exponent=exponent,
                    )
                )


@functools.lru_cache(maxsize=512)
def _parse(text: str, names: tuple[str, ...]) -> sympy.Expr:
    """The formula in *real* symbols: sympy's automatic simplification of functions of a complex
    symbol can split powers into real and imaginary parts and take seconds (sin(tanh(y**100)))."""
    src = _prepare(text, names)
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError as exc:
        raise _syntax_error(src, exc, names) from None
    nodes, depth, tower = _tree_size(tree.body)
    if nodes > MAX_NODES:
        raise FormulaError(
            tr("the formula is too long: {nodes} parts, at most {limit} are allowed", nodes=nodes, limit=MAX_NODES)
        )
    if depth > MAX_DEPTH:
        raise FormulaError(
            tr(
                "the formula is nested too deeply: depth {depth}, at most {limit} is allowed",
                depth=depth,
                limit=MAX_DEPTH,
            )
        )
    if tower > MAX_TOWER:
        raise FormulaError(tr("power towers such as x**x**x**x are limited to {limit} levels of **", limit=MAX_TOWER))
    return _Builder(names).build(tree.body)


def parse_formula(text: str, variables: Sequence[str] = ("x",)) -> sympy.Expr:
    """Parse a typed formula into a sympy expression without ever evaluating the text.

    Parameters
    ----------
    text : str
        The formula, e.g. ``"x^2 + 2*x + 3"`` or ``"f(x, y) = x**2 + 2*y**2"``. An optional
        left-hand side ``f(x) =`` or ``y =`` is dropped; ``^`` means ``**``.
    variables : sequence of str
        The variable names the formula may use (identifiers, not ``pi``, ``e`` or a function name).

    Returns
    -------
    sympy.Expr
        The expression, in plain (assumption-free) sympy Symbols named as ``variables``.

    Raises
    ------
    TypeError
        If ``text`` is not a string or ``variables`` is not a sequence of strings.
    FormulaError
        If the text is not an allowed formula; the message says what is wrong and what is allowed.

    Examples
    --------
    >>> parse_formula("f(x) = x^2 + 2*x + 3")
    x**2 + 2*x + 3
    >>> parse_formula("x**2 + 2*y**2", ("x", "y"))
    x**2 + 2*y**2
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string such as 'x**2 + 1', got {text!r:.80} of type {type(text).__name__}")
    return _plain(_parse(text, _check_variables(variables)))


# --- compiled callables -------------------------------------------------------------------


def _swap(expr: sympy.Basic, mapping: dict) -> sympy.Basic:
    """Replace symbols in an already simplified tree without simplifying it again.

    ``xreplace`` would re-evaluate every function: in complex symbols sympy may then split
    powers into real and imaginary parts, which takes seconds for sin(tanh(y**100)). Sums and
    products are still rebuilt normally, a cheap step that puts their terms in canonical order.
    """
    if expr in mapping:
        return mapping[expr]
    if not expr.args or not (expr.free_symbols & mapping.keys()):
        return expr
    args = [_swap(a, mapping) for a in expr.args]
    if expr.is_Add or expr.is_Mul:
        return expr.func(*args)
    try:
        return expr.func(*args, evaluate=False)
    except TypeError:  # a class without an evaluate option
        return expr.func(*args)


def _plain(expr: sympy.Basic) -> sympy.Basic:
    """The expression in plain Symbols, the ones a notebook makes with ``sympy.Symbol("x")``."""
    return _swap(expr, {s: sympy.Symbol(s.name) for s in expr.free_symbols if s.is_real})


def _real_diff(expr: sympy.Expr, symbol: sympy.Symbol) -> sympy.Expr:
    """d expr / d symbol, reading the symbol as real: |x|' is sign(x), not a complex formula."""
    if symbol.is_real:
        return sympy.diff(expr, symbol)
    real = sympy.Symbol(symbol.name, real=True)
    return _swap(sympy.diff(expr.xreplace({symbol: real}), real), {real: symbol})


def _as_float_array(name: str, value) -> np.ndarray:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number or an array of numbers, got {value!r:.80}") from None


def _real(value) -> np.ndarray:
    value = np.asarray(value)
    if np.iscomplexobj(value):
        # e.g. (-e)**e or log(cos(e)): a complex value means the point is outside f's real domain.
        value = np.where(value.imag == 0, value.real, np.nan)
    return value.astype(float, copy=False)


def vectorise(exprs: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol], *, stack: bool) -> Callable:
    """Compile ``exprs`` once with lambdify into a numpy callable that broadcasts and never warns.

    The course's one way to turn expressions into numpy functions: an
    :class:`~helpers.functions.Objective`'s ``f_grid``, the derivatives of :mod:`helpers.calculus`
    and the minima search all come from here.

    With one symbol the callable takes ``x`` (number or array). With several it takes either
    ``d`` arguments or one array whose first axis has length ``d`` (a point, or stacked grids).
    ``stack=False`` returns the single expression's values; ``stack=True`` stacks the values of
    all ``exprs`` along a new first axis (a gradient of shape ``(d,)`` at a point).
    """
    # The arguments become real stand-ins whose names no variable or numpy function can have, so
    # lambdify substitutes nothing itself (its dummies are complex, which can make sympy very slow).
    stand_ins = [sympy.Symbol(f"_x{i}", real=True) for i in range(len(symbols))]
    replace = dict(zip(symbols, stand_ins))
    # numpy cannot take the log (or sin, ...) of a Python int beyond int64, so big ones become
    # floats; a derivative can hold sympy's complex infinity (d/dx 0**x has log(0)), which is nan.
    exprs = [
        e.xreplace({**replace, **{n: sympy.Float(n) for n in e.atoms(sympy.Integer) if abs(n) > 2**53}}) for e in exprs
    ]
    exprs = [e.xreplace({sympy.zoo: sympy.nan}) for e in exprs]
    raw = sympy.lambdify(stand_ins, exprs, modules="numpy", dummify=False)
    d = len(symbols)
    names = ", ".join(s.name for s in symbols)

    def call(*args):
        if len(args) == 1 and (d > 1 or stack):
            point = _as_float_array("the point", args[0])
            if d == 1 and point.ndim == 0:  # a gradient in one variable still has shape (1,)
                point = point[None]
            if point.ndim == 0 or point.shape[0] != d:
                raise ValueError(f"expected a point of {d} coordinates ({names}), got shape {point.shape}")
            args = tuple(point)
        elif len(args) != d:
            raise TypeError(f"expected {d} argument(s) ({names}) or one array of {d} coordinates, got {len(args)}")
        else:
            args = tuple(_as_float_array(s.name, a) for s, a in zip(symbols, args))
        shape = np.broadcast_shapes(*(np.shape(a) for a in args))
        # Outside the domain (log(-1), 1/0) numpy returns nan/inf: callers such as
        # gradient_descent report that as divergence, so the warnings would only be noise.
        with np.errstate(all="ignore"):
            try:
                values = [np.broadcast_to(_real(v), shape) for v in raw(*args)]
            except ArithmeticError:  # Python-float arithmetic on constants, e.g. 0.0**-1
                values = [np.full(shape, np.nan)] * len(exprs)
        out = np.stack(values) if stack else values[0].copy()
        return out[()] if out.ndim == 0 else out

    return call


# --- the Korean edition's messages (helpers/i18n.py) ---------------------------------------

tr = Messages(
    {
        # what is refused, then what is allowed
        "{reason}; {allowed}": "{reason}. {allowed}",
        "a formula may use the names {names}, numbers, + - * / ** (or ^), parentheses and the functions {functions}": (
            "수식에 쓸 수 있는 것: 이름 {names}, 숫자, + - * / ** (또는 ^), 괄호, 함수 {functions}"
        ),
        "attribute access (the '.' in a.b) is not allowed": "속성 접근(a.b의 '.')은 쓸 수 없습니다",
        "indexing such as x[0] is not allowed": "x[0] 같은 인덱싱은 쓸 수 없습니다",
        "lambda is not allowed": "lambda는 쓸 수 없습니다",
        "conditional expressions (... if ... else ...) are not allowed": (
            "조건식(... if ... else ...)은 쓸 수 없습니다"
        ),
        "comparisons (==, <, >, ...) are not allowed": "비교(==, <, >, ...)는 쓸 수 없습니다",
        "'and' and 'or' are not allowed": "'and'와 'or'는 쓸 수 없습니다",
        "':=' is not allowed": "':='는 쓸 수 없습니다",
        "strings are not allowed": "문자열은 쓸 수 없습니다",
        "'*' unpacking is not allowed": "'*' 언패킹(unpacking)은 쓸 수 없습니다",
        "lists are not allowed": "리스트는 쓸 수 없습니다",
        "tuples are not allowed (did you type a comma?)": "튜플은 쓸 수 없습니다(쉼표를 입력하지 않았나요?)",
        "sets ({{...}}) are not allowed": "집합({{...}})은 쓸 수 없습니다",
        "dicts ({{...}}) are not allowed": "딕셔너리({{...}})는 쓸 수 없습니다",
        "'await' is not allowed": "'await'는 쓸 수 없습니다",
        "comprehensions are not allowed": "컴프리헨션(comprehension)은 쓸 수 없습니다",
        "'yield' is not allowed": "'yield'는 쓸 수 없습니다",
        "{kind} is not allowed": "{kind}은(는) 쓸 수 없습니다",
        "the formula is undefined: it divides by zero or takes log(0) somewhere": (
            "수식이 정의되지 않습니다: 어딘가에서 영으로 나누거나 log(0)을 구합니다"
        ),
        # the text
        "the formula is too long: {length} characters, at most {limit} are allowed": (
            "수식이 너무 깁니다: {length}자입니다. 최대 {limit}자까지 쓸 수 있습니다"
        ),
        "character {ch!r} at position {position} is not allowed: write the formula on one line "
        "with letters, digits, spaces and + - * / ^ ( )": (
            "위치 {position}의 문자 {ch!r}은(는) 쓸 수 없습니다: 수식은 한 줄에 문자, 숫자, 공백과 "
            "+ - * / ^ ( )만으로 쓰세요"
        ),
        "the left-hand side {lhs!r} names {name!r}, but the allowed variables are {names}": (
            "좌변 {lhs!r}에 {name!r}이(가) 있지만, 쓸 수 있는 변수는 {names}입니다"
        ),
        "the formula is empty: type an expression, e.g. {example}": "수식이 비어 있습니다: 식을 입력하세요. 예: {example}",
        # what cannot be read, and what to type instead
        "a product needs *": "곱셈에는 *가 필요합니다",
        "a function takes its argument in parentheses": "함수의 인자는 괄호 안에 씁니다",
        "a function takes its argument in parentheses and a product needs *": (
            "함수의 인자는 괄호 안에 쓰고, 곱셈에는 *가 필요합니다"
        ),
        "write it as {fixed} ({why})": "이렇게 쓰세요: {fixed} ({why})",
        "use * for multiplication, e.g. {product}": "곱셈에는 *를 쓰세요. 예: {product}",
        "the bars | | do not pair up: write |x| or abs(x) for the absolute value": (
            "절댓값 기호 | |의 짝이 맞지 않습니다: 절댓값은 |x| 또는 abs(x)로 쓰세요"
        ),
        " at position {offset}": ", 위치 {offset}",
        "the formula cannot be read ({reason}{where}); write it like x**2 + 2*x + 3": (
            "수식을 읽을 수 없습니다({reason}{where}). x**2 + 2*x + 3처럼 쓰세요"
        ),
        # the size of the tree
        "the formula is too long: {nodes} parts, at most {limit} are allowed": (
            "수식이 너무 깁니다: 구성 요소가 {nodes}개입니다. 최대 {limit}개까지 쓸 수 있습니다"
        ),
        "the formula is nested too deeply: depth {depth}, at most {limit} is allowed": (
            "수식이 너무 깊게 중첩되어 있습니다: 깊이가 {depth}입니다. 최대 {limit}까지 쓸 수 있습니다"
        ),
        "power towers such as x**x**x**x are limited to {limit} levels of **": (
            "x**x**x**x 같은 거듭제곱 탑(power tower)에는 **를 {limit}단계까지만 쓸 수 있습니다"
        ),
        # the parts of the formula
        "'{op}' is not allowed; the only signs allowed in front are + and -": (
            "'{op}'은(는) 쓸 수 없습니다. 앞에 붙일 수 있는 부호는 +와 -뿐입니다"
        ),
        "True and False are not allowed; use numbers such as 1 or 0": (
            "True와 False는 쓸 수 없습니다. 1이나 0 같은 숫자를 쓰세요"
        ),
        "complex numbers such as 1j are not allowed; formulas are real-valued": (
            "1j 같은 복소수는 쓸 수 없습니다. 수식의 값은 실수입니다"
        ),
        "the number {value:g} is too large: numbers must be at most {limit:g} in size": (
            "수 {value:g}은(는) 너무 큽니다: 수의 크기는 {limit:g} 이하여야 합니다"
        ),
        "a number in the formula is too large: numbers must be at most {limit:g} in size": (
            "수식 속의 수가 너무 큽니다: 수의 크기는 {limit:g} 이하여야 합니다"
        ),
        "'{name}' is a function: call it with an argument, e.g. {name}(x)": (
            "'{name}'은(는) 함수입니다: 인자를 넣어 호출하세요. 예: {name}(x)"
        ),
        "unknown name {name!r}: write it as {f}({rest}), with parentheses": (
            "알 수 없는 이름 {name!r}: 괄호를 넣어 {f}({rest})처럼 쓰세요"
        ),
        "unknown name {name!r} in the formula: allowed names are {names}": (
            "수식에 알 수 없는 이름 {name!r}이(가) 있습니다: 쓸 수 있는 이름은 {names}입니다"
        ),
        "; use * for multiplication": ". 곱셈에는 *를 쓰세요",
        "the operator '{symbol}' is not allowed{hint}; the operators allowed are + - * / ** (or ^)": (
            "연산자 '{symbol}'은(는) 쓸 수 없습니다{hint}. 쓸 수 있는 연산자는 + - * / ** (또는 ^)입니다"
        ),
        "use * for multiplication, e.g. 2*(x + 1) or (x + 1)*(x - 1)": (
            "곱셈에는 *를 쓰세요. 예: 2*(x + 1) 또는 (x + 1)*(x - 1)"
        ),
        "'{name}' is not a function; use * for multiplication, e.g. {name}*(x + 1)": (
            "'{name}'은(는) 함수가 아닙니다. 곱셈에는 *를 쓰세요. 예: {name}*(x + 1)"
        ),
        "{name!r} is not an allowed function; allowed: {functions}": (
            "{name!r}은(는) 쓸 수 있는 함수가 아닙니다. 쓸 수 있는 함수: {functions}"
        ),
        "{name} takes no keyword arguments; write {name}(x)": (
            "{name}에는 키워드 인자를 쓸 수 없습니다. {name}(x)처럼 쓰세요"
        ),
        " (or log(x, b) for the logarithm to the base b)": "(밑이 b인 로그는 log(x, b))",
        "{name} takes exactly one argument{also}, got {count}": (
            "{name}은(는) 인자를 정확히 하나 받습니다{also}. 받은 인자는 {count}개입니다"
        ),
        "the base of log(x, b) must be a number b > 0 other than 1, such as 2 or 10, got {base}": (
            "log(x, b)의 밑 b는 1이 아닌 양수(b > 0)여야 합니다(예: 2나 10). 받은 밑: {base}"
        ),
        # the values
        "the formula has a complex value {value}; formulas must be real (e.g. no sqrt(-1))": (
            "수식의 값이 복소수 {value}입니다. 수식의 값은 실수여야 합니다(예: sqrt(-1)은 안 됩니다)"
        ),
        "a number in the formula is too large (over 1e{limit})": "수식 속의 수가 너무 큽니다(1e{limit} 초과)",
        "the exponent {exponent} is too large: exponents must be at most {limit} in size": (
            "지수 {exponent}이(가) 너무 큽니다: 지수의 크기는 {limit} 이하여야 합니다"
        ),
        "the number {base}**{exponent} is too large or too small to work with": (
            "수 {base}**{exponent}은(는) 다루기에 너무 크거나 너무 작습니다"
        ),
    }
)
