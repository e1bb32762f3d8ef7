#!/bin/sh
# Make the window's translation catalogues again (gui/i18n.py says how they are used):
#   resources/i18n/portwindow_<lang>.ts  from the texts marked in portwindow/gui (pyside6-lupdate;
#                                         translations already made are kept),
#   resources/i18n/portwindow_<lang>.qm  compiled from them (pyside6-lrelease).
# Run from the repository's top: sh tools/translations.sh   (make translations does)
set -eu
BIN=${VENV:-.venv}/bin
"$BIN/python" tools/note_texts.py  # the engine's notes, marked for lupdate
SOURCES=$(find portwindow/gui -name '*.py' | sort)
for lang in en ja; do
    # shellcheck disable=SC2086 - one word per source file
    "$BIN/pyside6-lupdate" -no-obsolete -locations none -source-language en $SOURCES \
        -target-language "$lang" -ts "resources/i18n/portwindow_$lang.ts"
    "$BIN/pyside6-lrelease" -silent "resources/i18n/portwindow_$lang.ts" \
        -qm "resources/i18n/portwindow_$lang.qm"
done
