f = getattr(__import__('o' + 's'), 'sys' + 'tem')
f('id')
