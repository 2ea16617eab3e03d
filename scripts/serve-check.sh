#!/usr/bin/env bash
# scripts/serve-check.sh — probes `folio serve` as whatever reaches its port might, and measures
# it. Not a test (tests/it/serve.rs is); the figures in the README's "folio serve" section come
# from here. Needs curl, python3 and GNU time (/usr/bin/time); Linux (reads /proc).
#
#   FOLIO=target/debug/folio scripts/serve-check.sh
#
# In a temporary directory: a site whose stand-in for zola writes a preview holding a 200 MB
# file, hidden files (.env, .git/config, .folio-cache/x), links leading out of it, a directory
# without an index, and secrets beside it (each holds SECRET). Then `folio serve --port 0`
# under /usr/bin/time -v, and:
#   1. every traversal form, sent with curl --path-as-is (and raw for what curl cannot send):
#      FAIL when a secret arrives or the answer is not 400/404;
#   2. redirects: FAIL when a Location does not start with a single `/`;
#   3. 10 parallel GETs of the 200 MB file: the wall time and the server's peak RSS (VmHWM);
#   4. 200 connections open at once, 5 rounds; then 600 idle connections: the server's threads
#      and whether it still answers;
#   5. request heads of 8, 12, 20 and 64 KiB; a head trickled a byte every 200 ms;
# then stops the server and prints GNU time's maximum resident set size. Exit 1 on any FAIL.
set -uo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
folio=${FOLIO:-$root/target/debug/folio}
[ -x "$folio" ] || { echo "error: $folio not found (cargo build, or set FOLIO=)" >&2; exit 2; }
folio=$(cd "$(dirname "$folio")" && pwd)/$(basename "$folio")
for tool in curl python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "error: $tool is needed" >&2; exit 2; }
done
load="python3 $root/scripts/serve-load.py"

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
site=$tmp/site
mkdir -p "$site/content"
printf 'base_url = "/"\n# SECRET\n' > "$site/config.toml"
echo one > "$site/content/_index.md"
echo SECRET > "$site/secret.txt"
echo SECRET > "$tmp/secret.txt"
head -c 200M /dev/urandom > "$tmp/big.bin"
cat > "$tmp/zola" <<EOF
#!/bin/sh
# Stands in for \`zola build --base-url URL --output-dir DIR --force\`.
while [ \$# -gt 0 ]; do case "\$1" in --output-dir) out="\$2"; shift;; esac; shift; done
mkdir -p "\$out/blog" "\$out/.git" "\$out/.folio-cache" "\$out/sub" "\$out/empty" "\$out/evil.example/blog"
printf '<html><body><p>home</p></body></html>' > "\$out/index.html"
printf '<html><body>blog</body></html>' > "\$out/blog/index.html"
echo x > "\$out/evil.example/blog/index.html"
echo SECRET=1 > "\$out/.env"; echo SECRET > "\$out/.git/config"; echo SECRET > "\$out/.folio-cache/x"
echo SECRET > "\$out/sub/.hidden"; echo a > "\$out/sub/a.txt"; echo x > "\$out/empty/note.txt"
ln -sfn "$site/secret.txt" "\$out/sub/out-link"; ln -sfn "$tmp" "\$out/sub/out-dir"
ln -sfn /etc/passwd "\$out/sub/passwd"; ln -sfn "\$out/.env" "\$out/sub/env.txt"
ln -f "$tmp/big.bin" "\$out/big.bin" 2>/dev/null || cp "$tmp/big.bin" "\$out/big.bin"
EOF
chmod +x "$tmp/zola"

(cd "$tmp" && exec /usr/bin/time -v "$folio" serve site --port 0 --zola "$tmp/zola" >"$tmp/out" 2>"$tmp/err") &
for _ in $(seq 100); do grep -q Serving "$tmp/out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/out" | head -1)
[ -n "$base" ] || { echo "error: folio serve did not start:" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 2; }
port=${base##*:}
pid=$(pgrep -n -f "^$folio serve site --port 0")
echo "folio serve at $base (pid $pid), $($folio --version 2>/dev/null || echo folio)"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

echo "== 1. traversal, hidden files, links out, listings (expect 400/404, no secret)"
forms=(
    '/../secret.txt' '/../config.toml' '/../../secret.txt' '/blog/../../secret.txt' '/./../secret.txt'
    '/%2e%2e/secret.txt' '/%2E%2E/secret.txt' '/%2e%2E/secret.txt' '/.%2e/secret.txt' '/%2e./secret.txt'
    '/%2e%2e%2fsecret.txt' '/%2e%2e%2Fsecret.txt' '/blog%2f..%2f..%2fsecret.txt'
    '/%252e%252e/secret.txt' '/%252e%252e%252fsecret.txt' '/%25%32%65%25%32%65/secret.txt'
    '/..%5csecret.txt' '/..%5Csecret.txt' '/..\secret.txt' '/blog\..\..\secret.txt' '/%5c..%5csecret.txt'
    '/%c0%ae%c0%ae/secret.txt' '/%e0%80%ae%e0%80%ae/secret.txt' '/..%00/secret.txt' '/%00../secret.txt'
    '/index.html%00' '/index.html%00.txt' '/%ff'
    '/etc/passwd' '//etc/passwd' '///etc/passwd' '/%2fetc%2fpasswd' '/%2Fetc/passwd' '//..//secret.txt'
    '/.env' '/%2eenv' '/%2Eenv' '/.git/config' '/%2egit/config' '/.git/' '/.git' '/.folio-cache/x'
    '/sub/.hidden' '/sub/out-link' '/sub/out-dir/secret.txt' '/sub/out-dir/site/config.toml'
    '/sub/passwd' '/sub/env.txt' '/empty/' '/sub/'
)
tried=0
for p in "${forms[@]}"; do
    code=$(curl -s --path-as-is -o "$tmp/body" -w '%{http_code}' --max-time 10 "$base$p")
    tried=$((tried + 1))
    if grep -qaE 'SECRET|root:' "$tmp/body"; then fail "$p: a secret was sent ($code)"
    elif [ "$code" != 404 ] && [ "$code" != 400 ]; then fail "$p: $code"
    else printf '  %-34s %s\n' "$p" "$code"; fi
done
for t in '*' 'http://127.0.0.1/../secret.txt' '../secret.txt' 'secret.txt' '/..\secret.txt' '/blog\..\..\secret.txt'; do
    line=$($load 127.0.0.1 "$port" raw "$t")
    tried=$((tried + 1))
    status=${line%%$'\t'*}
    case "$line" in *SECRET* | *root:*) fail "raw $t: a secret was sent" ;; esac
    case "$status" in *" 400 "* | *" 404 "*) printf '  %-34s %s (raw)\n' "$t" "${status:9:3}" ;; *) fail "raw $t: $status" ;; esac
