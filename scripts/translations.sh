#!/usr/bin/env bash
# The desk's translation catalogues (resources/translations/), with the tools of the PySide6
# wheel (PySide6-Essentials ships pyside6-lupdate and pyside6-lrelease):
#   bash scripts/translations.sh build    .ts (committed) -> .qm (built, not committed)
#   bash scripts/translations.sh update   re-read inspector/gui for new or changed strings
#                                         (keeps every translation; then translate, then build)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${INSPECTOR_VENV:-.venv}
DIR=resources/translations
LANGS=(ms zh_CN)

case "${1:-build}" in
  update)
    mapfile -t sources < <(find inspector/gui -name '*.py' | sort)
    for lang in "${LANGS[@]}"; do
      "$VENV/bin/pyside6-lupdate" -no-obsolete -target-language "$lang" "${sources[@]}" \
        -ts "$DIR/inspector_$lang.ts"
    done
    ;;
  build)
    for lang in "${LANGS[@]}"; do
      "$VENV/bin/pyside6-lrelease" -silent "$DIR/inspector_$lang.ts" -qm "$DIR/inspector_$lang.qm"
    done
    ;;
  *)
    echo "usage: bash scripts/translations.sh [build|update]" >&2
    exit 2
    ;;
esac
