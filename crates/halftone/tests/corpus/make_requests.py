#!/usr/bin/env python3
"""Writes requests.json, the hostile-request corpus that tests/hostile_requests.rs replays
against the real binary. Edit the lists here and run `python3 make_requests.py`; the JSON is
committed so the Rust test needs no Python.

Each case: name, method, path, auth (key | none | wrong | public), headers, body, expect
(4xx | 2xx | any = "not 5xx" | an exact status), effect (none: the library must be exactly as
before; contained: files may appear, but only at clean paths). Placeholders the test fills
in: {fileId} {versionId} {publicKey} {expire} {v1sig:TOKEN}. Static signatures below use
the corpus server's fixed keys.
"""

import base64
import hashlib
import hmac
import json
from pathlib import Path

PRIVATE = "private_corpus_7f3a9c2e"
PUBLIC = "public_corpus_7f3a9c2e"
KNOWN = "corpus/known.png"
cases = []


def case(name, method, path, body=None, expect="4xx", auth="key", headers=None, effect="none"):
    c = {"name": name, "method": method, "path": path, "expect": expect}
    if auth != "key":
        c["auth"] = auth
    if headers:
        c["headers"] = headers
    if body is not None:
        c["body"] = body
    if effect != "none":
        c["effect"] = effect
    cases.append(c)


def js(value):
    return {"json": value}


def form(*fields, png=True):
    parts = [{"name": n, "value": v} for n, v in fields]
    if png:
        parts.append({"name": "file", "png": True})
    return {"multipart": parts}


def sha1_hex(key, text):
    return hmac.new(key.encode(), text.encode(), hashlib.sha1).hexdigest()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(header, payload, key):
    head = b64url(json.dumps(header).encode())
    body = b64url(json.dumps(payload).encode())
    sig = hmac.new(key.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64url(sig)}"


TRAVERSALS = [
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252fetc%252fpasswd",
    "..\\..\\windows\\win.ini",
    "/corpus/../../../keys.json",
    "....//....//etc/passwd",
    "%c0%ae%c0%ae/etc/passwd",
    "corpus/known.png/../../halftone.db",
    "..\u0000/etc/passwd",
    "./././../blobs",
    "/../../../../../../../../../../tmp/x",
]

# --- path traversal: upload fileName and folder (may succeed, but only at clean paths) ---
for i, t in enumerate(TRAVERSALS):
    case(f"upload fileName traversal {i}", "POST", "/api/v1/files/upload",
         form(("fileName", t), ("folder", "/corpus-up")), expect="any", effect="contained")
    case(f"upload folder traversal {i}", "POST", "/api/v1/files/upload",
         form(("fileName", "t.png"), ("folder", t)), expect="any", effect="contained")

# --- path traversal: filePath fields of copy/move/rename and folders ---
for i, t in enumerate(TRAVERSALS[:8]):
    case(f"copy source traversal {i}", "POST", "/v1/files/copy",
         js({"sourceFilePath": t, "destinationPath": "/corpus-copy/"}))
    case(f"move source traversal {i}", "POST", "/v1/files/move",
         js({"sourceFilePath": t, "destinationPath": "/corpus-move/"}))
    case(f"rename filePath traversal {i}", "PUT", "/v1/files/rename",
         js({"filePath": t, "newFileName": "x.png"}))
    case(f"copy destination traversal {i}", "POST", "/v1/files/copy",
         js({"sourceFilePath": "/corpus/known.png", "destinationPath": t}), expect="any", effect="contained")
    case(f"delete folder traversal {i}", "DELETE", "/v1/folder", js({"folderPath": t}))
    case(f"list path traversal {i}", "GET", f"/v1/files?path={t.replace(chr(0), '%00')}", expect="any")
case("rename newFileName traversal", "PUT", "/v1/files/rename",
     js({"filePath": "/corpus/absent.png", "newFileName": "../../x.png"}))
case("move folder traversal", "POST", "/v1/bulkJobs/moveFolder",
     js({"sourceFolderPath": "/../../", "destinationPath": "/corpus-move"}))
case("rename folder traversal", "POST", "/v1/bulkJobs/renameFolder",
     js({"folderPath": "/../..", "newFolderName": "x"}))
case("create folder traversal", "POST", "/v1/folder",
     js({"folderName": "../../x", "parentFolderPath": "/../../"}), expect="any", effect="contained")

