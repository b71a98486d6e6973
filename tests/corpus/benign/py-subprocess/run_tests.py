import subprocess
import sys

result = subprocess.run([sys.executable, '-m', 'pytest', '-q'], check=False)
sys.exit(result.returncode)
