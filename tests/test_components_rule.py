"""The rules for components: `<area>.py` is pure, `<area>_view.py` holds the Streamlit layout,
and neither reads or writes the store but through `data/`."""

import ast
import re
from pathlib import Path

COMPONENTS = Path(__file__).resolve().parent.parent / "components"
#: Shared Streamlit plumbing every page uses (the session, the sidebar, URL-bound widgets).
PLUMBING = {"session.py", "sidebar.py", "urlstate.py", "widgets.py"}


def _imports_streamlit(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        if any(name == "streamlit" or name.startswith("streamlit.") for name in names):
            return True
    return False


def test_only_view_modules_use_streamlit():
    pure = [p for p in sorted(COMPONENTS.glob("*.py")) if not p.stem.endswith("_view")]
    offending = [p.name for p in pure if p.name not in PLUMBING and _imports_streamlit(p)]
    assert offending == []


#: What only data/ may do: open the store, run a statement, spell SQL, write a table.
STORE_ACCESS = re.compile(
    r"import sqlite3|\.execute(?:script)?\(|\.query\(|\bselect\b[^\"']*\bfrom\b"
    r"|\binsert into\b|\bdelete from\b|\bupdate \w+ set\b"
    r"|\[[\"'][a-z_]+[\"']\]\.(?:insert|upsert|update|delete)",
    re.IGNORECASE,
)


def test_no_sql_outside_data():
    """One write path: every query and every write lives in data/ (writes in data/writes.py)."""
    root = COMPONENTS.parent
    files = [root / "app.py", *sorted(root.glob("views/*.py")), *sorted(COMPONENTS.glob("*.py"))]
    offending = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if STORE_ACCESS.search(line)
    ]
    assert offending == []


def test_the_sql_rule_sees_a_query_and_a_table_write():
    lines = ['db.query("select 1")', 'store["quick_wins"].insert(row)', "x = 'delete from t'"]
    assert all(STORE_ACCESS.search(line) for line in lines)
    assert not STORE_ACCESS.search("st.selectbox(label, options)")
