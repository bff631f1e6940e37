"""Build hook: ship the top-level schema/, templates/ and data/ folders inside the wheel.

They live at the top of the repository (where translators and reviewers look for
them) and are copied to ``jpfr_accord/_data/`` at build time, so an installed
wheel finds them without a checkout. ``jpfr_accord.resources`` looks in both places.
"""

import pathlib
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = pathlib.Path(__file__).resolve().parent
SHIPPED = ("schema", "templates", "data")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout directly
        target = pathlib.Path(self.build_lib, "jpfr_accord", "_data")
        for name in SHIPPED:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithData})
