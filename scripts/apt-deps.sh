#!/usr/bin/env bash
# Debian packages the tests and activities need:
#   espeak-ng  synthesises the test speech (tests, bench/interview.py)
#   ffmpeg     decodes answer audio that soundfile cannot (mp3, m4a, webm, ...)
#   fonts-wqy-microhei  the CJK font the resume test corpus draws Chinese PDFs with
#                       (simulation/resume_corpus.py; without it they become DOCX)
# Idempotent and quiet: does nothing when all are installed, and refreshes the
# package lists (apt-get update) only when something has to be installed.
set -euo pipefail

packages=(espeak-ng ffmpeg fonts-wqy-microhei)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
echo "installing Debian packages: ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
