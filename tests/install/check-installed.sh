#!/usr/bin/env bash
# The installed library is usable: installs the build into a temporary
# DESTDIR, checks that every installed header compiles on its own, builds
# consumer.cpp against the installed tree through `pkg-config sutools`
# (PKG_CONFIG_PATH and PKG_CONFIG_SYSROOT_DIR pointing into the DESTDIR),
# and runs it on the example run; checks the shell completions are installed.
# Usage: check-installed.sh BUILD-DIR SANITIZE. Exits 77 (skipped) for a
# sanitizer build, whose library needs the sanitizer runtimes to link.
set -eu
build=$(cd "$1" && pwd)
[ "${2:-none}" = none ] || { echo "skipped: sanitizer build ($2)"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --no-rebuild --destdir "$dest" >"$dest.log" 2>&1 \
  || { cat "$dest.log"; rm -f "$dest.log"; exit 1; }
rm -f "$dest.log"
pc=$(find "$dest" -name sutools.pc | head -1)
[ -n "$pc" ] || { echo "sutools.pc not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$dest
cflags=$(pkg-config --cflags sutools)
# Not --static: libsutools is a static archive whose dependencies (zstd,
# protobuf, libpq, ...) are listed in Requires and linked as the shared
# libraries they are; Debian's libpq.pc lists static-only libraries
# (pgcommon, pgport) under Libs.private that --static would ask for.
libs=$(pkg-config --libs sutools)
cxx=${CXX:-c++}

# shell completions where each shell looks
for f in bash-completion/completions/su-archive zsh/site-functions/_su-archive \
         fish/vendor_completions.d/su-archive.fish; do
  [ -n "$(find "$dest" -path "*/$f")" ] || { echo "completion not installed: $f"; exit 1; }
done

# every header compiles on its own
inc=$(find "$dest" -type d -path '*/include/sutools' | head -1)
[ -n "$inc" ] || { echo "no include/sutools installed"; exit 1; }
headers=0 bad=0
while IFS= read -r h; do
  rel=${h#"$inc"/}
  if ! echo "#include \"$rel\"" | $cxx -std=c++20 -fsyntax-only $cflags -x c++ - 2>"$dest/err"; then
    echo "header does not compile on its own: $rel"; head -5 "$dest/err"; bad=$((bad + 1))
  fi
  headers=$((headers + 1))
done < <(find "$inc" -name '*.hpp' -o -name '*.h' | sort)
[ "$headers" -gt 20 ] || { echo "only $headers headers installed"; exit 1; }
[ "$bad" -eq 0 ] || exit 1
echo "$headers installed headers compile on their own"

# a program built and linked against the installed tree only
$cxx -std=c++20 -O1 $cflags "$here/consumer.cpp" -o "$dest/consumer" $libs
out=$("$dest/consumer" "$root/examples/example-run.subunit" "$dest/archive")
expected="$("$build/tools/su-stats" --format=json "$root/examples/example-run.subunit" 2>/dev/null |
  python3 -c 'import json,sys; d=json.loads(sys.stdin.read().splitlines()[-1]); print(d["total"], d["failed"], d["total"])')"
[ "$out" = "$expected" ] || { echo "consumer printed '$out', expected '$expected'"; exit 1; }
echo "consumer built with pkg-config sutools: $out"
