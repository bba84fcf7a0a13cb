"""The README's project layout names only what exists, and every Python module and model
folder of the tree is in it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Project layout") :]
    return section[section.index("```") + 3 : section.index("```", section.index("```") + 3)]


def test_every_path_in_the_layout_exists() -> None:
    named = 0
    for line in _layout().splitlines():
        if not line.strip() or line.startswith("   "):  # blank, or the continuation of a description
            continue
        first = line.split()[0]
        if not (first.endswith((".py", ".md", ".yml", "/")) or "/" in first):
            continue
        # a line indented by two spaces names a module or folder of the Python package
        base = ROOT / "leadhub" if line.startswith("  ") else ROOT
        assert (base / first.rstrip("/")).exists(), first
        named += 1
    assert named > 20


def test_every_python_module_and_model_folder_is_in_the_layout() -> None:
    layout = _layout()
    for path in sorted((ROOT / "leadhub").glob("*.py")):
        if path.name != "__init__.py":
            assert path.name in layout, path.name
    for folder in sorted(p for p in (ROOT / "models").rglob("*") if p.is_dir() and any(p.glob("*.sql"))):
        assert folder.relative_to(ROOT).as_posix() + "/" in layout, folder