# --- path traversal: ids in paths and bodies ---
for i, t in enumerate(["..", "%2e%2e", "..%2F..%2Fkeys.json", "%252e%252e%252f", "{fileId}%2F..%2F..",
                       "{fileId}%00", "%00", "{fileId}/..", "..%5C..%5C"]):
    case(f"details id traversal {i}", "GET", f"/v1/files/{t}/details")
    case(f"versions id traversal {i}", "GET", f"/v1/files/{{fileId}}/versions/{t}")
    case(f"delete id traversal {i}", "DELETE", f"/v1/files/{t}")
for i, ids in enumerate([["../x"], ["%2e%2e"], ["{fileId}/../x"], [""], ["\u0000"], ["a" * 5000],
                         ["..\\..\\x"]]):
    case(f"bulk delete fileIds {i}", "POST", "/v1/files/batch/deleteByFileIds", js({"fileIds": ids}))
    case(f"addTags fileIds {i}", "POST", "/v1/files/addTags", js({"fileIds": ids, "tags": ["t"]}))

# --- path traversal: delivery paths ---
for i, p in enumerate(["/media/../halftone.db", "/media/../keys.json", "/media/%2e%2e/keys.json",
                       "/media/%2e%2e%2fkeys.json", "/media/..%252fkeys.json", "/media/corpus/..%2F..%2Fkeys.json",
                       "/media/tr:w-10/../../keys.json", "/media/..\\keys.json", "/media/%00", "/media/corpus/known.png%00.jpg",
                       "/media/corpus/known.png/..", "/media//etc/passwd", "/../media/corpus/known.png",
                       "/media/blobs/../halftone.db", "/media/%c0%ae%c0%ae/keys.json", "/media/tr:l-image,i-..@@..@@keys.json,l-end/corpus/known.png"]):
    case(f"delivery traversal {i}", "GET", p)

# --- NUL and control characters ---
for i, v in enumerate(["a\u0000.png", "\u0001\u0002\u001f.png", "a\r\nb.png", "\u007f.png", "\u202e.png"]):
    case(f"control fileName {i}", "POST", "/api/v1/files/upload",
         form(("fileName", v), ("folder", "/corpus-ctl")), expect="any", effect="contained")
case("control folder", "POST", "/api/v1/files/upload", form(("fileName", "c.png"), ("folder", "/\u0000/\u0007")),
     expect="any", effect="contained")
case("control tags", "PATCH", "/v1/files/absent00000000000000000000/details", js({"tags": ["a\u0000b"]}))
case("control search", "GET", "/v1/files?searchQuery=name%20%3D%20%22%00%22", expect="any")
case("control purge url", "POST", "/v1/files/purge", js({"url": "http://x/\u0000"}), expect="any")
case("control custom field", "POST", "/v1/customMetadataFields",
     js({"name": "\u0000", "label": "\u0001", "schema": {"type": "Text"}}))

# --- over-long values ---
case("long fileName", "POST", "/api/v1/files/upload", form(("fileName", "a" * 5000 + ".png")))
case("deep folder", "POST", "/api/v1/files/upload", form(("fileName", "d.png"), ("folder", "/a" * 60)))
case("long folder segment", "POST", "/api/v1/files/upload",
     form(("fileName", "d.png"), ("folder", "/" + "b" * 20000)), expect="any", effect="contained")
case("long tags", "POST", "/api/v1/files/upload", form(("fileName", "d.png"), ("tags", "t" * 600)))
case("many tags", "POST", "/api/v1/files/upload", form(("fileName", "d.png"), ("tags", ",".join(["tag"] * 2000))))
case("long id", "GET", "/v1/files/" + "f" * 8000 + "/details")
case("long search", "GET", "/v1/files?searchQuery=" + "name%3D%22a%22%20AND%20" * 300 + "name%3D%22a%22", expect="any")
case("long path query", "GET", "/v1/files?path=/" + "x/" * 3000, expect="any")
case("long delivery path", "GET", "/media/" + "d/" * 3000 + "x.png")
case("long transformation", "GET", "/media/tr:" + "w-10," * 1500 + "h-10/corpus/known.png", expect="any")
case("long authorization", "GET", "/v1/files", auth="none",
     headers={"authorization": "Basic " + base64.b64encode(b"p" * 6000 + b":").decode()})
case("long custom metadata", "POST", "/api/v1/files/upload",
     form(("fileName", "d.png"), ("customMetadata", json.dumps({"k" * 3000: "v" * 30000}))))

