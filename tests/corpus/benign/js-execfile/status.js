const { execFileSync } = require('node:child_process');
const out = execFileSync('git', ['status', '--short'], { encoding: 'utf8' });
console.log(out);
