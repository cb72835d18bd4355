"""The rule base. The engine loads the modules of this directory by file name; see README.md."""
