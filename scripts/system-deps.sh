#!/usr/bin/env bash
# Make sure the system libraries Qt needs are present, before anything Python runs.
# Usage: scripts/system-deps.sh offscreen|window|test  (test: offscreen plus the tools the test suite runs)
# As root, installs what is missing with apt-get; otherwise prints the exact apt-get line and exits 1.
set -euo pipefail
mode=${1:-offscreen}

# Debian package -> a file it provides (checked with ldconfig or on disk).
declare -A need=(
  [libegl1]="libEGL.so.1"
  [libgl1]="libGL.so.1"
  [libglib2.0-0]="libglib-2.0.so.0"
  [libfontconfig1]="libfontconfig.so.1"
  [libfreetype6]="libfreetype.so.6"
  [libdbus-1-3]="libdbus-1.so.3"
  [libxkbcommon0]="libxkbcommon.so.0"
  [libx11-6]="libX11.so.6"
  [fonts-dejavu-core]="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
if [ "$mode" = test ]; then
  need+=(
    [desktop-file-utils]="/usr/bin/desktop-file-validate"
  )
fi
if [ "$mode" = window ]; then
  need+=(
    [libxcb-cursor0]="libxcb-cursor.so.0"
    [libxcb-icccm4]="libxcb-icccm.so.4"
    [libxcb-keysyms1]="libxcb-keysyms.so.1"
    [libxcb-image0]="libxcb-image.so.0"
    [libxcb-render-util0]="libxcb-render-util.so.0"
    [libxcb-shape0]="libxcb-shape.so.0"
    [libxcb-xkb1]="libxcb-xkb.so.1"
    [libxcb-randr0]="libxcb-randr.so.0"
    [libxcb-xinerama0]="libxcb-xinerama.so.0"
    [libxkbcommon-x11-0]="libxkbcommon-x11.so.0"
  )
fi

libs=$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true) )
missing=()
for pkg in "${!need[@]}"; do
  file=${need[$pkg]}
  if [[ $file == /* ]]; then
    [ -e "$file" ] || missing+=("$pkg")
  else
    grep -qF "$file " <<<"$libs" || missing+=("$pkg")
  fi
done

# python3 must be able to make a virtual environment (Debian ships venv separately).
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=("python3-venv")
fi

[ ${#missing[@]} -eq 0 ] && exit 0
IFS=$'\n' sorted=($(sort <<<"${missing[*]}")); unset IFS
line="apt-get install -y --no-install-recommends ${sorted[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing missing system packages: ${sorted[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && $line >/dev/null
else
  echo "Missing system packages: ${sorted[*]}" >&2
  echo "Install them first, as root:  $line" >&2
  exit 1
fi
