"""The bundle's entry point (PyInstaller freezes this file): the same command as `dispatch-console`."""

from console.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
