"""nnstudio.data runs on NumPy alone: no scikit-learn, pandas or scipy at run time."""

import subprocess
import sys
from pathlib import Path


def test_data_package_imports_no_heavy_libraries():
    code = ("import sys\n"
            "from nnstudio import data\n"
            "data.load_builtin('iris'); data.generate('moons'); data.load_csv(sys.argv[1])\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sklearn', 'pandas', 'scipy', 'PySide6', 'pyqtgraph'))))\n")
    csv = Path(__file__).parent / "csv" / "gbk.csv"
    out = subprocess.run([sys.executable, "-c", code, str(csv)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
