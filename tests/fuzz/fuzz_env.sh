# Sourced by long.sh and run-all.sh: what each fuzz target is started with.
# fuzz_dict TARGET: its dictionary. fuzz_seeds TARGET DIR: fills DIR with
# its seeds (the kept regression inputs of tests/fuzz/seeds/TARGET, and for
# the stream readers the corpus streams).
fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Entropic scheduling spent 40% of the time on its bookkeeping here; a
# small quarantine and short malloc stacks keep ASan's use-after-free
# detection while the allocator reuses warm memory.
fuzz_flags=(-entropic=0 -max_len=4096 -timeout=10 -rss_limit_mb=1024)
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16:malloc_context_size=4:detect_leaks=0}

fuzz_dict() {
  case $1 in
    archive-*) echo "$fuzz_dir/archive.dict" ;;
    *) echo "$fuzz_dir/subunit.dict" ;;
  esac
}

fuzz_seeds() {  # fuzz_seeds TARGET DIR
  local t=$1 dir=$2 corpus=${SU_CORPUS:-$fuzz_dir/../../../shared/corpus} f
  mkdir -p "$dir"
  [ -d "$fuzz_dir/seeds/$t" ] && cp "$fuzz_dir/seeds/$t"/* "$dir/" 2>/dev/null
  case $t in
    v1-reader-fuzz|v2-reader-fuzz|round-trip-fuzz)
      for f in "$corpus"/*/input.v*; do
        [ -f "$f" ] && cp "$f" "$dir/$(basename "$(dirname "$f")").${f##*.}"
      done ;;
  esac
  return 0
}