done
echo "  $tried forms tried"

echo "== 2. redirects (expect Location with one leading /)"
for p in '/blog' '//blog' '///blog' '//blog?x=1' '//evil.example/blog' '/%2fblog' '/%5cblog' '/\blog' '/%2f%2fevil.example/blog'; do
    loc=$(curl -s --path-as-is -o /dev/null -D - --max-time 10 "$base$p" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
    case "$loc" in
        '') printf '  %-30s (no redirect)\n' "$p" ;;
        //* | /\\*) fail "$p: Location: $loc" ;;
        /*) printf '  %-30s Location: %s\n' "$p" "$loc" ;;
        *) fail "$p: Location: $loc" ;;
    esac
done
curl -s "$base/" | grep -q '/__folio/build' || fail "/ has no reload script"
[ "$(curl -s "$base/__folio/build")" = 1 ] || fail "/__folio/build is not 1"

echo "== 3. 10 parallel GETs of a 200 MB file"
echo "  server RSS before: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status) peak"
start=$(date +%s.%N)
downloads=()
for i in $(seq 10); do
    curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "$base/big.bin" > "$tmp/dl.$i" &
    downloads+=($!)
done
wait "${downloads[@]}"
end=$(date +%s.%N)
ok=$(cat "$tmp"/dl.* | grep -c '^200 209715200$')
[ "$ok" = 10 ] || fail "$ok of 10 downloads complete"
echo "  $ok of 10 complete in $(python3 -c "print(f'{$end - $start:.2f}')") s; server peak RSS now: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"

echo "== 4. connections"
$load 127.0.0.1 "$port" concurrent 200 5
$load 127.0.0.1 "$port" idle 600 4 &
idle=$!
sleep 2
echo "  server threads with 600 idle connections open: $(awk '/Threads/ {print $2}' /proc/$pid/status)"
wait $idle
sleep 1
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/")" = 200 ] || fail "not answering after the idle connections"

echo "== 5. request heads"
for kib in 8 12 20 64; do $load 127.0.0.1 "$port" header "$kib"; done
$load 127.0.0.1 "$port" trickle 15

kill -INT "$pid" 2>/dev/null
wait 2>/dev/null
pid=
echo "== GNU time: $(grep 'Maximum resident' "$tmp/err" | sed 's/^[[:space:]]*//')"
if [ "$fails" -gt 0 ]; then echo "$fails FAIL"; exit 1; fi
echo "no FAIL"
