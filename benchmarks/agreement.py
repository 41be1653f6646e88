"""Agreement of the engine with labelled dossiers: `python benchmarks/agreement.py [FOLDER]`.

The same as `assess eval FOLDER --details`. Run it on samples/heldout/ for the honest
figure: that set was written apart from the tuning and never used while tuning.
"""

import sys

from assessor.cli import app

if __name__ == "__main__":
    app(["eval", *(sys.argv[1:] or ["samples"]), "--details"])
