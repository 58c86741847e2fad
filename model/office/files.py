"""Which reader a file needs, and the checks every file passes first (size, old formats, passwords)."""
from __future__ import annotations

import zipfile
from pathlib import Path

from model.errors import os_reason
from model.office.lines import MAX_FILE_BYTES, MAX_XML_BYTES, Document, OfficeFileError, damaged

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc/.xls/.wps/.et, or an encrypted .docx/.xlsx
_SAVE_AS = "请在 Word/WPS 中“另存为” .docx/.xlsx 后再导入"
_OLD = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".et": "WPS 表格文档（.et）",
        ".dps": "WPS 演示文稿（.dps）"}
SUFFIXES = (".docx", ".xlsx", ".xlsm", ".xls")


def read_document(path: Path) -> Document:
    """The lines of a .docx/.xlsx/.xls file; OfficeFileError (Chinese, with a fix) for anything else."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix in _OLD:
        raise OfficeFileError(f"文件“{name}”是{_OLD[suffix]}，本程序读不了这种旧格式。{_SAVE_AS}。")
    if suffix not in SUFFIXES:
        raise OfficeFileError(f"文件“{name}”不是 Word 或 Excel 文件（扩展名 {suffix or '无'}）。"
                              "可以导入的是 .docx、.xlsx 和 .xls 文件；其他格式" + _SAVE_AS + "。")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise OfficeFileError(f"找不到文件“{path}”。请确认文件位置和名称。") from None
    except OSError as exc:
        raise OfficeFileError(f"无法打开文件“{name}”（{os_reason(exc)}）。请确认文件没有被其他程序占用。") from None
    if size > MAX_FILE_BYTES:
        raise OfficeFileError(
            f"文件“{name}”有 {size / 1024 / 1024:.1f} MB，超过导入上限 {MAX_FILE_BYTES // 1024 // 1024} MB。"
            "表格文件通常不到 1 MB：请把要导入的表格复制到一个新的 Word/Excel 文件（不带图片）后再导入。")
    if size == 0:
        raise OfficeFileError(f"文件“{name}”是空的（0 字节），可能没有保存完整。请在 Word/WPS 中重新保存后再导入。")
    if suffix == ".xls":
        if head != _OLE:
            raise OfficeFileError(f"文件“{name}”的扩展名是 .xls，但内容不是 Excel 97-2003 工作簿，可能已损坏或改过扩展名。"
                                  "请在 Excel/WPS 中打开并“另存为” .xlsx 后再导入。")
        from model.office.xls_read import read_xls

        return read_xls(path)
    if head == _OLE:
        raise OfficeFileError(f"文件“{name}”设置了打开密码（或是旧格式文件改了扩展名），本程序无法读取。"
                              f"请在 Word/WPS 中打开它，取消密码（文件 → 信息 → 保护文档），{_SAVE_AS}。")
    parts = _check_zip(path, name)
    # The contents decide, not the extension: a workbook renamed .docx is still read as a workbook.
    if "word/document.xml" in parts:
        from model.office.docx_read import read_docx

        return read_docx(path)
    if "xl/workbook.xml" in parts:
        from model.office.xlsx_read import read_xlsx

        return read_xlsx(path)
    raise OfficeFileError(f"文件“{name}”不是 Word 文档或 Excel 工作簿（里面没有正文或工作表），可能是其他程序的文件"
                          "改了扩展名。请确认选对了文件；其他格式" + _SAVE_AS + "。")


def _check_zip(path: Path, name: str) -> set[str]:
    """A .docx/.xlsx is a zip: refuse a broken one, and one that unpacks to more than any real form;
    returns the names of its parts."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(info.file_size for info in infos if info.filename.endswith(".xml"))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise damaged(name, "不是完整的压缩包") from exc
    if total > MAX_XML_BYTES:
        raise OfficeFileError(f"文件“{name}”解压后的文字内容有 {total / 1024 / 1024:.0f} MB，远超任何表格文件，"
                              "本次没有导入。请把要导入的表格复制到一个新文件后再导入。")
    return {info.filename for info in infos}
