"""``python -m resumax_worker [--burst] [--queue NAME]``."""

from resumax_worker.cli import main

# Guarded: multiprocessing's forkserver and spawn re-import the main module in their children.
if __name__ == "__main__":
    main()
