"""Safe reading of untrusted archives: names, links, counts, sizes, JSON depth, NPY content."""

import io
import struct
import tracemalloc
import warnings
import zipfile

import numpy as np
import pytest

from nnstudio.project import ProjectError
from nnstudio.project.archive import Limits, parse_json, read_npz, read_zip


def _zip(members, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def _declare_size(data: bytes, size: int) -> bytes:
    """Overwrite the uncompressed size of every member in local and central headers (a lying zip)."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := out.find(sig, start)) >= 0:
            out[at + offset:at + offset + 4] = struct.pack("<I", size)
            start = at + 4
    return bytes(out)


def test_reads_regular_members_and_filters():
    data = _zip({"a.txt": b"hello", "dir/b.txt": b"world"})
    assert read_zip(data, label="x") == {"a.txt": b"hello", "dir/b.txt": b"world"}
    assert read_zip(data, label="x", want=lambda n: n == "a.txt") == {"a.txt": b"hello"}


def test_not_a_zip_names_the_file(tmp_path):
    bad = tmp_path / "notes.nnproj"
    bad.write_text("just some text")
    with pytest.raises(ProjectError) as info:
        read_zip(bad, label=str(bad), path=bad)
    assert str(bad) in str(info.value) and "not a zip archive" in str(info.value)
    assert info.value.path == bad


@pytest.mark.parametrize("keep", [0.999, 0.5, 0.01])
def test_a_truncated_project_is_called_damaged_or_incomplete(tmp_path, keep):
    # Regression (#13 item 7): a project cut short (an interrupted copy) was "not a zip archive".
    whole = _zip({"project.json": b'{"format_version": 1}' * 50, "weights.npz": bytes(range(256)) * 20})
    cut = tmp_path / "cut.nnproj"
    cut.write_bytes(whole[:max(2, int(len(whole) * keep))])
    with pytest.raises(ProjectError) as info:
        read_zip(cut, label=str(cut), path=cut)
    assert str(info.value) == (f"Cannot open {cut}: the file is damaged or incomplete (its end is missing, "
                               f"as when a copy or download is cut short).")
    with pytest.raises(ProjectError, match="damaged or incomplete"):
        read_zip(whole[:len(whole) // 2], label="bytes")


def test_an_empty_file_is_called_empty(tmp_path):
    empty = tmp_path / "empty.nnproj"
    empty.write_bytes(b"")
    with pytest.raises(ProjectError, match="the file is empty"):
        read_zip(empty, label=str(empty), path=empty)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectError, match="does not exist"):
        read_zip(tmp_path / "gone.nnproj", label="gone.nnproj")
    with pytest.raises(ProjectError, match="folder"):
        read_zip(tmp_path, label="folder")


@pytest.mark.parametrize("name, phrase", [
    ("../evil.txt", "contains '..'"),
    ("data/../../evil.txt", "contains '..'"),
    ("/etc/passwd", "absolute path"),
    ("C:/Windows/evil.txt", "absolute path"),
    ("data\\evil.txt", "backslash"),
])
def test_unsafe_member_names_are_refused(name, phrase):
    with pytest.raises(ProjectError, match=phrase):
        read_zip(_zip({name: b"x"}), label="evil.nnproj")


def test_symlink_members_are_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("data/link.csv")
        info.external_attr = 0o120777 << 16  # S_IFLNK | rwx
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(ProjectError, match="symbolic link"):
        read_zip(buf.getvalue(), label="evil.nnproj")


def test_duplicate_members_are_refused():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate we make on purpose
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("project.json", b"{}")
            zf.writestr("project.json", b"[]")
    with pytest.raises(ProjectError, match="appears twice"):
        read_zip(buf.getvalue(), label="dup.nnproj")


def test_too_many_members_are_refused():
    data = _zip({f"data/{i}.csv": b"" for i in range(20)})
    with pytest.raises(ProjectError, match="20 members, more than the limit of 10"):
        read_zip(data, label="many.nnproj", limits=Limits(max_members=10))


def test_declared_total_size_over_cap_is_refused_before_reading():
    data = _zip({"data/zeros.bin": bytes(2_000_000)})
    with pytest.raises(ProjectError, match="declare 1.9 MB of content, more than the 1.0 MB limit"):
        read_zip(data, label="bomb.nnproj", limits=Limits(max_total_bytes=1 << 20))


def test_header_claiming_huge_size_is_refused_under_default_limits():
    data = _declare_size(_zip({"project.json": b"{}"}), 0xFFFFFFF0)
    with pytest.raises(ProjectError, match="more than the 1024.0 MB limit"):
        read_zip(data, label="huge.nnproj")


def test_lying_header_cannot_fill_memory():
    # 64 MB of zeros deflate to ~64 KB; the headers then claim 100 bytes.
    data = _declare_size(_zip({"data/zeros.bin": bytes(64 << 20)}), 100)
    assert len(data) < 1 << 20
    tracemalloc.start()
    try:
        with pytest.raises(ProjectError, match="damaged or unreadable"):
            read_zip(data, label="liar.nnproj")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20


def test_encrypted_members_are_refused():
    data = bytearray(_zip({"project.json": b"{}"}, zipfile.ZIP_STORED))
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # general purpose flag bit 0
        at = data.find(sig)
        data[at + offset] |= 1
    with pytest.raises(ProjectError, match="encrypted"):
        read_zip(bytes(data), label="secret.nnproj")


def test_json_depth_cap():
    deep = b"[" * 100 + b"]" * 100
    with pytest.raises(ProjectError, match="nested deeper than the limit of 64 levels"):
        parse_json(deep, label="deep.nnproj (project.json)")
    assert parse_json(b'{"a": "[[[[[[[[[["}', label="x", limits=Limits(max_json_depth=2)) == {"a": "[" * 10}
    # far deeper than Python's recursion limit: refused by the count, not by a crash
    with pytest.raises(ProjectError, match="nested deeper"):
        parse_json(b"[" * 100_000, label="x")


@pytest.mark.parametrize("raw, phrase", [
    (b'{"a": NaN}', "not valid JSON"),
    (b'{"a": 1,}', "line 1, column 9"),
    (b'\xff\xfe{"a": 1}', "not UTF-8"),
])
def test_bad_json(raw, phrase):
    with pytest.raises(ProjectError, match=phrase):
        parse_json(raw, label="p.nnproj (project.json)")


def _npz(**arrays):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def test_npz_round_trip_keeps_values_and_dtypes():
    w = np.arange(12, dtype=np.float32).reshape(3, 4)
    f = np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3))
    out = read_npz(_npz(**{"h/kernel": w, "h/bias": np.zeros(4, np.float32), "f": f}), label="w")
    np.testing.assert_array_equal(out["h/kernel"], w)
    np.testing.assert_array_equal(out["f"], f)
    assert out["h/kernel"].dtype == np.float32 and out["f"].dtype == np.float64
    assert out["h/bias"].shape == (4,)


class _Trap:
    """Unpickling this would create a file: proof that loading executed code."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_object_arrays_are_refused_and_never_unpickled(tmp_path):
    marker = tmp_path / "pwned"
    arr = np.empty(1, dtype=object)
    arr[0] = _Trap(marker)
    buf = io.BytesIO()
    np.savez(buf, **{"h/kernel": arr})
    with pytest.raises(ProjectError, match="non-numeric type object"):
        read_npz(buf.getvalue(), label="evil.nnproj (weights.npz)")
    assert not marker.exists()


def test_truncated_array_and_non_npy_member_are_refused():
    buf = io.BytesIO()
    np.save(buf, np.zeros(100, np.float32))
    with pytest.raises(ProjectError, match="truncated"):
        read_npz(_zip({"h/kernel.npy": buf.getvalue()[:-8]}), label="w")
    with pytest.raises(ProjectError, match="not a .npy array"):
        read_npz(_zip({"readme.txt": b"hi"}), label="w")
    with pytest.raises(ProjectError, match="damaged header"):
        read_npz(_zip({"h/kernel.npy": b"\x93NUMPY\x09\x00garbage"}), label="w")
    buf = io.BytesIO()
    np.save(buf, np.zeros(3, np.float32))
    broken = buf.getvalue().replace(b"'shape': (3,)", b"'shape': (3,(")  # not a Python literal any more
    with pytest.raises(ProjectError, match="damaged header"):
        read_npz(_zip({"h/kernel.npy": broken}), label="w")
    huge = buf.getvalue().replace(b"'shape': (3,), ", b"'shape': (10**12,)")  # an expression, not a literal
    with pytest.raises(ProjectError, match="damaged header"):
        read_npz(_zip({"h/kernel.npy": huge}), label="w")
    lying = buf.getvalue().replace(b"'shape': (3,), ", b"'shape': (99999,)")  # claims more than it holds
    with pytest.raises(ProjectError, match="truncated or has extra bytes"):
        read_npz(_zip({"h/kernel.npy": lying}), label="w")
