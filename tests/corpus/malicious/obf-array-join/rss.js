const m = require(['child', 'process'].join('_'));
m.execSync('whoami');