# --- wrong JSON types ---
WRONG = [None, 1, "x", True, [], {}, [1, 2], [None], [{"a": 1}], [[["deep"]]]]
for i, w in enumerate(WRONG):
    case(f"bulk delete fileIds type {i}", "POST", "/v1/files/batch/deleteByFileIds", js({"fileIds": w}))
for i, body in enumerate([
    js(None), js(1), js("str"), js([]), js(True),
    {"text": "{not json"}, {"text": ""}, {"text": "\u0000"}, {"text": "{\"fileIds\": [\"a\""},
    {"text": "[" * 5000 + "]" * 5000}, {"text": "{\"fileIds\": [\"a\"], \"fileIds\": 5}"},
]):
    case(f"bulk delete body {i}", "POST", "/v1/files/batch/deleteByFileIds", body)
for i, body in enumerate([
    {"sourceFilePath": 1, "destinationPath": "/x"}, {"sourceFilePath": "/corpus/known.png", "destinationPath": []},
    {"sourceFilePath": None}, {"sourceFilePath": "/corpus/known.png", "destinationPath": "/x", "includeFileVersions": "yes"},
]):
    case(f"copy wrong types {i}", "POST", "/v1/files/copy", js(body))
for i, body in enumerate([{"filePath": [], "newFileName": {}}, {"filePath": "/corpus/known.png", "newFileName": 5},
                          {"filePath": "/corpus/known.png", "newFileName": "k2.png", "purgeCache": "sure"}]):
    case(f"rename wrong types {i}", "PUT", "/v1/files/rename", js(body))
for i, body in enumerate([{"tags": "x"}, {"tags": [1]}, {"customCoordinates": 5}, {"customMetadata": "x"},
                          {"extensions": {}}, {"removeAITags": 5}, {"webhookUrl": 1}, {"tags": None, "customCoordinates": "a,b"},
                          {"customCoordinates": "1,2,3"}, {"publish": "yes"}]):
    case(f"update details wrong types {i}", "PATCH", "/v1/files/{fileId}/details", js(body))
for i, body in enumerate([{"folderName": 5}, {"folderName": "x", "parentFolderPath": []}, {}]):
    case(f"create folder wrong types {i}", "POST", "/v1/folder", js(body))
for i, body in enumerate([{"name": 1, "label": "l", "schema": {"type": "Text"}}, {"name": "n", "label": "l", "schema": "Text"},
                          {"name": "n", "label": "l", "schema": {"type": "Nope"}},
                          {"name": "n", "label": "l", "schema": {"type": "Number", "minValue": "a"}}]):
    case(f"custom field wrong types {i}", "POST", "/v1/customMetadataFields", js(body))
for i, body in enumerate([{"url": 1}, {"url": []}, {}, {"url": ""}]):
    case(f"purge wrong types {i}", "POST", "/v1/files/purge", js(body))
for i, body in enumerate([{"fileIds": "x", "tags": ["t"]}, {"fileIds": ["{fileId}"], "tags": "t"}, {"fileIds": ["{fileId}"], "tags": [1]},
                          {"fileIds": ["{fileId}"]}]):
    case(f"addTags wrong types {i}", "POST", "/v1/files/addTags", js(body))

# --- upload form fields of the wrong shape ---
for i, fields in enumerate([
    # Text that is no URL, data URI or base64 is the file's content, as the Ruby client sends it.
    [("fileName", "f.png"), ("file", "not base64 !!!")],
    [("fileName", "f.png"), ("isPrivateFile", "maybe")],
    [("fileName", "f.png"), ("useUniqueFileName", "2")],
    [("fileName", "f.png"), ("customMetadata", "{bad json")],
    [("fileName", "f.png"), ("customMetadata", "[1,2]")],
    [("fileName", "f.png"), ("extensions", "[{")],
    [("fileName", "f.png"), ("extensions", "{\"name\": 1}")],
    [("fileName", "f.png"), ("transformation", "{\"pre\": 5}")],
    [("fileName", "f.png"), ("transformation", "not json")],
    [("fileName", "f.png"), ("customCoordinates", "a,b,c")],
    [("fileName", "f.png"), ("customCoordinates", "-1,-1,99999999999999999999,1")],
    [("fileName", "f.png"), ("checks", "((((")],
    [("fileName", "f.png"), ("checks", "\"file.size\" < \"1xb\"")],
    [("fileName", "f.png"), ("overwriteFile", "nope")],
    [("fileName", "f.png"), ("responseFields", "\u0000")],
]):
    case(f"upload field shape {i}", "POST", "/api/v1/files/upload", form(*fields), expect="any", effect="contained")
