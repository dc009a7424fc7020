#!/usr/bin/env bash
# The tools built to carry their own C++ runtime (meson.build:
# static_runtime) need no shared libstdc++, libgcc_s, libfmt or toml++: one
# of those in their dynamic section would put a second copy of the runtime
# in the process, or undo the faster start. Where static_link holds they
# are fully static, which passes too.
# Usage: check-runtime.sh TOOLS_DIR static|runtime [TOOL...]
#   static: each TOOL must be fully static; runtime: it may link libc and
#   libzstd dynamically. No TOOL: nothing to check.
set -u
dir=$1 mode=$2; shift 2
if [ $# -eq 0 ]; then
  echo "no tool is built with its own runtime (a sanitizer build, or -Dstatic_runtime=false)"
  exit 77
fi
command -v readelf >/dev/null || { echo "readelf is needed (binutils)"; exit 99; }
failed=0
for tool in "$@"; do
  needed=$(readelf -d "$dir/$tool" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  if [ "$mode" = static ] && [ -n "$needed" ]; then
    echo "FAIL $tool should be fully static but needs $(tr '\n' ' ' <<<"$needed")"
    failed=1
    continue
  fi
  if [ -z "$needed" ]; then
    # Fully static (meson.build: static_link): then no program interpreter
    # either. Anything else is a binary readelf did not understand.
    if readelf -l "$dir/$tool" | grep -q 'INTERP'; then
      echo "FAIL $tool: a dynamic loader but no shared library listed"
      failed=1
    else
      echo "ok   $tool: fully static"
    fi
    continue
  fi
  bad=$(grep -E '^lib(stdc\+\+|gcc_s|fmt|tomlplusplus)\.so' <<<"$needed" | tr '\n' ' ')
  if [ -n "$bad" ]; then
    echo "FAIL $tool needs $bad"
    failed=1
  else
    echo "ok   $tool: $(tr '\n' ' ' <<<"$needed")"
  fi
done
exit $failed
