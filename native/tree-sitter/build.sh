#!/usr/bin/env bash
# Compiles the pinned tree-sitter core and grammars (C sources from package-lock.json) into one shared library.
# Usage: native/tree-sitter/build.sh [output.so]   (default: native/tree-sitter/build/libtreesitter_securestack.so)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/build/libtreesitter_securestack.so}
cc=${CC:-gcc}
cd "$here"

if [ ! -f node_modules/tree-sitter/vendor/tree-sitter/lib/src/lib.c ]; then
  # --ignore-scripts: only the C sources are wanted, never the node bindings' native build.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

core=node_modules/tree-sitter/vendor/tree-sitter/lib
core_abi=$(sed -n 's/^#define TREE_SITTER_LANGUAGE_VERSION \([0-9]*\)$/\1/p' "$core/include/tree_sitter/api.h")
min_abi=$(sed -n 's/^#define TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION \([0-9]*\)$/\1/p' "$core/include/tree_sitter/api.h")

grammars=(
  node_modules/tree-sitter-javascript
  node_modules/tree-sitter-typescript/typescript
  node_modules/tree-sitter-typescript/tsx
  node_modules/tree-sitter-bash
  node_modules/tree-sitter-python
)

objdir=$(mktemp -d)
trap 'rm -rf "$objdir"' EXIT
cflags=(-O2 -fPIC -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -w)

sources=("$core/src/lib.c")
for grammar in "${grammars[@]}"; do
  abi=$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\)$/\1/p' "$grammar/src/parser.c")
  if [ -z "$abi" ] || [ "$abi" -lt "$min_abi" ] || [ "$abi" -gt "$core_abi" ]; then
    echo "$grammar/src/parser.c: grammar ABI ${abi:-unknown} is outside the core's range $min_abi..$core_abi; pin matching versions in package.json" >&2
    exit 1
  fi
  sources+=("$grammar/src/parser.c")
  [ -f "$grammar/src/scanner.c" ] && sources+=("$grammar/src/scanner.c")
done

pids=()
i=0
for src in "${sources[@]}"; do
  includes=(-I"$core/include" -I"$core/src" -I"$(dirname "$src")")
  "$cc" "${cflags[@]}" "${includes[@]}" -c "$src" -o "$objdir/$i.o" &
  pids+=($!)
  i=$((i + 1))
done
for pid in "${pids[@]}"; do wait "$pid"; done

mkdir -p "$(dirname "$out")"
"$cc" -shared -o "$out.tmp" "$objdir"/*.o
mv "$out.tmp" "$out"
echo "built $out (core ABI $core_abi, grammars ${#grammars[@]})"
