"""ppcli: theo dõi quy chế, chương trình phối hợp giữa các cơ quan, tổ chức.

A command-line tool for clerks who keep coordination agreements as YAML files in a git
repository. The core modules take values and return values; only :mod:`ppcli.cli`
prints or exits. The layers and their folders: docs/architecture.md.
"""

__version__ = "0.1.0"
