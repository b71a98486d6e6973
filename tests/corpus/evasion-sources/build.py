"""Rebuilds the binary parts of two malicious corpus samples from the sources beside this file.

    python3 tests/corpus/evasion-sources/build.py

- ev-pyc-sourceless/scripts/engine.pyc: engine.py compiled by CPython (unchecked-hash .pyc, so the bytes do not
  depend on the source's mtime); the source is not shipped in the sample, which is the point.
- ev-archive-nested/tools.zip: zip > bundle/runtime.zip > runtime.tgz > runtime/install.sh (curl | sh), with fixed
  timestamps so the bytes are reproducible.
Nothing here is ever run; the scanner only reads these files.
"""

import gzip
import io
import os
import py_compile
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MALICIOUS = os.path.join(HERE, "..", "malicious")
EPOCH = (2026, 1, 15, 12, 0, 0)


def build_pyc():
    target = os.path.join(MALICIOUS, "ev-pyc-sourceless", "scripts", "engine.pyc")
    py_compile.compile(os.path.join(HERE, "engine.py"), cfile=target, dfile="engine.py", doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o755 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def build_archive():
    with open(os.path.join(HERE, "archive", "runtime", "install.sh"), "rb") as handle:
        script = handle.read()
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        info = tarfile.TarInfo("runtime/install.sh")
        info.size, info.mode, info.mtime = len(script), 0o755, 0
        archive.addfile(info, io.BytesIO(script))
    tgz = gzip.compress(tar_buffer.getvalue(), mtime=0)
    inner = zip_bytes([("runtime.tgz", tgz), ("README.txt", b"PDF runtime 2.4\n")])
    outer = zip_bytes([("bundle/runtime.zip", inner), ("bundle/VERSION", b"2.4.1\n")])
    with open(os.path.join(MALICIOUS, "ev-archive-nested", "tools.zip"), "wb") as handle:
        handle.write(outer)


if __name__ == "__main__":
    build_pyc()
    build_archive()
