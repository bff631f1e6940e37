#!/bin/sh
# Install the system packages jpfr-accord needs, when they are missing.
#
# - fonts-noto-cjk        Japanese serif for the PDF (Noto Serif CJK JP via fontconfig)
# - libpango/harfbuzz     WeasyPrint's text layout and font subsetting
# - poppler-utils         pdftotext/pdftoppm: the tests read and look at the PDFs
# - chromium              headless browser for the HTML behaviour and accessibility tests
# - default-jre-headless  the W3C Nu HTML checker (vnu.jar) runs on Java
# - npm                   installs that checker (npm package vnu-jar, `make nu-checker`)
# - python3-grammalecte   French grammar for the optional GRM rules (jpfr check --select GRM)
# - libreoffice-writer-nogui  soffice --headless converts the .docx to PDF in the tests
# - hyphen-fr             French hyphenation patterns, so LibreOffice hyphenates the justified French
#
# As root on Debian/Ubuntu it runs apt-get; elsewhere it prints what to install and fails.
set -eu

missing=""
need_pkg() { missing="$missing $1"; }

fc-list :lang=ja 2>/dev/null | grep -qi "Noto Serif CJK" || need_pkg fonts-noto-cjk
command -v fc-list >/dev/null 2>&1 || need_pkg fontconfig
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || need_pkg libpango-1.0-0
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so" || need_pkg libpangoft2-1.0-0
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so" || need_pkg libharfbuzz-subset0
command -v pdftoppm >/dev/null 2>&1 || need_pkg poppler-utils
command -v chromium >/dev/null 2>&1 || need_pkg chromium
command -v java >/dev/null 2>&1 || need_pkg default-jre-headless
command -v npm >/dev/null 2>&1 || need_pkg npm
[ -f /usr/lib/python3/dist-packages/grammalecte/__init__.py ] || need_pkg python3-grammalecte
command -v soffice >/dev/null 2>&1 || need_pkg libreoffice-writer-nogui
[ -e /usr/share/hyphen/hyph_fr.dic ] || [ "$(uname)" != Linux ] || need_pkg hyphen-fr

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing fonts-noto-cjk >/dev/null
    fc-cache -f >/dev/null 2>&1 || true
    exit 0
fi

cat >&2 <<MSG
jpfr-accord needs these system packages, which are missing:$missing
On Debian/Ubuntu, as root: apt-get install$missing
On macOS (Homebrew): brew install pango poppler; Hiragino Mincho is built in; install Chromium or Chrome and a JRE for the browser tests.
MSG
exit 1
