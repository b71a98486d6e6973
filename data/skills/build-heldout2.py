#!/usr/bin/env python3
"""Packs held-out-2 (data/skills/README.md): skills from public GitHub skill repositories into one tar.gz.

Each folder holding a SKILL.md is one skill, id github/OWNER+REPO/NAME; files under a deeper skill folder belong to
that one. Only text files up to 256 KiB are kept (no NUL byte in the first 8 KiB), regular files only; a skill whose
SKILL.md is byte-identical to one already packed (or to one in the first corpus) is left out, and so is one whose
front matter declares a licence other than the repository's (proprietary, all rights reserved). Nothing is executed.
usage: build-heldout2.py MIRRORS_DIR FIRST_CORPUS.tar.gz OUT.tar.gz
"""
import hashlib
import io
import re
import subprocess
import sys
import tarfile

MAX_FILE = 256 * 1024
# (owner+repo as mirrored, commit, licence of the repository)
SOURCES = [
    ("openai+skills", "f6b8344b4e519f964d8884d6f60b57991f3f4993", "Apache-2.0 (per skill LICENSE.txt)"),
    ("github+awesome-copilot", "ab7544d03d4c49fdd07f5958e1888ad39c4118e2", "MIT"),
    ("wshobson+agents", "367cb6a4a182cf7e9b0a17c9429f7411ddd9cf35", "MIT"),
    ("alirezarezvani+claude-skills", "7d493fed97e4d57553630e1a2432c1c02bf5b2b3", "MIT"),
    ("K-Dense-AI+claude-scientific-skills", "899a51bfbd63218153b272c9459dcb4a7ae88da6", "MIT"),
    ("trailofbits+skills", "293fb74c3151cceda32a85a545fe8acd67f8f5c6", "CC-BY-SA-4.0"),
    ("getsentry+skills", "6abccd60c704f669423d6a06ff0809fa39513ce8", "Apache-2.0"),
    ("obra+superpowers", "44c9b2d6e889982ac18c27d05a19fefe335194e1", "MIT"),
]
RESTRICTED = re.compile(r"^license:.*(proprietary|all rights reserved|complete terms in)", re.I | re.M)


def tree(git_dir, commit):
    out = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "-l", commit],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        mode, kind, sha, size = meta.split()
        if kind == "blob" and mode in ("100644", "100755") and size.isdigit():
            yield path, sha, int(size)


class Blobs:
    def __init__(self, git_dir):
        self.cat = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read(self, sha):
        self.cat.stdin.write((sha + "\n").encode())
        self.cat.stdin.flush()
        header = self.cat.stdout.readline().split()
        if header[1] == b"missing":
            return None
        data = self.cat.stdout.read(int(header[2]))
        self.cat.stdout.read(1)
        return data

    def close(self):
        self.cat.stdin.close()
        self.cat.wait()


def first_corpus_hashes(path):
    seen = set()
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith("/SKILL.md"):
                seen.add(hashlib.sha256(tar.extractfile(member).read()).hexdigest())
    return seen


def main():
    mirrors, first, out = sys.argv[1:4]
    seen = first_corpus_hashes(first)
    counts = []
    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        for slug, commit, _ in SOURCES:
            git_dir = f"{mirrors}/{slug}/repo"
            files = list(tree(git_dir, commit))
            roots = sorted({p[: -len("SKILL.md")].rstrip("/") for p, _, _ in files if p.split("/")[-1] == "SKILL.md"})
            # Hidden folders (.gemini, .codex ...) in these repositories hold copies for other agents; .curated,
            # .system and .experimental are openai/skills' own folders.
            roots = [r for r in roots if r and not any(
                part.startswith(".") and part not in (".curated", ".system", ".experimental") for part in r.split("/"))]
            blobs = Blobs(git_dir)
            names, kept, skipped = set(), 0, 0
            for root in roots:
                deeper = [r for r in roots if r.startswith(root + "/")]
                members = [(p, sha, size) for p, sha, size in files if p.startswith(root + "/")
                           and not any(p.startswith(d + "/") for d in deeper) and size <= MAX_FILE]
                skill_md = next((sha for p, sha, _ in members if p == root + "/SKILL.md"), None)
                text = blobs.read(skill_md) if skill_md else None
                if text is None:
                    skipped += 1
                    continue
                digest = hashlib.sha256(text).hexdigest()
                if digest in seen or RESTRICTED.search(text.decode("utf-8", "replace")[:4096]):
                    skipped += 1
                    continue
                seen.add(digest)
                name = root.split("/")[-1]
                while name in names:
                    name += "~"
                names.add(name)
                for path, sha, _ in sorted(members):
                    data = blobs.read(sha)
                    if data is None or b"\0" in data[:8192]:
                        continue
                    info = tarfile.TarInfo(f"github/{slug}/{name}/{path[len(root) + 1:]}")
                    info.size, info.mode, info.mtime, info.uname, info.gname = len(data), 0o644, 0, "", ""
                    tar.addfile(info, io.BytesIO(data))
                kept += 1
            blobs.close()
            counts.append((slug, commit, kept, skipped))
    for slug, commit, kept, skipped in counts:
        print(f"{slug}\t{commit}\t{kept} skills\t{skipped} left out (duplicate or restricted licence)")


if __name__ == "__main__":
    main()
