"""The layers: core, store and formats never import Qt (they must run without a display); SQL stays in store/."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

import annotator
from annotator.store.changes import ChangeKind

PACKAGE = Path(annotator.__file__).parent
PURE_PACKAGES = ("core", "store", "formats", "cli")


def _modules() -> list[str]:
    names = []
    for sub in PURE_PACKAGES:
        for path in sorted((PACKAGE / sub).rglob("*.py")):
            rel = path.relative_to(PACKAGE.parent).with_suffix("")
            names.append(".".join(rel.parts).removesuffix(".__init__"))
    return names


def test_pure_layers_do_not_import_qt() -> None:
    modules = _modules()
    assert len(modules) > 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt imported by a pure layer: {result.stdout}"


# A SQL statement as the code spells it: upper-case keywords, then what makes it a statement.
_SQL = re.compile(
    r"^\s*(?:"
    r"SELECT\b.*\bFROM\b|SELECT\s+(?:1|count|DISTINCT)\b|INSERT\s+(?:OR\s+\w+\s+)?INTO\b|REPLACE\s+INTO\b"
    r"|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|(?:CREATE|DROP|ALTER)\s+(?:TABLE|INDEX|TRIGGER|VIEW|VIRTUAL)\b"
    r"|PRAGMA\s+\w+|WITH\s+\w+\s*(?:\(|AS\b)|BEGIN\b|COMMIT\b|ROLLBACK\b|SAVEPOINT\b|RELEASE\s+\w+|VACUUM\b"
    r")",
    re.S,
)
_EXECUTE = {"execute", "executemany", "executescript"}


def _strings(node: ast.AST) -> str | None:
    """The text of a string constant or f-string (its constant parts), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def sql_outside_store(package: Path) -> list[str]:
    """Where a module outside ``store/`` spells a SQL statement or runs one (``….execute(…)``)."""
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] == "store":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        # The parts of an f-string are constants too: look at whole strings only.
        parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            text = _strings(node) if id(node) not in parts else None
            if text is not None and _SQL.match(text):
                found.append(f"{rel}:{node.lineno}: {text.strip()[:60]!r}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _EXECUTE:
                found.append(f"{rel}:{node.lineno}: .{node.func.attr}(…)")
    return found


def test_no_sql_outside_the_store() -> None:
    assert sql_outside_store(PACKAGE) == []


def test_the_sql_check_finds_sql(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "ok.py").write_text('Q = "SELECT id FROM documents"\n')
    (tmp_path / "views.py").write_text(
        'A = "Select text from the keyboard"\n'
        'B = f"SELECT {cols} FROM annotations WHERE id = ?"\n'
        'C = "DELETE FROM entities WHERE id = ?"\n'
        "def f(db):\n"
        '    db.execute(query)\n'
        '    db.conn.executemany(query, rows)\n'
        'D = "PRAGMA data_version"\n'
        'E = "UPDATE labels SET hotkey = NULL"\n'
    )
    found = sql_outside_store(tmp_path)
    assert sorted(int(f.split(":")[1]) for f in found) == [2, 3, 5, 6, 7, 8], found


# Change kinds are ChangeKind members: a string spelled out where one is built or compared goes unnoticed when
# a kind is renamed (ChangeKind is a StrEnum, so the comparison would just stay False).
CHANGE_KINDS = frozenset(kind.value for kind in ChangeKind)
ON_PURPOSE = "# a string kind on purpose"


def _kind_literal(node: ast.AST) -> bool:
    """A string constant that is a change kind, or a collection literal holding one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value in CHANGE_KINDS
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_kind_literal(e) for e in node.elts)
    return False


def _mentions_kind(node: ast.AST) -> bool:
    """Whether an expression reads a ``kind`` (``change.kind``, ``[c.kind for c in heard]``, ``kind``)."""
    return any(
        (isinstance(n, ast.Attribute) and n.attr == "kind") or (isinstance(n, ast.Name) and n.id == "kind")
        for n in ast.walk(node)
    )


def string_change_kinds(paths: Iterable[Path], root: Path) -> list[str]:
    """Where a change kind is written as a string: ``Change("spans_added", …)``, ``change.kind == "external"``,
    ``kind in ("external", "reset")``, or a set of kinds spelled as strings (``{"spans_added", "spans_updated"}``)."""
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text, str(path))):
            bad = False
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Change":
                kind = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "kind"), None)
                bad = kind is not None and _kind_literal(kind)
            elif isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
                bad = any(_mentions_kind(o) for o in operands) and any(_kind_literal(o) for o in operands)
            elif isinstance(node, ast.Set | ast.Tuple | ast.List) and len(node.elts) > 1:
                # A collection of kinds and nothing else (a CLI report's keys are dict keys, not this).
                values = [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
                bad = all(isinstance(v, str) and v in CHANGE_KINDS for v in values)
            if bad and not lines[node.lineno - 1].rstrip().endswith(ON_PURPOSE):
                where = path.relative_to(root) if path.is_relative_to(root) else path
                found.append(f"{where}:{node.lineno}: {lines[node.lineno - 1].strip()[:70]}")
    return sorted(set(found))


def test_change_kinds_are_never_strings() -> None:
    root = Path(__file__).resolve().parents[1]
    paths = [p for p in (*PACKAGE.rglob("*.py"), *root.joinpath("tests").rglob("*.py")) if p.name != "changes.py"]
    assert string_change_kinds(paths, root) == []


def test_the_change_kind_check_finds_strings(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text(
        "from annotator.store.changes import Change, ChangeKind\n"
        'A = frozenset({"spans_added", "spans_updated", "external"})\n'
        "def f(change, heard):\n"
        '    if change.kind in ("external", "reset"):\n'
        '        return Change("spans_updated", 1)\n'
        '    assert [c.kind for c in heard] == ["links_changed"]\n'
        "    return Change(kind=\"labels_changed\")\n"
        '    report = {"spans_added": 1, "spans_updated": 2}\n'
        '    title = "external"\n'
        "    return Change(ChangeKind.RESET), change.kind == ChangeKind.EXTERNAL\n"
        f'    return Change("reset")  {ON_PURPOSE}\n'
    )
    found = string_change_kinds([tmp_path / "views.py"], tmp_path)
    assert [int(f.split(":")[1]) for f in found] == [2, 4, 5, 6, 7], found


def test_the_import_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml: the layers, no Qt below the window, no cycles in a layer."""
    root = Path(__file__).resolve().parents[1]
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", str(root / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken", result.stdout), result.stdout


