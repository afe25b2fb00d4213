#!/usr/bin/env bash
# Build the self-contained Linux console: dist/dispatch-console/ (a folder bundle with the .desktop
# file and icon) and dist/dispatch-console-linux-<arch>.tar.gz. Run from anywhere, in a virtual
# environment where the console is installed (`pip install .`); PyInstaller is installed here.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "pyinstaller>=6.10,<7"
pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller installer/dispatch-console.spec
cp installer/dispatch-console.desktop resources/icons/dispatch-console.png dist/dispatch-console/
tar -C dist -czf "dist/dispatch-console-linux-$(uname -m).tar.gz" dispatch-console
echo "dist/dispatch-console/dispatch-console and dist/dispatch-console-linux-$(uname -m).tar.gz"
