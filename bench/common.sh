# Sourced first by every benchmark script, with the script's arguments: [RIDGEWAY_BINARY] [WORK_FOLDER].
# Sets $here, $ridgeway, $threads (2, as the peers get), enters the work folder (default bench/results), and
# defines `measure NAME COMMAND...` (runs COMMAND under /usr/bin/time, prints "NAME wall_s cpu_s peak_MiB" and appends
# it to $timings), `wall_of NAME` (a measured wall time) and `ratio A B` (A / B).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ridgeway=${1:-$here/../build/ridgeway}
threads=2
mkdir -p "${2:-$here/results}"
cd "${2:-$here/results}"

measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o time.txt "$@" >/dev/null 2>&1
  read -r wall user system peak < time.txt
  printf '%-36s %9.2f %9.2f %10.1f\n' "$name" "$wall" "$(echo "$user + $system" | bc)" "$(echo "$peak / 1024" | bc -l)" |
    tee -a "$timings"
}
wall_of() { awk -v n="$1" 'index($0, n " ") == 1 { print $(NF-2) }' "$timings"; }
ratio() { echo "scale=2; $1 / $2" | bc; }