def test_the_layers_below_the_window_type_check() -> None:
    """mypy on core/, store/, formats/, services/ and cli/ with the settings in pyproject.toml (strict)."""
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(root / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


# What ``mypy --strict`` turns on, as per-module settings.
STRICT_FLAGS = {
    "disallow_any_generics": True,
    "disallow_subclassing_any": True,
    "disallow_untyped_calls": True,
    "disallow_untyped_defs": True,
    "disallow_incomplete_defs": True,
    "check_untyped_defs": True,
    "disallow_untyped_decorators": True,
    "warn_return_any": True,
    "implicit_reexport": False,
    "strict_equality": True,
    "extra_checks": True,
    "warn_unused_ignores": True,
}
STRICT_PACKAGES = ("core", "store", "formats", "services", "cli")


def test_the_pure_layers_are_type_checked_strictly() -> None:
    """Every layer below the window is checked with every flag of ``mypy --strict`` (the check above runs them)."""
    config = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    for package in STRICT_PACKAGES:
        assert f"src/annotator/{package}" in mypy["files"], package
        override = next(o for o in mypy["overrides"] if f"annotator.{package}.*" in o["module"])
        assert {flag: override.get(flag) for flag in STRICT_FLAGS} == STRICT_FLAGS, package


# Keys of the window are declared in ui/actions.py (the menus, Help → Keyboard shortcuts and the README's keys table
# come from there): a view finds its own keys with ``view_binding``. What may still name a key elsewhere, and why.
KEYS_ALLOWED = {
    # Label hotkeys are the project's: any digit or letter (and N for the note unless a label takes it).
    "reader_keys.py": {"Key_0", "Key_9", "Key_A", "Key_Z", "Key_N"},
    # A picker's own navigation in its filter box: arrows move in the list, Enter picks, Escape closes.
    "views/links.py": {"Key_Up", "Key_Down", "Key_PageUp", "Key_PageDown", "Key_Return", "Key_Enter", "Key_Escape"},
    "views/entities.py": {"Key_Up", "Key_Down", "Key_Return", "Key_Enter", "Key_Escape"},
    # The project search box's own keys: Escape leaves it, Down goes to the results.
    "search_controller.py": {"Key_Escape", "Key_Down"},
    "panels/document_list.py": {"Key_Down"},
}
# The second key of an action when a label's hotkey takes the first (named in the action's description).
KEY_CONSTANTS_ALLOWED = {("views/links.py", "LINK_KEY_FALLBACK"), ("views/entities.py", "ENTITY_KEY_FALLBACK")}


_KEYS = re.compile(
    r"^(?:(?:Ctrl|Alt|Shift|Meta)\+)*(?:[A-Z0-9]|F\d\d?|[-+=,.]|Return|Enter|Escape|Delete|Backspace|Tab|PgUp|PgDown)$"
)


def keys_outside_the_action_table(ui: Path) -> list[str]:
    """Keys spelled in ``ui/`` outside ``actions.py``: ``Qt.Key.Key_…``, a ``QShortcut``, a ``QKeySequence`` or
    ``setShortcut`` of a literal, or a module constant holding keys (``"Ctrl+3"``); less the allowed ones."""
    found = []
    for path in sorted(ui.rglob("*.py")):
        rel = path.relative_to(ui).as_posix()
        if rel == "actions.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            what = None
            if isinstance(node, ast.Attribute) and node.attr.startswith("Key_"):
                what = node.attr if node.attr not in KEYS_ALLOWED.get(rel, ()) else None
            elif isinstance(node, ast.Name) and node.id == "QShortcut":
                what = "QShortcut"
            elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in ("QKeySequence", "setShortcut", "setShortcuts") and isinstance(node.args[0].value, str):
                    what = f"{name}({node.args[0].value!r})"
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node in tree.body:
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                looks_like_keys = isinstance(node.value.value, str) and _KEYS.match(node.value.value)
                if looks_like_keys and any((rel, n) not in KEY_CONSTANTS_ALLOWED for n in names):
                    what = f"{names[0]} = {node.value.value!r}"
            if what is not None:
                found.append(f"ui/{rel}:{node.lineno}: {what}")
    return sorted(found)


def test_every_key_of_the_window_is_in_the_action_table() -> None:
    assert keys_outside_the_action_table(PACKAGE / "ui") == []


def test_the_key_check_finds_keys(tmp_path: Path) -> None:
    (tmp_path / "actions.py").write_text('K = QKeySequence("Ctrl+K")\n')
    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "review.py").write_text(
        "class V:\n"
        "    def keyPressEvent(self, event):\n"
        "        if event.key() == Qt.Key.Key_A:\n"
        "            self.approve()\n"
        '        QShortcut(QKeySequence("Ctrl+3"), self)\n'
        '        self.action.setShortcut("F5")\n'
        'WORKSPACE_KEY = "Ctrl+3"\n'
        'TITLE = "Review"\n'
    )
    (tmp_path / "search_controller.py").write_text("if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5):\n    pass\n")
    assert keys_outside_the_action_table(tmp_path) == [
        "ui/search_controller.py:1: Key_F5",
        "ui/views/review.py:3: Key_A",
        "ui/views/review.py:5: QKeySequence('Ctrl+3')",
        "ui/views/review.py:5: QShortcut",
        "ui/views/review.py:6: setShortcut('F5')",
        "ui/views/review.py:7: WORKSPACE_KEY = 'Ctrl+3'",
    ]


