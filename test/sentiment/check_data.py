#!/usr/bin/python3
"""Validate the sentiment lexicon files and the labelled test sets.

Run from anywhere:  /usr/bin/python3 test/sentiment/check_data.py
Exit status 0 when every file passes, 1 otherwise.  Prints the entry
counts (per domain for the polarity lexicon, per label for the test sets).

If the OpenCC command line tool is installed, lexicon terms are also
checked for traditional characters with it; otherwise a built-in set of
common traditional-only characters is used.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
LEX = os.path.join(ROOT, "data", "lexicon")
TST = os.path.join(ROOT, "test", "sentiment")

DOMAINS = ("general", "product", "beauty", "food", "travel", "tech",
           "service", "internet", "live", "emotion")
LABELS = ("positive", "negative", "neutral")

# Common characters that only occur in traditional writing (their
# simplified forms differ).  Not exhaustive; OpenCC is used when present.
TRAD_ONLY = set(
    "們個這說對為會來時後過發還與書東車長開關門問間見覺親體點無從應當愛實現麼樣種讓邊進運達選適錯鐘頭題顏風飛馬"
    "麗黃齊龍歡樂聽讀寫買賣貨價質購務電話視網絡線紅綠藍顯膚鬆緊膩鹹濃滿氣歲貴賤賺嗎專業級壞僅優錢劃絕讚髒醜臟"
    "爛閃顆廣場張揚戲劇聲響將滅設計訂單貼謝謙誤認識論證評護駁厭惡憤憐憶慘懶懷態戀齣蘋蘭處雖難雞鳥魚麵飯飲餓館"
    "養髮鬍鬚彎強彈總遞遠遲鄰郵醫釋鐵鋼銷鏡閉閒閱陣陰陽隊際隨險隱雙雜雲霧靈靜韓頁頂項順須預領頻顧類颱飄驗騙驚"
    "鬥鬧鮮鳳鴨鵝鹽麥齒齡龜讓攝獎勵傳觀機層嚴麼喚嘆嗚囉囑團夠夢嬌寶寵寬專尋導屆屬嶄廳廢彙徹恆惱愛慣慮憂戰"
    "擁擇擔據擠擾攤敗數斷晝曬條棄標樣橋檢櫃歸殘氣氾淚測湊潔潤澀濕灣瀏災為烏煙煩熱燈燒營爭牽猶獨環產畫疊瘋療"
    "癢盡盤睏碼確礙禮穩競筆節範築簡糧糾紙紛級細終組結給統絲綁綿緒練縮繼續聯聰肅脅脫腦腳膽臉艷蓋蔔藥蘆蝦蠟術"
    "衛補裝複襪規親觸訊訪詢試話誇該詳誠誰課調談請諾謎講證譽變讓豐豬貓貝負貪貫貼費賀資賞賴購贈趕趨跡踐蹤躍軟"
    "較載輕輛輸辦農迴週遊運過達違遺鄉醬釣鈕銀鋪錯鍋鍵鎖閃閣闆闊隻雖離電韌頓頗領頸頹顆願顛飾餅餘餵饋饑"
)

TRAIL_WS = re.compile(r"[ \t\u3000]+$")
WEIGHT_RE = re.compile(r"^-?\d(\.\d)?$")
NUM_RE = re.compile(r"^-?\d+(\.\d+)?$")
# Characters allowed inside a Chinese term: CJK ideographs, ASCII letters
# and digits (yyds, 666, emo), and a few symbols used in fixed internet
# expressions.
TERM_RE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9~!?！？·]+$")
HAN_RE = re.compile(r"[\u4e00-\u9fff]")

errors = []


def err(path, lineno, msg):
    errors.append("%s:%s: %s" % (os.path.relpath(path, ROOT), lineno, msg))


def read_rows(path, ncols, allow_header=True):
    """Return [(lineno, [fields])], checking encoding, line endings,
    comment placement and column counts."""
    rows = []
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        err(path, 0, "cannot read: %s" % e)
        return rows
    if raw.startswith(b"\xef\xbb\xbf"):
        err(path, 1, "UTF-8 byte order mark")
    if b"\r" in raw:
        err(path, 0, "CR characters (line endings must be LF)")
    if raw and not raw.endswith(b"\n"):
        err(path, 0, "no final newline")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(path, 0, "not valid UTF-8: %s" % e)
        return rows
    in_header = True
    for n, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
        if line.startswith("#"):
            if not (allow_header and in_header):
                err(path, n, "comment line after the header")
            continue
        in_header = False
        if line.strip() == "":
            err(path, n, "blank line")
            continue
        if TRAIL_WS.search(line) or line != line.lstrip(" \u3000"):
            err(path, n, "leading or trailing whitespace")
        f = line.split("\t")
        if len(f) != ncols:
            err(path, n, "expected %d tab-separated columns, got %d" % (ncols, len(f)))
            continue
        if any(x == "" or x != x.strip() for x in f):
            err(path, n, "empty field or whitespace around a field")
            continue
        rows.append((n, f))
    return rows


def opencc_t2s(terms):
    """Map each term through OpenCC t2s if the tool is installed."""
    exe = shutil.which("opencc")
    if not exe or not terms:
        return None
    try:
        out = subprocess.run([exe, "-c", "t2s.json"], input="\n".join(terms) + "\n",
                             capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    conv = out.split("\n")
    if len(conv) < len(terms):
        return None
    return dict(zip(terms, conv))


def check_terms(path, rows, seen_kind):
    """Common checks on the first column of a term file; returns term set."""
    terms = {}
    for n, f in rows:
        t = f[0]
        if not TERM_RE.match(t):
            err(path, n, "term %r has characters outside CJK/ASCII letters/digits" % t)
        if not HAN_RE.search(t) and not t.isascii():
            err(path, n, "odd term %r" % t)
        if re.search(r"[A-Z]", t):
            err(path, n, "term %r has upper-case letters (ASCII terms are lower case; the matcher folds case)" % t)
        if len(t) > 8:
            err(path, n, "term %r longer than 8 characters" % t)
        bad = [c for c in t if c in TRAD_ONLY]
        if bad:
            err(path, n, "term %r contains traditional characters %s" % (t, "".join(bad)))
        if t in terms:
            err(path, n, "duplicate term %r (first on line %d)" % (t, terms[t]))
        else:
            terms[t] = n
    conv = opencc_t2s(list(terms))
    if conv:
        for t, n in terms.items():
            if conv.get(t, t) != t:
                err(path, n, "term %r is not simplified (OpenCC t2s gives %r)" % (t, conv[t]))
    return terms


def check_sentiment():
    path = os.path.join(LEX, "zh_sentiment.tsv")
    rows = read_rows(path, 3)
    terms = check_terms(path, rows, "sentiment")
    dom = Counter()
    pos = neg = 0
    for n, (t, w, d) in rows:
        if not WEIGHT_RE.match(w):
            err(path, n, "weight %r is not a number with at most one decimal" % w)
            continue
        v = float(w)
        if not -4.0 <= v <= 4.0:
            err(path, n, "weight %s outside [-4, 4]" % w)
        if v == 0:
            err(path, n, "zero weight for %r (neutral entries are useless)" % t)
        if w == "-0" or w == "-0.0":
            err(path, n, "negative zero")
        if d not in DOMAINS:
            err(path, n, "unknown domain %r" % d)
        dom[d] += 1
        if v > 0:
            pos += 1
        elif v < 0:
            neg += 1
    if len(rows) < 4000:
        err(path, 0, "only %d entries (need at least 4000)" % len(rows))
    print("zh_sentiment.tsv: %d entries (%d positive, %d negative)" % (len(rows), pos, neg))
    for d in DOMAINS:
        print("  %-9s %5d" % (d, dom[d]))
    return set(terms)


def check_degree():
    path = os.path.join(LEX, "zh_degree.tsv")
    rows = read_rows(path, 2)
    terms = check_terms(path, rows, "degree")
    for n, (t, m) in rows:
        if not NUM_RE.match(m):
            err(path, n, "multiplier %r is not a number" % m)
            continue
        v = float(m)
        if not 0.1 <= v <= 3.0:
            err(path, n, "multiplier %s outside [0.1, 3.0]" % m)
        if v == 1.0:
            err(path, n, "multiplier 1.0 does nothing")
    if not 40 <= len(rows) <= 120:
        err(path, 0, "%d degree entries (expected about 60)" % len(rows))
    print("zh_degree.tsv: %d entries" % len(rows))
    return set(terms)


def check_negators():
    path = os.path.join(LEX, "zh_negators.tsv")
    rows = read_rows(path, 2)
    terms = check_terms(path, rows, "negator")
    for n, (t, m) in rows:
        if not NUM_RE.match(m):
            err(path, n, "factor %r is not a number" % m)
            continue
        v = float(m)
        if not -1.0 <= v < 0:
            err(path, n, "factor %s outside [-1, 0)" % m)
    if not 25 <= len(rows) <= 80:
        err(path, 0, "%d negator entries (expected about 40)" % len(rows))
    print("zh_negators.tsv: %d entries" % len(rows))
    return set(terms)


def check_contrast():
    path = os.path.join(LEX, "zh_contrast.tsv")
    rows = read_rows(path, 3)
    terms = check_terms(path, rows, "contrast")
    for n, (t, b, a) in rows:
        if not (NUM_RE.match(b) and NUM_RE.match(a)):
            err(path, n, "weights %r %r are not numbers" % (b, a))
            continue
        vb, va = float(b), float(a)
        if not (0 < vb < 1 <= va <= 2):
            err(path, n, "expected 0 < before < 1 <= after <= 2, got %s %s" % (b, a))
    if not 10 <= len(rows) <= 30:
        err(path, 0, "%d contrast entries (expected about 15)" % len(rows))
    print("zh_contrast.tsv: %d entries" % len(rows))
    return set(terms)


def check_labelled(name, minimum):
    path = os.path.join(TST, name)
    rows = read_rows(path, 2)
    lab = Counter()
    texts = {}
    for n, (l, t) in rows:
        if l not in LABELS:
            err(path, n, "label %r not one of %s" % (l, "|".join(LABELS)))
        lab[l] += 1
        if t in texts:
            err(path, n, "duplicate text (first on line %d)" % texts[t])
        else:
            texts[t] = n
    total = len(rows)
    if total < minimum:
        err(path, 0, "only %d sentences (need at least %d)" % (total, minimum))
    share = {l: (100.0 * lab[l] / total if total else 0) for l in LABELS}
    for l, (lo, hi) in (("positive", (30, 50)), ("negative", (30, 50)), ("neutral", (12, 28))):
        if not lo <= share[l] <= hi:
            err(path, 0, "%s share %.1f%% outside %d-%d%%" % (l, share[l], lo, hi))
    print("%s: %d sentences (%s)" % (name, total,
          ", ".join("%s %d = %.0f%%" % (l, lab[l], share[l]) for l in LABELS)))
    return rows


def main():
    sent = check_sentiment()
    deg = check_degree()
    neg = check_negators()
    con = check_contrast()
    # The modifier lists must not overlap each other or the polarity
    # lexicon, or the matcher would not know which role a term plays.
    for a, an, b, bn in ((sent, "zh_sentiment", deg, "zh_degree"),
                         (sent, "zh_sentiment", neg, "zh_negators"),
                         (sent, "zh_sentiment", con, "zh_contrast"),
                         (deg, "zh_degree", neg, "zh_negators"),
                         (deg, "zh_degree", con, "zh_contrast"),
                         (neg, "zh_negators", con, "zh_contrast")):
        for t in sorted(a & b):
            errors.append("term %r is in both %s and %s" % (t, an, bn))
    zh = check_labelled("zh_labelled.tsv", 300)
    check_labelled("en_labelled.tsv", 300)
    trad = 0
    for n, (l, t) in zh:
        if any(c in TRAD_ONLY for c in t):
            trad += 1
    print("zh_labelled.tsv: %d lines with traditional characters (%.0f%%)"
          % (trad, 100.0 * trad / len(zh) if zh else 0))
    if errors:
        print("\n%d problem(s):" % len(errors))
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
