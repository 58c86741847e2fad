/* TEST ONLY, never shipped: a stand-in for Windows' system icuuc.dll, which Wine 8 lacks.
 *
 * Qt6Core.dll imports the ucnv_* converter functions from C:\Windows\System32\icuuc.dll (part of
 * Windows 10 1703 and later). installer/wine_check.py builds this file with mingw-w64 into the
 * throw-away Wine prefix so that Qt loads at all; every converter then reads as "not available",
 * so Qt falls back to its own UTF-8/UTF-16/Latin-1 codecs (all the program uses).
 */
typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)
#define FAIL(err) do { if (err) *(err) = U_FILE_ACCESS_ERROR; } while (0)

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; FAIL(err); return 0; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT signed char ucnv_getMaxCharSize(void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(void *cnv, UErrorCode *err) { (void)cnv; FAIL(err); return ""; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; FAIL(err); return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return 0; }
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT int ucnv_toUCountPending(void *cnv, UErrorCode *err) { (void)cnv; FAIL(err); return 0; }
EXPORT int ucnv_fromUCountPending(void *cnv, UErrorCode *err) { (void)cnv; FAIL(err); return 0; }
/* Never reached without an open converter; present because Qt6Core.dll imports them. */
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
