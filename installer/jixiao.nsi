; NSIS script template for Jixiao, filled in by pynsist (installer/build.py). Per-user install
; (no admin rights), Chinese pages, Start-menu and desktop shortcuts, an uninstaller that keeps the
; user's data unless asked. The double-bracket placeholders are pynsist's (Jinja).
!define PRODUCT_NAME "[[ib.appname]]"
!define PRODUCT_TITLE "绩效自评助手"
!define PRODUCT_VERSION "[[ib.version]]"
!define INSTALLER_NAME "[[ib.installer_name]]"
!define PRODUCT_ICON "[[icon]]"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT_NAME}"
; Where the program keeps the database and settings: platformdirs.user_data_dir("Jixiao",
; appauthor=False) on Windows. Never below $INSTDIR, so reinstalling cannot touch it.
!define DATA_DIR "$LOCALAPPDATA\${PRODUCT_NAME}"

Unicode true
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
; A standard user can install: everything goes below the user's own folders and HKCU.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!define MUI_ABORTWARNING
!define MUI_ICON "[[icon]]"
!define MUI_UNICON "[[icon]]"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "启动${PRODUCT_TITLE}"
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchProgram

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Name "${PRODUCT_TITLE} ${PRODUCT_VERSION}"
OutFile "${INSTALLER_NAME}"
ShowInstDetails show
ShowUninstDetails show
VIProductVersion "[[ib.version]].0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${PRODUCT_TITLE}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${PRODUCT_TITLE} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "Jixiao 项目"

Section "!${PRODUCT_TITLE}" sec_app
  SectionIn RO
  SetOutPath "$INSTDIR"
  SetOverwrite on
  ; An upgrade replaces the program files whole, so no module of an older version lingers.
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\Python"
  SetOutPath "$INSTDIR\pkgs"
  File /r "pkgs\*.*"

[% for destination, group in grouped_files %]
  SetOutPath "[[destination]]"
  [% for file in group %]
  File "[[ file ]]"
  [% endfor %]
[% endfor %]
[% for dir, destination in ib.install_dirs %]
  SetOutPath "[[ pjoin(destination, dir) ]]"
  File /r "[[dir]]\*.*"
[% endfor %]

  ; The working directory of the shortcuts is the user's documents folder, where exports go.
  SetOutPath "$DOCUMENTS"
[% for scname, sc in ib.shortcuts.items() %]
  CreateShortCut "$SMPROGRAMS\${PRODUCT_TITLE}.lnk" "[[sc['target'] ]]" '[[ sc['parameters'] ]]' "$INSTDIR\[[ sc['icon'] ]]"
  CreateShortCut "$DESKTOP\${PRODUCT_TITLE}.lnk" "[[sc['target'] ]]" '[[ sc['parameters'] ]]' "$INSTDIR\[[ sc['icon'] ]]"
[% endfor %]
  SetOutPath "$INSTDIR"

  DetailPrint "正在编译 Python 模块……"
  nsExec::ExecToLog '[[ python ]] -m compileall -q "$INSTDIR\pkgs"'
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT_TITLE}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${PRODUCT_TITLE}.lnk"
  Delete "$DESKTOP\${PRODUCT_TITLE}.lnk"
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\Python"
[% for file, destination in ib.install_files %]
  Delete "[[pjoin(destination, file)]]"
[% endfor %]
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"

  ; The user's forms live in DATA_DIR: keep them unless the user says otherwise (silent: keep).
  IfFileExists "${DATA_DIR}\*.*" 0 data_done
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
      "是否同时删除您的数据（已填写的表格、数据库和备份）？$\r$\n位置：${DATA_DIR}$\r$\n$\r$\n选择“否”将保留数据，重新安装后可继续使用。" \
      /SD IDNO IDNO data_done
    RMDir /r "${DATA_DIR}"
  data_done:
SectionEnd

Function LaunchProgram
[% for scname, sc in ib.shortcuts.items() %]
  SetOutPath "$DOCUMENTS"
  Exec '"[[sc['target'] ]]" [[ sc['parameters'] ]]'
[% endfor %]
FunctionEnd
