#!/usr/bin/env python3
# tests/check-strings.py SOURCE_ROOT — fails when a user-visible string is
# built from fragments or counts without a plural form:
#  1. a msgid with a number placeholder before a countable noun ("%u rows",
#     "%d of %d measures") that is not an ngettext msgid;
#  2. a msgid that is a fragment: starts or ends with white space, a comma
#     or a colon-space, or is a placeholder with one word ("%s rows");
#  3. in the sources, g_strconcat () of two or more translated strings, or
#     a printf-style call whose untranslated format holds words and whose
#     arguments are translated (a sentence assembled in C).
import os
import re
import subprocess
import sys
import tempfile

top = sys.argv[1]
problems = []

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "fresh.pot")
    subprocess.run(["xgettext", "--package-name=digital-trade", "--from-code=UTF-8",
                    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                    "--keyword=g_dngettext:2,3", "--keyword=ngettext:1,2",
                    "--files-from=po/POTFILES.in", "--directory=" + top, "--no-wrap",
                    "--output=" + pot], cwd=top, check=True)
    text = open(pot, encoding="utf-8").read()

def unquote(lines):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lines)).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")

# Entries: references, msgid, msgid_plural
for block in text.split("\n\n"):
    refs = " ".join(l[3:] for l in block.splitlines() if l.startswith("#: "))
    m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
    if not m:
        continue
    msgid = unquote(m.group(1))
    plural = re.search(r'^msgid_plural ', block, re.M) is not None
    if msgid == "":
        continue
    where = refs or "?"
    nums = r'%(?:\d+\$)?(?:l|ll|z|h)?[udi]|%(?:\d+\$)?(?:" G_GINT64_FORMAT ")'
    noun = re.search(r'(?:' + nums + r')\s+(?:\w+\s+)?(rows|measures|enterprises|values|packs|years|'
                     r'cities|files|backups|indicators|regions|nodes|firms|items|columns|lines|entries|days|'
                     r'records|datasets|counties|changes|weights|sub-dimensions|dimensions)\b', msgid)
    of_count = re.search(r'(?:' + nums + r') of (?:' + nums + r') \w+s\b', msgid)
    if (noun or of_count) and not plural:
        problems.append(f"{where}: “{msgid}” counts without a plural form; use ngettext")
    # Separators alone (", " → "、") and "Heading: " prefixes of an error
    # message are whole in their way; words with a dangling edge are not.
    words = re.search(r'[A-Za-z]{2,}', re.sub(r'%[-+ #0-9.*$]*[a-zA-Z]+', '', msgid))
    if words and (re.match(r'^[\s,;]', msgid) or re.search(r'[ \t,]$', msgid) and not msgid.endswith(": ")):
        problems.append(f"{where}: “{msgid}” is a fragment (starts or ends with a separator); translate whole sentences")
    # A count with its noun ("%u runs") is whole when it has plural forms.
    if not plural and re.fullmatch(r'\s*%(?:\d+\$)?[a-z]+\s+[A-Za-z]+\s*', msgid):
        problems.append(f"{where}: “{msgid}” is a fragment of a sentence; translate the whole sentence")

# Sources: sentences assembled in C.
translated = r'(?:\b_\s*\(|\bngettext\s*\(|\bC_\s*\(|\bg_dgettext\s*\()'
files = [l.strip() for l in open(os.path.join(top, "po/POTFILES.in")) if l.strip() and not l.startswith("#")]
for name in files:
    if not name.endswith(".c"):
        continue
    src = open(os.path.join(top, name), encoding="utf-8").read()
    for call in re.finditer(r'\b(g_strconcat|g_strdup_printf|g_string_append_printf|g_string_printf|g_print|g_printerr)\s*\(', src):
        # The call's text up to its closing parenthesis.
        depth, i = 1, call.end()
        while depth and i < len(src):
            c = src[i]
            if c == '"':
                i += 1
                while src[i] != '"':
                    i += 2 if src[i] == "\\" else 1
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            i += 1
        args = src[call.end():i - 1]
        line = src.count("\n", 0, call.start()) + 1
        n_translated = len(re.findall(translated, args))
        if call.group(1) == "g_strconcat":
            if n_translated >= 2:
                problems.append(f"{name}:{line}: g_strconcat () of translated strings; translate the whole sentence")
            continue
        fmt_arg = args
        if call.group(1) in ("g_string_append_printf", "g_string_printf"):
            fmt_arg = args.split(",", 1)[1] if "," in args else ""
        fmt = re.match(r'\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', fmt_arg)
        if fmt and n_translated >= 1:
            words = re.sub(r'%[-+ #0-9.*$]*[a-zA-Z]+', '', unquote(fmt.group(1)))
            if re.search(r'[A-Za-z]{2,}|[\u4e00-\u9fff]', words):
                problems.append(f"{name}:{line}: an untranslated format with words around translated text; "
                                "translate the whole sentence")

for p in problems:
    print(p)
print(f"{len(problems)} problems" if problems else "no fragments, every count has a plural form")
sys.exit(1 if problems else 0)
