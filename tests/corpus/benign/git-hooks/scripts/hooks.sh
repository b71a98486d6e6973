#!/bin/sh
set -eu
cat > .git/hooks/pre-commit <<'HOOK'
#!/bin/sh
npm test
HOOK
chmod +x .git/hooks/pre-commit