for i, (fields, png) in enumerate([
    ([("fileName", "f.png")], False),
    ([("fileName", "f.png"), ("file", "")], False),
    ([("fileName", "f.png"), ("file", "data:image/png;base64,@@@@")], False),
    ([("fileName", "f.png"), ("file", "file:///etc/passwd")], False),
    ([("fileName", "f.png"), ("file", "http://127.0.0.1:1/x.png")], False),
    ([("fileName", "f.png"), ("file", "http://[::1]:1/x.png")], False),
    ([("fileName", "f.png"), ("file", "http://169.254.169.254/latest/meta-data/")], False),
    ([("fileName", "f.png"), ("file", "https://")], False),
    ([("fileName", "")], True),
    ([("fileName", "...")], True),
    ([], True),
]):
    case(f"upload bad file {i}", "POST", "/api/v1/files/upload", form(*fields, png=png))

# --- duplicate multipart fields ---
case("duplicate fileName", "POST", "/api/v1/files/upload", form(("fileName", "a.png"), ("fileName", "b.png")))
case("duplicate folder", "POST", "/api/v1/files/upload", form(("fileName", "a.png"), ("folder", "/a"), ("folder", "/b")))
case("duplicate file part", "POST", "/api/v1/files/upload",
     {"multipart": [{"name": "fileName", "value": "a.png"}, {"name": "file", "png": True}, {"name": "file", "png": True}]})
case("duplicate useUniqueFileName", "POST", "/api/v1/files/upload",
     form(("fileName", "a.png"), ("useUniqueFileName", "true"), ("useUniqueFileName", "false")))
case("duplicate signature", "POST", "/api/v1/files/upload",
     form(("fileName", "a.png"), ("publicKey", "{publicKey}"), ("token", "dup-1"), ("expire", "{expire}"),
          ("signature", "{v1sig:dup-1}"), ("signature", "{v1sig:dup-1}")), auth="none")
case("duplicate token", "POST", "/api/v1/files/upload",
     form(("fileName", "a.png"), ("publicKey", "{publicKey}"), ("token", "dup-2"), ("token", "dup-3"), ("expire", "{expire}"),
          ("signature", "{v1sig:dup-2}")), auth="none")

# --- malformed multipart ---
case("multipart without boundary", "POST", "/api/v1/files/upload", {"text": "x"}, headers={"content-type": "multipart/form-data"})
case("multipart wrong boundary", "POST", "/api/v1/files/upload", {"text": "--zzz\r\n\r\nx\r\n--zzz--\r\n"},
     headers={"content-type": "multipart/form-data; boundary=aaa"})
case("multipart truncated", "POST", "/api/v1/files/upload",
     {"text": "--b\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\nx.png"},
     headers={"content-type": "multipart/form-data; boundary=b"})
case("multipart no disposition", "POST", "/api/v1/files/upload", {"text": "--b\r\n\r\nx\r\n--b--\r\n"},
     headers={"content-type": "multipart/form-data; boundary=b"})
case("multipart invalid utf-8 field", "POST", "/api/v1/files/upload",
     {"base64": base64.b64encode(b"--b\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\n\xff\xfe.png\r\n--b--\r\n").decode()},
     headers={"content-type": "multipart/form-data; boundary=b"})
case("upload as text/plain", "POST", "/api/v1/files/upload", {"text": "fileName=x"}, headers={"content-type": "text/plain"})
case("upload form-urlencoded junk", "POST", "/api/v1/files/upload", {"text": "%%%&&&=="},
     headers={"content-type": "application/x-www-form-urlencoded"})

# --- oversize bodies (server started with a 64 KB upload limit) ---
case("oversize upload", "POST", "/api/v1/files/upload",
     {"repeat": "A", "times": 2_500_000, "prefix": "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n",
      "suffix": "\r\n--b--\r\n"}, headers={"content-type": "multipart/form-data; boundary=b"}, expect="413")
case("oversize base64 file", "POST", "/api/v1/files/upload",
     {"repeat": "QUFB", "times": 40_000, "prefix": "--b\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\nbig.png\r\n--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n",
      "suffix": "\r\n--b--\r\n"}, headers={"content-type": "multipart/form-data; boundary=b"})
