#!/usr/bin/env python3
"""Packs the skill corpus (data/skills/README.md) from local git mirrors into one tar.xz.

Only text files up to 256 KiB are kept (no NUL byte in the first 8 KiB); nothing is executed.
usage: build-corpus.py CLAWHUB_GIT ANTHROPIC_GIT OUT.tar.gz
"""
import io
import subprocess
import sys
import tarfile

MAX_FILE = 256 * 1024
CLAWHUB_COMMIT = "3a5f649f604cb32910dc9ddb81d9be873b2c3d42"
ANTHROPIC_COMMIT = "9d2f1ae187231d8199c64b5b762e1bdf2244733d"
# The four document skills are "all rights reserved"; only the Apache-2.0 ones are packed.
ANTHROPIC_SKIP = {"docx", "pdf", "pptx", "xlsx"}


def blobs(git_dir, commit, prefix):
    out = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "-l", commit, prefix],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        mode, kind, sha, size = meta.split()
        if kind == "blob" and mode in ("100644", "100755") and size.isdigit() and int(size) <= MAX_FILE:
            yield path, sha, int(mode, 8)


def pack(tar, git_dir, commit, prefix, rename):
    entries = [(rename(p), sha, mode) for p, sha, mode in blobs(git_dir, commit, prefix)]
    entries = [e for e in entries if e[0] is not None]
    cat = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    kept = 0
    for name, sha, mode in sorted(entries):
        cat.stdin.write((sha + "\n").encode())
        cat.stdin.flush()
        header = cat.stdout.readline().split()
        if header[1] == b"missing":
            continue
        data = cat.stdout.read(int(header[2]))
        cat.stdout.read(1)
        if b"\0" in data[:8192]:
            continue
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime, info.uname, info.gname = len(data), mode & 0o644, 0, "", ""
        tar.addfile(info, io.BytesIO(data))
        kept += 1
    cat.stdin.close()
    cat.wait()
    return kept


def main():
    clawhub, anthropic, out = sys.argv[1:4]

    def claw(path):
        return "clawhub/" + path[len("skills/"):] if path.count("/") >= 3 else None

    def anth(path):
        parts = path.split("/")
        return None if len(parts) < 3 or parts[1] in ANTHROPIC_SKIP else "anthropic/" + "/".join(parts[1:])

    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        a = pack(tar, clawhub, CLAWHUB_COMMIT, "skills", claw)
        b = pack(tar, anthropic, ANTHROPIC_COMMIT, "skills", anth)
    print(f"{out}: {a} ClawHub files, {b} anthropics/skills files")


if __name__ == "__main__":
    main()
