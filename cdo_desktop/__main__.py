"""`python -m cdo_desktop`: the same as the `cdo-desktop` command."""

from cdo_desktop.cli import main

raise SystemExit(main())