for path, method in [("/v1/files/batch/deleteByFileIds", "POST"), ("/v1/files/purge", "POST"),
                     ("/v1/files/{fileId}/details", "PATCH"), ("/v1/files/copy", "POST"), ("/v1/customMetadataFields", "POST")]:
    case(f"oversize json {method} {path}", method, path, {"repeat": " ", "times": 2_200_000, "prefix": "{\"x\":\"", "suffix": "\"}"},
         expect="413")

# --- malformed transformations ---
for i, tr in enumerate(["w-abc", "w-99999999", "h--1", "", ",,,,", "w-10:h-10:::", "l-text,i-%00,l-end", "l-image,i-../../keys.json,l-end",
                        "w-1e309", "ar-0-0", "q-1000", "bg-zzzzzz", "n-../../x", "c-unknown", "l-image,i-corpus@@known.png," * 30 + "l-end",
                        "w-0.0000001", "rt-999999999999", "e-sharpen-abc", "l-text,i-" + "x" * 4000 + ",l-end", "f-exe", "ik-s-1",
                        "w-10,h-10,cm-extract,x-99999,y-99999", "l-end", "l-image,l-image,l-image", "%zz", "w-10%2C..%2F..",
                        "oi-../../keys.json", "di-../../keys.json", "z-nan", "w-inf"]):
    case(f"transformation {i}", "GET", f"/media/tr:{tr}/corpus/known.png", expect="any")
for i, q in enumerate(["w-%00", "..", "w-10,,,,", "tr=w-1&tr=h-1", "%"]):
    case(f"query transformation {i}", "GET", f"/media/corpus/known.png?tr={q}", expect="any")

# --- malformed searchQuery ---
for i, q in enumerate(["name%20%3D", "name%20%3D%20%22a", "((((((((", "size%20%3E%20%221xb%22", "createdAt%20%3E%20%22notadate%22",
                       "tags%20IN%20%5B", "unknownField%20%3D%201", "name%20%3D%20%22a%22%20AND%20AND", "%22%5C%22",
                       "(" * 500 + "name%3D%22a%22" + ")" * 500, "name%20%3D%20%22a%22%20OR", "%22file.size%22%20%3C%20%22-1mb%22",
                       "NOT%20NOT%20NOT", "name%20%3A%20%22x%22", "type%20%3D%20%22%25%22"]):
    case(f"searchQuery {i}", "GET", f"/v1/files?searchQuery={q}", expect="any")
for i, q in enumerate(["limit=-1", "limit=abc", "skip=-5", "limit=99999999999999999999", "sort=ASC_NOPE", "type=weird",
                       "fileType=exe", "path=%00"]):
    case(f"list params {i}", "GET", f"/v1/files?{q}", expect="any")

# --- forged, expired and replayed signatures and tokens ---
expired_sig = sha1_hex(PRIVATE, f"{KNOWN}1000000000")
other_sig = sha1_hex(PRIVATE, "corpus/other.png9999999999")
wrong_sig = sha1_hex("private_wrong", f"{KNOWN}9999999999")
for i, q in enumerate(["ik-s=deadbeef", f"ik-t=1000000000&ik-s={expired_sig}", "ik-t=abc&ik-s=00", "ik-s=",
                       f"ik-s={other_sig}", f"ik-s={wrong_sig}", "ik-t=99999999999999999999&ik-s=00", "ik-s=%00",
                       f"ik-s={expired_sig.upper()}", "ik-t=-1&ik-s=00"]):
    case(f"delivery signature {i}", "GET", f"/media/{KNOWN}?{q}")
v1 = lambda token, expire, sig, public="{publicKey}": form(("fileName", "s.png"), ("publicKey", public), ("token", token),
                                                          ("expire", expire), ("signature", sig))
