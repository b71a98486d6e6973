#!/usr/bin/env bash
set -e
eval "$(wget -qO- https://presets.example.invalid/env.sh)"
