"""What importing nnstudio sets up before NumPy loads: OpenBLAS threads that sleep after each product."""

import os
import subprocess
import sys


def _timeout_seen(env_value):
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_THREAD_TIMEOUT"}
    if env_value is not None:
        env["OPENBLAS_THREAD_TIMEOUT"] = env_value
    code = "import nnstudio, numpy, os; print(os.environ['OPENBLAS_THREAD_TIMEOUT'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_openblas_threads_sleep_after_a_product_unless_the_environment_says_otherwise():
    assert _timeout_seen(None) == "4"
    assert _timeout_seen("28") == "28"