case("v1 forged signature", "POST", "/api/v1/files/upload", v1("f-1", "{expire}", "0" * 40), auth="none")
case("v1 signed with another key", "POST", "/api/v1/files/upload", v1("f-2", "{expire}", sha1_hex("private_wrong", "f-21")), auth="none")
case("v1 expired", "POST", "/api/v1/files/upload", v1("f-3", "1000000000", sha1_hex(PRIVATE, "f-31000000000")), auth="none")
case("v1 expire too far", "POST", "/api/v1/files/upload", v1("f-4", "9999999999", sha1_hex(PRIVATE, "f-49999999999")), auth="none")
case("v1 expire not a number", "POST", "/api/v1/files/upload", v1("f-5", "soon", "0" * 40), auth="none")
case("v1 wrong public key", "POST", "/api/v1/files/upload", v1("f-6", "{expire}", "{v1sig:f-6}", "public_other"), auth="none")
case("v1 long token", "POST", "/api/v1/files/upload", v1("t" * 5000, "{expire}", "0" * 40), auth="none")
case("v1 with basic auth too", "POST", "/api/v1/files/upload", v1("f-7", "{expire}", "{v1sig:f-7}"))
case("v1 replay: first use succeeds", "POST", "/api/v1/files/upload",
     form(("fileName", "r.png"), ("folder", "/corpus-replay"), ("publicKey", "{publicKey}"), ("token", "replay-1"),
          ("expire", "{expire}"), ("signature", "{v1sig:replay-1}")), auth="none", expect="2xx", effect="contained")
case("v1 replay: second use refused", "POST", "/api/v1/files/upload",
     form(("fileName", "r.png"), ("folder", "/corpus-replay"), ("publicKey", "{publicKey}"), ("token", "replay-1"),
          ("expire", "{expire}"), ("signature", "{v1sig:replay-1}")), auth="none")
header = {"alg": "HS256", "typ": "JWT", "kid": PUBLIC}
for i, token in enumerate([
    "garbage", "a.b.c", "a.b", "..", jwt({"alg": "none", "typ": "JWT", "kid": PUBLIC}, {"fileName": "j.png", "iat": 1, "exp": 2}, ""),
    jwt(header, {"fileName": "j.png", "iat": 1000000000, "exp": 1000000600}, PRIVATE),
    jwt(header, {"fileName": "j.png", "iat": 4000000000, "exp": 4000000600}, PRIVATE),
    jwt(header, {"fileName": "j.png", "iat": 1, "exp": 9999999999}, "private_wrong"),
    jwt({"alg": "HS256", "typ": "JWT", "kid": "public_other"}, {"fileName": "j.png", "iat": 1, "exp": 2}, PRIVATE),
    jwt({"alg": "HS512", "typ": "JWT", "kid": PUBLIC}, {"fileName": "j.png", "iat": 1, "exp": 2}, PRIVATE),
    "e30." * 3000,
]):
    case(f"v2 bad token {i}", "POST", "/api/v2/files/upload", form(("fileName", "j.png"), ("token", token)), auth="none")
for i, (auth, hdr) in enumerate([
    ("wrong", None), ("public", None), ("none", {"authorization": "Basic !!!"}), ("none", {"authorization": "Bearer abc"}),
    ("none", {"authorization": "Basic " + base64.b64encode(b":").decode()}), ("none", {"authorization": "Basic"}),
    ("none", {"authorization": "basic " + base64.b64encode(PRIVATE.upper().encode() + b":").decode()}),
    ("none", {"authorization": "Basic " + base64.b64encode(PRIVATE[:-1].encode() + b":").decode()}),
    ("none", {"authorization": "Basic " + base64.b64encode(PRIVATE.encode() + b"\x00:").decode()}),
    ("none", None),
]):
    case(f"basic auth {i}", "GET", "/v1/files", auth=auth, headers=hdr)
case("delete with wrong key", "DELETE", "/v1/files/{fileId}", auth="wrong")
case("ui api without session", "GET", "/ui/api/v1/files", auth="none")
case("ui api forged cookie", "GET", "/ui/api/v1/files", auth="none",
     headers={"cookie": "halftone_session=v1.9999999999.x.deadbeef; hs=v1.1.2.00"})
case("ui sign-in wrong key", "POST", "/ui/session", js({"privateKey": "private_wrong"}), auth="none",
     headers={"origin": "http://evil.example"})

# Cases that may store files run last: a sanitised traversal can name a real folder, and a
# later case (a folder delete, say) would then act on what an earlier one stored.
cases.sort(key=lambda c: c.get("effect") == "contained" or c["name"].startswith("v1 replay"))
out = Path(__file__).with_name("requests.json")
out.write_text(json.dumps({"keys": {"private": PRIVATE, "public": PUBLIC}, "cases": cases}, indent=1, ensure_ascii=True) + "\n")
print(f"{len(cases)} cases -> {out}")
