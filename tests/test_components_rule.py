"""The rule for components: `<area>.py` is pure, `<area>_view.py` holds the Streamlit layout."""

import ast
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
