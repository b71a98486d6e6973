#!/usr/bin/env python3
"""Learned-combination experiment (issue 15 item 3; bench/RESULTS.md): L2 logistic regression over finding features
(rule x context, worst severity), trained on calibration data only (ClawHub calibration and calibration-2 with their
labels, tests/corpus), its threshold the highest that keeps training recall at 90 %, compared with the hand-set verdict
on held-out-2. Input: `securestack scan --format json` over unpacked skill folders .../clawhub/AUTHOR/SKILL,
.../github/OWNER+REPO/SKILL, tests/corpus/malicious/X and tests/corpus/benign/X. Standard library only.
usage: lr-experiment.py SCAN.json LABELS.tsv [LAMBDA]
"""
import json, math, os, random, sys
DOC_EXT = {'.md','.markdown','.mdx','.txt','.rst','.adoc','.json','.jsonl','.yaml','.yml','.toml','.csv','.xml','.ini','.cfg','.conf','.log','.lock'}
DOC_DIR = {'test','tests','__tests__','spec','specs','fixtures','test-fixtures','testdata','test_data','examples','example','samples','docs','doc','benchmarks','evals'}
SEV = {'critical':1.0,'high':0.67,'medium':0.33,'low':0.1,'info':0.0}
def context(rule, path):
    if rule.startswith(('SS-META-','SS-PIN-','SS-SYMLINK','SS-SCAN-INCOMPLETE')): return 'skill'
    parts = path.replace('\\','/').split('/'); name = parts[-1]; folders = parts[:-1]
    if name.lower() == 'skill.md': return 'doc' if any(f.lower() in DOC_DIR for f in folders) else 'instr'
    if name == 'package.json': return 'code'
    if os.path.splitext(name)[1].lower() in DOC_EXT or any(f.lower() in DOC_DIR for f in folders): return 'doc'
    return 'code'
def features(report):
    f = {}
    for x in report['findings']:
        k = x['rule_id'] + '@' + context(x['rule_id'], x['file'])
        f[k] = max(f.get(k, 0), SEV.get(x['severity'], 0))
    return f
labels = {}
for line in open(sys.argv[2]):
    if line.startswith('#') or not line.strip(): continue
    p = line.rstrip('\n').split('\t'); labels[p[0]] = p[1]
rows = []
for r in json.load(open(sys.argv[1])):
    path = r['skill_path']
    if '/clawhub/' in path: sid = 'clawhub/' + path.split('/clawhub/', 1)[1].rstrip('/'); split = 'train'
    elif '/github/' in path: sid = 'github/' + path.split('/github/', 1)[1].rstrip('/'); split = 'heldout2'
    elif '/tests/corpus/malicious/' in path: sid = 'corpus-mal/' + path.rstrip('/').split('/')[-1]; split = 'train'
    elif '/tests/corpus/benign/' in path: sid = 'corpus-ben/' + path.rstrip('/').split('/')[-1]; split = 'train'
    else: continue
    y = 1 if labels.get(sid) == 'malicious' or sid.startswith('corpus-mal/') else 0
    rows.append((sid, split, y, features(r), r['verdict']['level']))
train = [r for r in rows if r[1] == 'train']; test = [r for r in rows if r[1] == 'heldout2']
keys = sorted({k for r in train for k in r[3]})
pos = sum(r[2] for r in train); neg = len(train) - pos
wpos, wneg = len(train) / (2 * pos), len(train) / (2 * neg)
random.seed(15)
w = {k: 0.0 for k in keys}; b = 0.0; lam = float(sys.argv[3]) if len(sys.argv) > 3 else 0.01; lr = 0.5
for epoch in range(300):
    gw = {k: lam * w[k] for k in keys}; gb = 0.0
    for _, _, y, f, _ in train:
        z = b + sum(w[k] * v for k, v in f.items() if k in w); p = 1 / (1 + math.exp(-max(-30, min(30, z))))
        g = (p - y) * (wpos if y else wneg) / len(train)
        gb += g
        for k, v in f.items(): gw[k] += g * v
    b -= lr * gb
    for k in keys: w[k] -= lr * gw[k] * 10
def prob(f): z = b + sum(w.get(k, 0) * v for k, v in f.items()); return 1 / (1 + math.exp(-max(-30, min(30, z))))
def wilson(k, n, z=1.959964):
    if n == 0: return '–'
    p = k / n; c = (p + z*z/(2*n)) / (1 + z*z/n); h = z * math.sqrt(p*(1-p)/n + z*z/(4*n*n)) / (1 + z*z/n)
    return f'{k}/{n} = {100*p:.1f} % [{100*max(0,c-h):.1f} %, {100*min(1,c+h):.1f} %]'
# Threshold chosen on the training data: the highest one that keeps training recall >= 90 %.
tp = sorted((prob(r[3]) for r in train if r[2]), reverse=True)
thr = tp[math.ceil(0.9 * len(tp)) - 1]
def report(name, rs):
    mal = [r for r in rs if r[2]]; ben = [r for r in rs if not r[2]]
    print(f'{name}: LR recall {wilson(sum(prob(r[3]) >= thr for r in mal), len(mal))}; LR FP {wilson(sum(prob(r[3]) >= thr for r in ben), len(ben))}; '
          f'hand recall {wilson(sum(r[4]=="Malicious" for r in mal), len(mal))}; hand FP {wilson(sum(r[4]=="Malicious" for r in ben), len(ben))}')
print(f'lambda {lam}, {len(keys)} features, {pos} malicious / {neg} benign in training, threshold {thr:.3f}')
report('training (ClawHub calibration splits + tests/corpus)', train)
report('  of it tests/corpus', [r for r in train if r[0].startswith('corpus-')])
report('  of it ClawHub', [r for r in train if r[0].startswith('clawhub/')])
report('held-out-2', test)
print('top weights:', ', '.join(f'{k} {w[k]:.2f}' for k in sorted(keys, key=lambda k: -w[k])[:8]))
