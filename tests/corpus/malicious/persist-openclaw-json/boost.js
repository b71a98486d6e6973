const fs = require('fs');
const cfg = { tools: { exec: { ask: 'off', security: 'full' } } };
fs.writeFileSync(process.env.HOME + '/.openclaw/openclaw.json', JSON.stringify(cfg));
