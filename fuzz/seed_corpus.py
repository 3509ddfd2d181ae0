#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora under fuzz/corpus/<target>/: the seed reports
(with and without front matter) and corpus.toml, and the hostile cases of tests/hostile*.rs and tests/transport.rs.
Run from the repository root; the files it writes are committed."""

import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUT = ROOT / "fuzz" / "corpus"


def write(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    assert len(data) <= 16 * 1024, (target, name, len(data))
    (d / name).write_bytes(data)


reports = sorted(SEEDS.glob("*.txt"))
manifest = (SEEDS / "corpus.toml").read_bytes()

# ---- report -----------------------------------------------------------------------
for r in reports:
    write("report", "seed-" + r.stem[:3], r.read_bytes())
for r in sorted((ROOT / "tests" / "fixtures" / "raw").glob("*.txt")):
    write("report", "raw-" + r.stem[:3], r.read_bytes())
write("report", "seed-corpus-toml", manifest)
HOSTILE_REPORTS = {
    "empty": b"",
    "invalid-utf8": b"---\ntitle: \xff\xfe\nmeeting: beijing-2014\ndate: 2014-11-13\n---\n",
    "unclosed-link-runs": b"---\ntitle: x\n---\n" + b"[a](" * 64 + b"](person:" * 16 + b"\n",
    "nbsp-before-meeting-word": "\u2019\u00a0\U0001F600\u5317\u4eac(Z Talks meeting\nA\u00a0B\u00a0Geneva summit\nZ\u00a0Lima meeting\n",
    "pieces": "---\ntitle: Xi Jinping meets Kerry\nmeeting: bali-2022\ndate: 2014-02-14\n"
    "published: 2014-02-15T09:00:00\nrelated: [sunnylands-2013, participants: [xi-jinping, john-kerry]\n---\n"
    "President Xi Jinping met U.S. Secretary of State John Kerry in Beijing on February 14"
    " at 9:15 P.M. EST for four and a half hours since the 2022 Bali meeting and their last summit"
    " \"Today we met,\" he said 99999999999999 days after 31/31/99999 [the talks](meeting:bali-2022)"
    " May\r\n\r\r\u202e\u200d\n",
    "proptest-regression-1": " in Beijing on February 14\u2019\u00a0\U0001F600\u5317\u4eac.",
    "proptest-regression-2": "\u2019\u00a0\U0001F600\u5317\u4eac A[the talks](meeting:bali-2022) in Beijing on February 14",
    "lone-cr": "---\rtitle: x\r---\rHome > China News\rPresident Obama met Xi on May 5.\r",
    "no-front-matter": "President Xi Jinping met President Joe Biden in Woodside, California on November 15, 2023.\n",
}
for name, data in HOSTILE_REPORTS.items():
    write("report", name, data)

# ---- incremental ------------------------------------------------------------------
def edits(initial, steps):
    out = initial.encode() if isinstance(initial, str) else initial
    for at, remove, reparse, insert in steps:
        out += b"\0" + struct.pack("<H", at) + bytes([remove | (0x80 if reparse else 0)]) + insert.encode()
    return out

START = ("---\ntitle: Xi meets Kerry\ndate: 2014-02-14\nparticipants: [xi-jinping, john-kerry]\n---\n"
         "Home\u00a0> China News\r\nPresident [Xi](person:xi-jinping) met Kerry on 14th.\n"
         "\u201cChina\u2019s d\u00e9tente\u201d\n")
write("incremental_sync", "start-no-edits", START)
write("incremental_sync", "start-typing", edits(START, [(0, 0, False, "---\n"), (20, 3, True, "meeting: "),
                                                     (40, 0, False, "["), (45, 0, True, "](meeting:bali-2022)"),
                                                     (200, 9, False, "\r\n"), (90, 1, True, "\u2019\u00a0#")]))
write("incremental_sync", "proptest-regression", edits(START, [(0, 0, False, "---\n"), (500, 0, False, "---\n"),
                                                            (0, 0, False, "---\n"), (7, 0, False, "---\n"),
                                                            (0, 0, False, "---\n"), (3000, 8, False, "---\n"),
                                                            (0, 0, False, "meeting: "), (13, 0, False, "---\n")]))
write("incremental_sync", "add-front-matter", edits("Home > China News\n", [(0, 0, True, "---\ntitle: X\n---\n")]))
write("incremental_sync", "mid-character", edits("d\u00e9tente", [(2, 0, False, "X"), (100, 63, True, "!")]))
write("incremental_sync", "crlf-split", edits("---\r\ntitle: a\r\n---\r\nbody\r\n", [(4, 1, True, ""), (3, 0, True, "\r"),
                                                                              (13, 0, False, "\n")]))
write("incremental_sync", "close-front-matter", edits("---\ntitle: x\nmeeting: y\n", [(24, 0, True, "---\n"), (0, 4, True, "")]))
seed = reports[2].read_bytes()[:3000]
write("incremental_sync", "seed-002-edited", edits(seed, [(10, 5, True, "Obama"), (400, 0, False, "[a]("), (900, 20, True, "\n---\n")]))

# ---- manifest ---------------------------------------------------------------------
write("manifest", "seed-corpus-toml", manifest)
HOSTILE_MANIFESTS = {
    "empty": "",
    "empty-names-and-aliases": '[[person]]\nid = "xi-jinping"\nname = "Xi Jinping"\naliases = [""]\n'
    '[[meeting]]\nid = "apec-2014"\naliases = [" "]\n[[place]]\nid = "x"\nname = ""\n',
    "many-aliases-and-globs": '[corpus]\ndocuments = ["*.txt", %s]\nrequired = ["title", %s]\nboilerplate = [%s]\n'
    '[[person]]\nid = "xi-jinping"\nname = "Xi Jinping"\naliases = [%s]\n'
    % tuple(", ".join('"Alias number %d"' % i for i in range(40)) for _ in range(4)),
    "syntax-error": manifest.decode()[:900] + "\n[[person\nid = 3\n",
    "schema-error": '[[person]]\nid = 7\nname = ["x"]\n[[meeting]]\ndate = "tomorrow"\n',
    "bad-globs-and-roles": '[corpus]\ndocuments = ["[", "**/{a,", "\\\\"]\nrequired = []\n'
    '[[person]]\nid = "a"\nname = "A B"\nroles = [{ title = "T", from = 2020-01-01, to = 2019-01-01 }, { title = "U", from = 12:00:00 }]\n'
    '[[person]]\nid = "a"\nname = "A\u00a0B"\naliases = ["A B"]\n'
    '[[meeting]]\nid = "m"\nparticipants = ["nobody"]\ndate = 2024-02-30\n',
    "non-ascii-keys": '[corpus]\n"n\u00e4me" = "\u201cx\u201d"\n[[person]]\nid = "\u5317"\nname = "\U0001F600"\nextra = 1\n',
}
for name, data in HOSTILE_MANIFESTS.items():
    write("manifest", name, data)

# ---- transport --------------------------------------------------------------------
def frame(content):
    if isinstance(content, str):
        content = content.encode()
    return b"Content-Length: %d\r\n\r\n" % len(content) + content

deep = '{"jsonrpc":"2.0","id":50,"method":"x","params":%s%s}' % ("[" * 2000, "]" * 2000)
MESSAGES = [
    b'{"jsonrpc":"2.0","id":40,"method":',
    b"\xff\xfe{}",
    b"",
    b'{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover","params":{}}',
    b'{"jsonrpc":"2.0","id":{"n":1},"method":"textDocument/hover","params":{}}',
    b'{"jsonrpc":"1.0","id":41,"method":"textDocument/hover","params":{}}',
    b'{"id":"no-version","method":"textDocument/hover","params":{}}',
    b'[{"jsonrpc":"2.0","id":42,"method":"shutdown"}]',
    b'{"jsonrpc":"2.0","id":43,"method":7}',
    b'{"jsonrpc":"2.0","id":44,"method":"shutdown","method":"exit"}',
    b'{"jsonrpc":"2.0","id":45}',
    b'{"jsonrpc":"2.0","id":null,"method":"x"}',
    b'{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}',
    b'{"jsonrpc":"2.0","id":4,"method":"a","params":1,"params":2}',
    b'{"jsonrpc":"2.0","id":4,"method":"a","result":1}',
    b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}',
    b'{"jsonrpc":"2.0","method":"exit","extra":[[[1]]]}',
    b'{"params":null,"method":"$/cancelRequest","jsonrpc":"2.0"}',
    b'{"jsonrpc":"2.0","id":1,"result":null}',
    b'{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}',
    b'{"jsonrpc":"2.0","id":1,"error":{"code":"x"}}',
]
for i, m in enumerate(MESSAGES):
    write("transport", "message-%02d" % i, frame(m))
write("transport", "deep-nesting", frame(deep))
write("transport", "session", b"".join(frame(m) for m in [
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}',
    '{"jsonrpc":"2.0","method":"initialized","params":{}}',
    '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///c/a.txt","languageId":"summit","version":1,"text":"---\\ntitle: x\\n---\\n"}}}',
    '{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///c/a.txt"},"position":{"line":1,"character":2}}}',
    '{"jsonrpc":"2.0","id":3,"method":"$/foo"}',
    '{"jsonrpc":"2.0","id":99,"method":"shutdown"}',
    '{"jsonrpc":"2.0","method":"exit"}',
]))
hover = '{"jsonrpc":"2.0","id":46,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///n.txt"},"position":{"line":0,"character":0}}}'
write("transport", "headers-any-case", ("content-length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%s" % (len(hover), hover)).encode()
      + b"\r\nCONTENT-LENGTH: 1\n\n7")
LOST = {
    "length-not-a-number": b"Content-Length: many\r\n\r\n{}",
    "length-negative": b"Content-Length: -1\r\n\r\n{}",
    "no-length": b"Content-Type: text/plain\r\n\r\n{}",
    "no-headers": b'{"jsonrpc": "2.0", "id": 1, "method": "initialize"}\r\n',
    "end-in-body": b'Content-Length: 100\r\n\r\n{"jsonrpc"',
    "end-in-headers": b"Content-Length: 2\r\n",
    "long-header": b"X" * 9000,
    "over-the-bound": b"Content-Length: 1100\r\n\r\n" + b"x" * 1100 + frame(b"{}"),
    "huge-length": b"Content-Length: 99999999999999999999999\r\n\r\n{}",
}
for name, data in LOST.items():
    write("transport", name, data)
