# Shared by the bench scripts (sourced): whole-process timing.

# Prints the best wall time in seconds of `runs` runs of a command, output discarded.
best_time() {  # runs, command...
  local n=$1 best=
  shift
  for _ in $(seq "$n"); do
    local start end t
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
