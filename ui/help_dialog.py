"""帮助 menu: the 使用说明 dialog (resources/help/guide.md, shipped with the program) and the 关于 text."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from model.version import VERSION
from resources import resource_path

GUIDE = resource_path("help", "guide.md")


def guide_text(path: Path = GUIDE) -> str:
    """The 使用说明 as Markdown; a Chinese note when the file is missing (a damaged installation)."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return (f"# 使用说明\n\n找不到使用说明文件（{path}）。程序安装可能不完整，请重新安装；"
                "各菜单命令的快捷键显示在菜单中。")


def about_text() -> str:
    """The 关于 box: what the program does, its version, where the data is kept."""
    return (f"绩效自评助手 {VERSION}\n\n"
            "填写预算绩效表格，自动计算得分与计算过程，审核并导出 PDF/Excel。\n"
            "每次修改都会立即保存到本机数据库。\n\n"
            "使用说明：帮助 → 使用说明（F1）。")


class GuideDialog(QDialog):
    """The 使用说明 in a read-only browser, non-modal so the user can keep working beside it."""

    def __init__(self, parent: QWidget | None = None, path: Path = GUIDE) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 绩效自评助手")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text(path))
        buttons = QDialogButtonBox(self)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 600)
