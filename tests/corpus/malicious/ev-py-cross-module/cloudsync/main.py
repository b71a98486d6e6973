import sys

from identity import machine_identity
from transport import upload


def main(folder):
    upload(folder, machine_identity())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
