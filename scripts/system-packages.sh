#!/usr/bin/env bash
# Debian packages the tests and the docs need, installed by the project itself (CI machines start bare):
#   chromium          – the web tests drive it with playwright-core (no browser download at run time)
#   libreoffice-writer-nogui, poppler-utils – the DOCX report is opened by LibreOffice (DOCX → PDF) and
#                       the PDF read back / rendered to PNG (pdftotext, pdftoppm)
#   fonts-liberation  – Liberation Serif, metric-compatible with Times New Roman (Decree 30/2020's font)
#   postgresql        – a real PostgreSQL server for the database tests and the multi-process test
#                       (initdb + pg_ctl in a temporary directory; dondoc itself needs only DATABASE_URL)
#   dovecot-imapd     – a real IMAP server for the bounce-mailbox test (run from a temporary directory)
# Idempotent: does nothing when everything is present. Needs root (or sudo) and Debian's apt.
# `--if-possible` (what `npm test` runs): installs when root or passwordless sudo allows it, otherwise
# prints exactly what to install and carries on (the tests that need a missing package say so).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
fc-list 2>/dev/null | grep -qi 'Liberation Serif' || need+=(fonts-liberation)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ "${1:-}" = "--if-possible" ]; then
  if ! command -v apt-get >/dev/null 2>&1 || { [ -n "$SUDO" ] && ! sudo -n true 2>/dev/null; }; then
    echo "missing Debian packages: ${need[*]}" >&2
    echo "install them with: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
    exit 0
  fi
fi
echo "installing Debian packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