# Project keeps its SQLite connection to itself (``_db``): outside store/, only these named helpers reach it, for
# tests and benchmarks that must look or write under the store.
RAW_CONNECTION_HELPERS = ("tests/raw_sql.py", "benchmarks/synthetic.py")


def reaches_the_connection(root: Path, folders: Iterable[str]) -> list[str]:
    """Where code outside ``store/`` reads a project's connection: ``x._db``, or ``x.db.<anything>`` (an
    ``args.db`` path is no connection)."""
    found = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if ("/store/" in f"/{rel}" and rel.startswith("src/")) or rel in RAW_CONNECTION_HELPERS:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                if isinstance(node, ast.Attribute) and (
                    node.attr == "_db" or (isinstance(node.value, ast.Attribute) and node.value.attr == "db")
                ):
                    found.append(f"{rel}:{node.lineno}")
    return sorted(set(found))


def test_only_the_store_holds_the_project_connection() -> None:
    root = Path(__file__).resolve().parents[1]
    assert reaches_the_connection(root, ("src/annotator", "tests", "benchmarks", "scripts")) == []


def test_the_connection_check_finds_a_reach(tmp_path: Path) -> None:
    (tmp_path / "src" / "store").mkdir(parents=True)
    (tmp_path / "src" / "store" / "backup.py").write_text("project._db.conn.backup(dest)\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "n = project.db.execute('SELECT 1')\nc = window.project._db\nProject(args.db)\n"
    )
    assert reaches_the_connection(tmp_path, ("src", "tests")) == ["tests/test_x.py:1", "tests/test_x.py:2"]


MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80


def too_long(package: Path, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Modules over MAX_MODULE_LINES lines and functions (decorators included) over MAX_FUNCTION_LINES,
    outside the sub-packages named in ``skip``."""
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] in skip:
            continue
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{rel}: {lines} lines")
        for node in ast.walk(ast.parse(text, str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = (node.end_lineno or node.lineno) - first + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{rel}:{node.lineno}: {node.name} has {length} lines")
    return found


def test_no_module_or_function_is_too_long() -> None:
    """No module over 700 lines and no function over 80, the window included: past that, a module or a
    function holds more than one idea."""
    assert too_long(PACKAGE) == []


def test_the_length_check_finds_long_code(tmp_path: Path) -> None:
    def body(lines: int, indent: str = "    ") -> str:
        return "".join(f"{indent}y{i} = {i}\n" for i in range(lines))

    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "window.py").write_text("def f():\n" + body(900))  # left out: skip=("ui",)
    (tmp_path / "limits.py").write_text("def at_the_limit():\n" + body(79) + "\n" * 620)  # 80 and 700 lines
    (tmp_path / "long.py").write_text(
        "@staticmethod\ndef too_long():\n" + body(80) + "\nclass C:\n    async def method(self):\n" + body(80, " " * 8)
    )
    (tmp_path / "big.py").write_text("z = 0\n" * 701)
    assert too_long(tmp_path, skip=("ui",)) == [
        "big.py: 701 lines",
        "long.py:2: too_long has 82 lines",
        "long.py:85: method has 81 lines",
    ]
    assert "ui/window.py:1: f has 901 lines" in too_long(tmp_path)
