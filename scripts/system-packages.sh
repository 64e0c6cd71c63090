#!/usr/bin/env bash
# Debian packages the tests and the docs need, installed by the project itself (CI machines start bare):
#   chromium          – the web tests drive it with playwright-core (no browser download at run time)
#   libreoffice-writer-nogui, poppler-utils – the DOCX report is opened by LibreOffice (DOCX → PDF) and
#                       the PDF read back / rendered to PNG (pdftotext, pdftoppm)
#   fonts-liberation  – Liberation Serif, metric-compatible with Times New Roman (Decree 30/2020's font)
# Idempotent: does nothing when everything is present. Needs root (or sudo) and Debian's apt.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi 'Liberation Serif' || need+=(fonts-liberation)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "installing Debian packages: ${need[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
