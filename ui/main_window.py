"""The main window: navigator | form editor | score and checker panels, menus, undo/redo, status bar.

Opens one FormSession at a time; the undo/redo actions come from a QUndoGroup that follows the
open form's stack. Preferences (geometry, splitter, last form) go through ui/settings.py.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QUndoGroup
from PySide6.QtWidgets import (QApplication, QLabel, QMainWindow, QSizePolicy, QSplitter, QTabWidget, QToolBar,
                               QVBoxLayout, QWidget)

from model import tree
from model.errors import JixiaoError
from model.form import Form
from model.places import place_text
from model.store import Store
from scoring.result import Result
from ui.findings_panel import FindingsPanel
from ui.form_editor import FormEditor
from ui.navigator import Navigator, full_title, row_label
from ui.score_panel import ScorePanel, fmt
from ui.signoff_view import SignOffBanner
from ui.editing.session import FormSession
from ui.services.evaluation import Evaluator, evaluate_with_profile
from ui.services.drafts import Draft, DraftFile
from ui.settings import UiSettings
from ui.weak import weak_slot

APP_TITLE = "绩效自评助手"
DRAFT_INTERVAL_MS = 2000
FOCUS_STYLE = ("QAbstractItemView:focus, QPlainTextEdit:focus, QLineEdit:focus, QComboBox:focus"
               " { border: 2px solid #2f6fbf; }")
KEPT_SESSIONS = 12  # forms whose undo history is kept after switching away (a few MB at most)


def score_text(result: Result) -> tuple[str, str]:
    """(total, grade) as the navigator shows them; empty for unscored forms."""
    return ("" if result.total is None else fmt(result.total)), (result.grade or "")


class MainWindow(QMainWindow):
    """The program's one window."""

    def __init__(self, store: Store, settings: UiSettings, evaluator: Evaluator | None = None,
                 data_dir: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.data_dir = data_dir
        self._evaluate: Evaluator = evaluator or evaluate_with_profile
        self._score_cache: dict[tuple[str, int], tuple[str, str]] = {}
        self.session: FormSession | None = None
        self._kept: dict[str, tuple[FormSession, int]] = {}
        self.editor: FormEditor | None = None
        self.undo_group = QUndoGroup(self)

        self.navigator = Navigator(store, self._summary_score, self)
        self.score_panel = ScorePanel(self)
        self.findings_panel = FindingsPanel(self)
        self.centre = QWidget(self)
        self._centre_layout = QVBoxLayout(self.centre)
        self._centre_layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel("请在左侧选择一张表格，或按 Ctrl+N 新建表格。", self.centre)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.signoff_banner = SignOffBanner(self.centre)
        self.signoff_banner.hide()
        self.signoff_banner.sign_button.clicked.connect(weak_slot(self.sign_form))
        self.signoff_banner.unlock_button.clicked.connect(weak_slot(self.unlock_form))
        self._centre_layout.addWidget(self.signoff_banner)
        self._centre_layout.addWidget(self._placeholder)
        side = QTabWidget(self)
        side.addTab(self.score_panel, "得分")
        side.addTab(self.findings_panel, "审核")
        self.side_tabs = side
        # On a 1366-pixel screen the panels stack in one column on the right, under tabs.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(1, 1)
        # No panel may change width because of its text (a long grade label once widened the right
        # panel by 190 px and pushed the tree's names out of view): the splitter ignores the
        # panels' size hints and only the user's dragging sets the widths.
        for widget, minimum in ((self.navigator, 160), (self.centre, 420), (side, 200)):
            policy = widget.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            widget.setSizePolicy(policy)
            widget.setMinimumWidth(minimum)
        self.splitter.setSizes([280, 826, 260])
        # Until the user drags a divider (or a saved layout is restored) the panels keep their share
        # of the window's width, so a 1024-pixel window still leaves the form most of the room.
        self._user_split = False
        self.splitter.splitterMoved.connect(self._split_by_user)
        self.setCentralWidget(self.splitter)
        self.save_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.save_label)

        # The keyboard's place always visible: a blue frame round the list or table that has it
        # (in the funds table nothing showed where Tab had gone).
        self.setStyleSheet(FOCUS_STYLE)
        self._make_actions()
        # The text of a cell being typed is kept as a draft every two seconds (everything else is
        # saved per keystroke), so a crash loses at most two seconds of typing.
        self.drafts = DraftFile(data_dir) if data_dir is not None else None
        self._draft_timer = QTimer(self, interval=DRAFT_INTERVAL_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        if self.drafts is not None:
            self._draft_timer.start()
        self.navigator.form_activated.connect(self.open_form)
        self.findings_panel.finding_activated.connect(self._on_finding)
        self.resize(1280, 720)
        self._restore_layout()
        self._update_title()

    # -- actions ---------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(weak_slot(slot))
        return action

    @staticmethod
    def _tool_tip(action: QAction, tip: str = "") -> None:
        """The tool bar's tooltip: the command, its shortcut (as the menu shows it) and what it does."""
        name = action.text().replace("…", "").replace("&", "")
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{name}（{key}）" + (f"\n{tip}" if tip else ""))

    def _make_actions(self) -> None:
        self.new_action = self._action("新建表格…", self.new_form, QKeySequence.StandardKey.New,
                                       "新建表格：选择类型、年度、单位和评分规则")
        self.save_action = self._action("保存", self.save_now, QKeySequence.StandardKey.Save,
                                        "每次修改都已自动保存；按 Ctrl+S 再次确认")
        self.export_action = self._action("导出…", self.export_forms, "Ctrl+E", "把表格导出为 PDF 或 Excel")
        self.report_action = self._action("生成自评报告…", self.make_report, "Ctrl+Shift+G",
                                          "由当前表格写出绩效自评报告草稿（Word 和 PDF）")
        self.check_report_action = self._action("核对自评报告…", self.check_report, "Ctrl+Shift+K",
                                                "核对手写的自评报告（.docx）中的数字是否与表格一致")
        self.delete_action = self._action("删除表格", self.delete_form, "Ctrl+Shift+Delete",
                                          "删除当前表格（可从历史中恢复）")
        self.export_package_action = self._action("导出交换包…", self.export_package, "Ctrl+Shift+E",
                                                  "把选中的表格写入一个交换包（.jxpkg），用U盘交给财政局或其他电脑")
        self.import_package_action = self._action("导入交换包…", self.import_package, "Ctrl+Shift+O",
                                                  "读取交换包，先显示将导入的内容，确认后才写入")
        self.import_doc_action = self._action("从 Word/Excel 导入…", self.import_office, "Ctrl+Shift+W",
                                              "读取 Word/Excel 文件中的绩效表格，先显示预览，确认后一次全部导入")
        self.bureau_action = self._action("财政局汇总…", self.open_bureau_view, "Ctrl+Shift+B",
                                          "所有表格的总分、等级和审核错误一览，可导出汇总表")
        self.history_action = self._action("历史版本…", self.show_history, "Ctrl+Shift+H",
                                           "当前表格在数据库中保留的早先版本，可恢复其中一版")
        self.deleted_action = self._action("已删除的表格…", self.show_deleted, "Ctrl+Shift+R",
                                           "列出已删除的表格，可把其中一张恢复到列表中")
        self.sign_action = self._action("签字…", self.sign_form, "Ctrl+Shift+S",
                                        "填表人签字提交审核，审核人签字后内容锁定，单位负责人签字")
        self.unlock_action = self._action("解锁…", self.unlock_form, "Ctrl+Shift+L",
                                          "已签字的表格回到草稿以便修改（须写明原因，签字保留在记录中）")
        self.settings_action = self._action("设置…", self.open_settings, "Ctrl+,", "单位信息、默认评分规则、数据文件夹、备份")
        # Ctrl+Q spelled out: the standard Quit key is empty on Windows.
        self.quit_action = self._action("退出", self.close, "Ctrl+Q")
        self.undo_action = self.undo_group.createUndoAction(self, "撤销")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_group.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.use_computed_action = self._action("全部改用计算得分", self.use_computed, "Ctrl+Shift+U",
                                                "把当前表格的手工得分（如导入的纸面得分）全部换成程序计算的得分；可撤销")
        self.library_action = self._action("从指标库添加…", self.add_from_library, "Ctrl+L",
                                           "从常用指标库中查找、勾选指标，添加到当前目标的对应分类下")
        self.find_action = self._action("查找", self._focus_search, QKeySequence.StandardKey.Find,
                                        "在表格中按 Ctrl+F 查找指标；在左侧列表中查找表格")
        self.next_pane_action = self._action("下一个区域", self.next_pane, "F6",
                                             "在左侧列表、表头/目标/资金、指标表、指标详情、得分/审核之间切换")
        self.previous_pane_action = self._action("上一个区域", self.previous_pane, "Shift+F6")
        self.guide_action = self._action("使用说明", self.show_guide, "F1", "打开使用说明（操作方法和快捷键）")
        self.about_action = self._action("关于", self._about, "Shift+F1", "程序版本和简介")
        self._guide: QWidget | None = None

        file_menu = self.menuBar().addMenu("文件(&F)")
        for action in (self.new_action, self.save_action, self.export_action, self.report_action, self.delete_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.history_action)
        file_menu.addAction(self.deleted_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sign_action)
        file_menu.addAction(self.unlock_action)
        file_menu.addSeparator()
        for action in (self.import_doc_action, self.export_package_action, self.import_package_action,
                       self.bureau_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.use_computed_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.next_pane_action)
        edit_menu.addAction(self.previous_pane_action)
        self.menuBar().addMenu("指标(&I)").addAction(self.library_action)
        audit_menu = self.menuBar().addMenu("审核(&A)")
        audit_menu.addAction(self.check_report_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("常用", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        for action in (self.new_action, self.save_action, self.undo_action, self.redo_action, self.export_action):
            toolbar.addAction(action)
            # Undo/redo rename themselves after every edit ("撤销 修改指标"); their tooltip stays short.
            self._tool_tip(action, action.statusTip())
        self.addToolBar(toolbar)
        self._update_actions()

    def _update_actions(self) -> None:
        has_form = self.session is not None
        for action in (self.save_action, self.delete_action, self.history_action, self.sign_action,
                       self.unlock_action):
            action.setEnabled(has_form)

    # -- opening forms ---------------------------------------------------------------------------

    def open_form(self, form_id: str) -> bool:
        """Open a form in the editor (closing the previous one); False with a message if it fails."""
        if self.session is not None and self.session.form.id == form_id:
            return True
        session = self._kept_session(form_id)
        if session is None:
            try:
                session = FormSession(self.store, form_id, self, evaluator=self._evaluate)
            except JixiaoError as exc:
                self.statusBar().showMessage(str(exc), 10000)
                return False
        self._close_session(keep=True)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.changed.connect(self._on_changed)
        session.saved.connect(self._on_saved)
        session.error.connect(self._on_error)
        session.stale.connect(self._on_stale)
        # A bound slot, not a lambda: Qt drops it with the window, so a stack outliving the window
        # during shutdown cannot call into a deleted window.
        session.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._placeholder.hide()
        self.editor = FormEditor(session, self.centre)
        self._centre_layout.addWidget(self.editor)
        if session.locked:
            self.editor.set_read_only()
        self._show_signoff()
        self.navigator.select_form(form_id, emit=False)
        self.settings.set_last_form_id(self.data_dir, form_id)
        self.save_label.setText("")
        self._show_result()
        self._update_title()
        self._update_actions()
        session.warn_if_big()  # a form near the size limit: said before the window gets slow
        return True

    def _kept_session(self, form_id: str) -> FormSession | None:
        """A session kept from an earlier visit (with its undo history), if the stored form is still
        the one it saved; anything else changed the form (import, restore) and it is dropped."""
        kept = self._kept.pop(form_id, None)
        if kept is None:
            return None
        session, revision = kept
        if session.store is self.store and not session.unsaved and self.store.revision(form_id) == revision:
            return session
        session.deleteLater()
        return None

    def _drop_kept_sessions(self) -> None:
        """Forget every kept session (the store was replaced or a form restored)."""
        for session, _revision in self._kept.values():
            session.deleteLater()
        self._kept.clear()

    def _close_session(self, keep: bool = False) -> None:
        if self.editor is not None:
            self.editor.close_session()
            self._centre_layout.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
        if self.session is not None:
            session = self.session
            self.undo_group.removeStack(session.undo_stack)
            for signal, slot in ((session.changed, self._on_changed), (session.saved, self._on_saved),
                                 (session.error, self._on_error),
                                 (session.undo_stack.cleanChanged, self._on_clean_changed)):
                signal.disconnect(slot)
            form_id = session.form.id
            if keep and form_id and not session.unsaved:
                # Each form keeps its own undo history while the window is open (docs/ui.md): the
                # session stays, without its editor, until the form is opened again.
                self._kept[form_id] = (session, self.store.revision(form_id) or 0)
                while len(self._kept) > KEPT_SESSIONS:
                    oldest = next(iter(self._kept))
                    self._kept.pop(oldest)[0].deleteLater()
            else:
                session.deleteLater()
            self.session = None
        self._placeholder.show()
        self.signoff_banner.hide()
        self.score_panel.show_result(None, None)
        self.findings_panel.show_result(None)
        self._update_actions()

    def _show_result(self) -> None:
        assert self.session is not None
        self.score_panel.show_result(self.session.form, self.session.result)
        self.findings_panel.show_result(self.session.result)

    def _show_signoff(self) -> None:
        """The banner for the open form's sign-off state (hidden for a plain draft)."""
        from model.signoff import status

        if self.session is not None:
            self.signoff_banner.show_status(status(self.session.form))

    def _on_changed(self) -> None:
        session = self.session
        if session is None:
            return
        self._show_signoff()  # an edit after 填表人 signed shows 签字后被修改 at once
        self._show_result()
        total, grade = score_text(session.result)
        form = session.form
        assert form.id is not None
        self.navigator.update_scores(form.id, total, grade,
                                     row_label(form.kind, form.header.get("project_name") or "", form.year))
        self._update_title()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _on_saved(self, text: str) -> None:
        self.save_label.setText(text)
        self._update_title()

    def _on_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self._update_title()

    def _on_stale(self, message: str) -> None:
        """A save was refused as stale: reload once the edit that caused it has returned."""
        from PySide6.QtCore import QTimer

        from ui.stale_save import reload_after_stale

        QTimer.singleShot(0, self, lambda: reload_after_stale(self, message))

    def _on_finding(self, node_id: object, field: object, path: object) -> None:
        if self.editor is not None:
            self.editor.select_finding(node_id if isinstance(node_id, int) else None,
                                       field if isinstance(field, str) else None,
                                       tuple(path) if isinstance(path, (tuple, list)) else ())

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_TITLE)
            return
        form = self.session.form
        name = form.header.get("project_name") or form.unit
        title = full_title(form.year, form.display_title)
        mark = "（未保存）" if self.session.unsaved else ""
        self.setWindowTitle(" — ".join(p for p in (name, title + mark, APP_TITLE) if p))

    def _summary_score(self, form_id: str, revision: int) -> tuple[str, str]:
        key = (form_id, revision)
        if key not in self._score_cache:
            try:
                self._score_cache[key] = score_text(self._evaluate(self.store.load(form_id)))
            except Exception:  # a form the scorer cannot handle still lists, without a total
                self._score_cache[key] = ("", "")
        return self._score_cache[key]

    # -- commands --------------------------------------------------------------------------------

    def save_now(self) -> None:
        if self.session is not None:
            self.session.save_now()
            if not self.session.unsaved:
                self.statusBar().showMessage("所有修改均已保存到数据库。", 4000)

    def new_form(self) -> None:
        from ui.new_form_dialog import NewFormDialog

        dialog = NewFormDialog(self.store, self, current=self.session.form if self.session else None)
        if dialog.exec():
            form = dialog.result_form
            if form is not None:
                self.add_and_open(form)

    def add_and_open(self, form: Form) -> str:
        """Store a new form, list it and open it."""
        form_id = self.store.add(form)
        self.navigator.search.clear()
        self.navigator.reload(select_id=form_id)
        self.open_form(form_id)
        self._focus_first_blank_header()
        self.statusBar().showMessage("新表格已创建并保存。请从表头开始填写，Tab 键到下一格。", 8000)
        return form_id

    def _focus_first_blank_header(self) -> None:
        # A new form: the cursor waits in the first empty header field, so typing can start at once.
        fields = getattr(getattr(self.editor, "header_editor", None), "fields", {})
        blank = next((edit for edit in fields.values() if not edit.text()), None)
        if blank is not None:
            blank.setFocus()

    def delete_form(self) -> None:
        from ui.messages import confirm

        if self.session is None:
            return
        form = self.session.form
        name = form.header.get("project_name") or form.display_title
        if not confirm(self, f"确定删除“{name}”（{form.year}年度）吗？", yes="删除",
                       detail="删除后表格从列表中移除；数据库仍保留最后一版，可在“文件 → 已删除的表格…”中恢复。"):
            return
        assert form.id is not None
        self._close_session()
        self.store.delete(form.id)
        self.navigator.reload()
        self._update_title()

    def export_forms(self) -> None:
        from ui.export_dialog import ExportDialog

        current = self.session.form.id if self.session else None
        ExportDialog(self.store, self.settings, self._evaluate, self, selected=[current] if current else []).exec()

    def make_report(self) -> None:
        """文件 → 生成自评报告… for the open form."""
        from reports.narrative import REPORT_KINDS
        from ui.messages import show_info
        from ui.report_dialogs import ReportDialog

        if self.session is None or self.session.form.kind not in REPORT_KINDS:
            show_info(self, "请先在左侧打开一张项目支出绩效自评表、部门整体支出绩效自评表或绩效评价评分表，再生成报告。")
            return
        ReportDialog(self.session.form, self.store, self.settings, self).exec()

    def check_report(self) -> None:
        """审核 → 核对自评报告…"""
        from ui.report_dialogs import CheckReportDialog

        CheckReportDialog(self.store, self.settings, self).exec()

    def export_package(self) -> None:
        from ui.package_dialogs import ExportPackageDialog

        current = self.session.form.id if self.session else None
        dialog = ExportPackageDialog(self, self.store, [current] if current else None)
        dialog.exec()
        if dialog.written is not None:
            # The dialog closes on success; without this nothing said where the file went.
            self.statusBar().showMessage(
                f"交换包已保存：{dialog.written}（{len(dialog.chosen_ids())} 张表格）。请把这个文件交给财政局。", 15000)

    def import_package(self) -> None:
        from ui.package_dialogs import ImportPackageDialog

        dialog = ImportPackageDialog(self, self.store, settings=self.settings)
        self._after_import(dialog.exec)
        if dialog.written and not self.statusBar().currentMessage():
            # The dialog closes after 导入; say what happened (a replaced open form says so itself).
            self.statusBar().showMessage(f"{dialog.status.text()}导入的表格已列在左侧。", 15000)

    def import_office(self) -> None:
        """文件 → 从 Word/Excel 导入…: preview, then all forms or none; the first new one is opened."""
        from ui.import_doc_dialog import import_office_files

        added = import_office_files(self, self.store, settings=self.settings)
        if added:
            self.navigator.reload()
            self.open_form(added[0])
            self.statusBar().showMessage(f"已导入 {len(added)} 张表格，已列在左侧。纸面得分保留为手工得分。", 15000)

    def use_computed(self) -> None:
        """编辑 → 全部改用计算得分: one undo step for the open form."""
        if self.session is None:
            self.statusBar().showMessage("请先在左侧打开一张表格。", 8000)
            return
        count = self.session.use_computed_scores()
        self.statusBar().showMessage(f"已把 {count} 个手工得分换成计算得分（Ctrl+Z 可撤销）。" if count
                                     else "这张表格没有手工得分，得分都是程序计算的。", 10000)

    def add_from_library(self) -> None:
        """指标 → 从指标库添加… (ui/library_picker.py)."""
        from ui.library_picker import add_from_library

        view = self.editor.tree_view if self.editor is not None else None
        message = add_from_library(self, self.session, view.current_id() if view is not None else None)
        if message:
            self.statusBar().showMessage(message, 10000)

    def open_bureau_view(self) -> None:
        from ui.bureau_view import BureauView

        # Modal: an import from its own button must be followed by the refresh below.
        self._after_import(lambda: BureauView(self, self.store, settings=self.settings).exec())

    def _after_import(self, run_dialog: Callable[[], object]) -> None:
        """Run a dialog that may import forms; then relist, and reload the open form if it was replaced
        (otherwise the next edit would save the stale copy over the imported one)."""
        open_id = self.session.form.id if self.session else None
        before = self.store.revision(open_id) if open_id else None
        run_dialog()
        self.navigator.reload()
        if open_id is None:
            return
        if self.store.revision(open_id) != before:
            self._close_session()
            self.open_form(open_id)
            self.statusBar().showMessage("当前表格已被导入的新版本替换，已重新打开。", 8000)

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        SettingsDialog(self.store, self.settings, self, data_dir=self.data_dir,
                       restore=self.restore_from_backup).exec()

    # -- sign-off --------------------------------------------------------------------------------

    def sign_form(self) -> None:
        """文件 → 签字…: sign the open form as 填表人, 审核人 or 单位负责人 (the dialog asks who)."""
        from ui.signoff_view import ask_signing

        if self.session is not None and (asked := ask_signing(self, self.session.form, self.store)):
            self._write_open_form(*asked)

    def unlock_form(self) -> None:
        """文件 → 解锁…: return a signed form to 草稿, asking for the reason."""
        from ui.signoff_view import ask_unlock

        if self.session is not None and (asked := ask_unlock(self, self.store)):
            self._write_open_form(*asked)

    def _write_open_form(self, write: Callable[[str], str], done: str) -> None:
        """Run a sign-off write with the session closed (its stale copy must not be saved over it),
        then reopen the form; a refusal is shown and nothing changes."""
        from ui.messages import show_error

        assert self.session is not None and self.session.form.id is not None
        form_id = self.session.form.id
        if self.session.unsaved:
            self.session.save_now()
        self._close_session()
        try:
            label = write(form_id)
        except JixiaoError as exc:
            show_error(self, str(exc), "表格保持原样未改动。", title="没有完成")
            label = None
        self.navigator.reload(select_id=form_id)
        self.open_form(form_id)
        if label is not None:
            self.statusBar().showMessage(done.format(label=label), 15000)

    # -- getting data back -----------------------------------------------------------------------

    def show_history(self) -> None:
        """文件 → 历史版本…: put an earlier revision of the open form back as its next revision."""
        from ui.history_dialog import HistoryDialog

        if self.session is None or self.session.form.id is None:
            return
        form_id = self.session.form.id
        if self.session.unsaved:  # a failed save: retry, so the text kept in history is the one shown
            self.session.save_now()
        dialog = HistoryDialog(self.store, form_id, self)
        if dialog.exec() and dialog.chosen is not None:
            self._restore_entry(dialog.chosen, form_id, "已恢复所选版本（作为第 {revision} 版）；替换前的版本保留在历史版本中。")

    def show_deleted(self) -> None:
        """文件 → 已删除的表格…: bring a deleted form back to the list and open it."""
        from ui.history_dialog import DeletedFormsDialog

        dialog = DeletedFormsDialog(self.store, self)
        if dialog.exec() and dialog.chosen is not None:
            entry = next(e for e in self.store.deleted_forms() if e.id == dialog.chosen)
            self._restore_entry(dialog.chosen, entry.form_id, "已恢复删除的表格（第 {revision} 版），它已回到左侧列表。")

    def _restore_entry(self, entry_id: int, form_id: str, done: str) -> None:
        """Write a history entry back with the form's session closed, then reopen it (a session left
        open would save its stale copy over the restored one at the next edit)."""
        from ui.messages import show_error

        if self.session is not None and self.session.form.id == form_id:
            self._close_session()
        kept = self._kept.pop(form_id, None)  # its copy of the form is replaced by the restore
        if kept is not None:
            kept[0].deleteLater()
        try:
            revision = self.store.restore_entry(entry_id)
        except JixiaoError as exc:
            show_error(self, str(exc), "表格保持原样未改动。", title="无法恢复")
            revision = None
        self.navigator.search.clear()
        self.navigator.reload(select_id=form_id)
        self.open_form(form_id)
        if revision is not None:
            self.statusBar().showMessage(done.format(revision=revision), 15000)

    def restore_from_backup(self, source: Path) -> bool:
        """Replace the database by a backup: close the session and the store, swap, reopen, relist.

        On any failure the database in use before is put back and reopened, and the user is told
        (the swap itself is ui/services/restore.py).
        """
        from ui.messages import show_error, show_info
        from ui.services.restore import restore_from_backup

        if self.store.path is None:
            return False
        data_dir = self.store.path.parent
        open_id = self.session.form.id if self.session else None
        if self.session is not None and self.session.unsaved:
            self.session.save_now()  # a failed save retried, so the file kept aside has every edit
        self._close_session()
        clock = self.store.clock
        self.store.close()
        restored = restore_from_backup(data_dir, source, clock)
        if restored.store is None:
            show_error(self, restored.problem or "数据库无法重新打开。",
                       "请关闭程序后重新启动；数据文件夹中的文件都没有删除。", title="无法打开数据库")
            self.setEnabled(False)  # no store to work on: nothing in the window may write
            return False
        self.store = restored.store
        self._drop_kept_sessions()
        self.navigator.set_store(restored.store)
        self._score_cache.clear()
        self.navigator.reload()
        if open_id is not None and open_id in self.navigator.form_ids():
            self.open_form(open_id)
        if restored.aside is None:
            show_error(self, restored.problem, "当前数据库保持不变，可以继续使用。", title="没有恢复")
            return False
        show_info(self, f"已用备份 {source.name} 恢复数据库。\n恢复前的数据库保留为：{restored.aside}", title="已恢复")
        self.statusBar().showMessage(f"已从备份恢复；恢复前的数据库保留为 {restored.aside.name}。", 15000)
        return True

    def panes(self) -> list[QWidget]:
        """The regions F6 moves between, in order (those of the open form's kind only)."""
        panes: list[QWidget] = [self.navigator.view]
        editor = self.editor
        if editor is not None:
            page = editor.top_tabs.currentWidget()
            if page is not None:
                panes.append(page)
            for part in (editor.tree_view, editor.basic_data_editor, editor.leaf_detail):
                if part is not None:
                    panes.append(part)
        current = self.side_tabs.currentWidget()
        if current is not None:
            panes.append(current)
        return panes

    def next_pane(self) -> None:
        """F6: the keyboard to the next region."""
        self.cycle_pane(1)

    def previous_pane(self) -> None:
        """Shift+F6: the keyboard to the previous region."""
        self.cycle_pane(-1)

    def cycle_pane(self, step: int) -> None:
        """F6 / Shift+F6: the keyboard to the next / previous region (the detail pane and the side
        panels could not be reached by keys before)."""
        panes = self.panes()
        focus = QApplication.focusWidget()
        here = next((i for i, pane in enumerate(panes) if focus is not None
                     and (pane is focus or pane.isAncestorOf(focus))), -1 if step > 0 else 0)
        for offset in range(1, len(panes) + 1):  # a region with nothing to type into is passed over
            if _focus_into(panes[(here + step * offset) % len(panes)]):
                return

    def _focus_search(self) -> None:
        # Ctrl+F in the form editor finds an indicator of the open form; elsewhere it searches forms.
        focus = QApplication.focusWidget()
        if self.editor is not None and focus is not None and self.editor.isAncestorOf(focus):
            if self.editor.start_find():
                return
        self.navigator.search.setFocus()
        self.navigator.search.selectAll()

    def _about(self) -> None:
        from ui.help_dialog import about_text
        from ui.messages import show_info

        show_info(self, about_text(), title="关于")

    def show_guide(self) -> None:
        """帮助 → 使用说明: one non-modal window, raised again when already open."""
        from ui.help_dialog import GuideDialog

        if self._guide is None:
            self._guide = GuideDialog(self)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()

    # -- layout persistence ----------------------------------------------------------------------

    def _restore_layout(self) -> None:
        if self.settings.window_geometry is not None:
            self.restoreGeometry(self.settings.window_geometry)
        if self.settings.splitter_state is not None:
            self._user_split = self.splitter.restoreState(self.settings.splitter_state)

    def _split_by_user(self, _pos: int, _index: int) -> None:
        self._user_split = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_split:
            width = self.splitter.width()
            navigator = min(max(width * 20 // 100, 200), 320)
            side = min(max(width * 19 // 100, 220), 320)
            self.splitter.setSizes([navigator, width - navigator - side, side])

    def restore_last_form(self) -> None:
        """Open the form open at the last exit, else the first listed one."""
        last = self.settings.last_form_id(self.data_dir)
        ids = self.navigator.form_ids()
        target = last if last in ids else (ids[0] if ids else None)
        if target is not None:
            self.open_form(target)

    # -- drafts of the cell being typed -----------------------------------------------------------

    def keep_draft(self) -> None:
        """Write the open cell editor's text to the draft file (clear it when no cell is open)."""
        if self.drafts is None:
            return
        view = self.editor.tree_view if self.editor is not None else None
        typed = view.open_editor_text() if view is not None else None
        if typed is None or self.session is None or not self.session.form.id:
            self.drafts.clear()
            return
        node_id, field, text = typed
        item = self.session.item(node_id)
        name = getattr(item, "name", None) or getattr(item, "title", "") or "（未命名指标）"
        place = f"“{name}”的{place_text((), field)}"
        where = tree.position(self.session.form, node_id)
        if where is None:
            return
        self.drafts.save(Draft(self.session.form.id, where, field, text, place))

    def offer_draft(self) -> bool:
        """After a crash: offer back the text that was being typed in a cell; True when put back."""
        from ui.messages import confirm

        if self.drafts is None:
            return False
        draft = self.drafts.load()
        self.drafts.clear()
        if draft is None or draft.form_id not in self.navigator.form_ids():
            return False
        if not confirm(self, f"程序上次意外关闭时，{draft.place or '一个格子'}正在输入、还没有确认的内容是：\n\n{draft.text}",
                       yes="恢复这段内容", no="不要了", title="恢复未确认的输入",
                       detail="选择“恢复这段内容”会把它填回原来的格子（可以用 Ctrl+Z 撤销）。"):
            return False
        if (not self.open_form(draft.form_id) or self.session is None or self.editor is None
                or self.editor.tree_view is None):
            return False
        row = tree.item_at(self.session.form, draft.row)
        node_id = row.id if row is not None else None
        if node_id is None:
            self.statusBar().showMessage("那一行已经不在了，未能恢复。", 8000)
            return False
        done = self.editor.tree_view.put_text(node_id, draft.field, draft.text)
        if done:
            self.statusBar().showMessage(f"已恢复 {draft.place} 的输入。", 8000)
        return done

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editor is not None and self.editor.tree_view is not None:
            self.editor.tree_view.commit_open_editor()  # a cell being typed is confirmed, not lost
        if self.drafts is not None:
            self._draft_timer.stop()
            self.drafts.clear()
        if self.session is not None and self.session.unsaved:
            self.session.save_now()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.sync()
        self._close_session()
        super().closeEvent(event)


def _focus_into(pane: QWidget) -> bool:
    """Give the keyboard to a region: the region itself when it takes focus, else its first field.
    False when nothing in it can take the keyboard now (a detail pane with no indicator chosen)."""
    if pane.focusPolicy() != Qt.FocusPolicy.NoFocus and pane.isVisible() and pane.isEnabled():
        pane.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True
    for child in pane.findChildren(QWidget):
        if child.isVisible() and child.isEnabled() and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            child.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
    return False
