#!/usr/bin/env bash
# The tools built to carry their own C++ runtime (meson.build:
# static_runtime) need no shared libstdc++, libgcc_s, libfmt or toml++: one
# of those in their dynamic section would put a second copy of the runtime
# in the process, or undo the faster start.
# Usage: check-runtime.sh TOOLS_DIR [TOOL...]   (no TOOL: nothing to check)
set -u
dir=$1; shift
if [ $# -eq 0 ]; then
  echo "no tool is built with its own runtime (a sanitizer build, or -Dstatic_runtime=false)"
  exit 77
fi
command -v readelf >/dev/null || { echo "readelf is needed (binutils)"; exit 99; }
failed=0
for tool in "$@"; do
  needed=$(readelf -d "$dir/$tool" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  [ -n "$needed" ] || { echo "FAIL $tool: readelf lists no shared library at all"; failed=1; continue; }
  bad=$(grep -E '^lib(stdc\+\+|gcc_s|fmt|tomlplusplus)\.so' <<<"$needed" | tr '\n' ' ')
  if [ -n "$bad" ]; then
    echo "FAIL $tool needs $bad"
    failed=1
  else
    echo "ok   $tool: $(tr '\n' ' ' <<<"$needed")"
  fi
done
exit $failed
