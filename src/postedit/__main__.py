"""Run postedit with `python -m postedit`."""

from postedit.app import main

raise SystemExit(main())
