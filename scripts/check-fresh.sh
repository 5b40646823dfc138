#!/usr/bin/env bash
# Does what a new user does on a fresh Debian 12, as root: builds a minimal root (mmdebstrap --variant=minbase) from
# this machine's own apt sources and proxy settings, clones the committed HEAD of this checkout into /root/ridgeway
# there, and runs, inside chroot with /proc, /sys and /dev mounted:
#   --demo   bash scripts/demo.sh
#   --tests  bash scripts/test.sh
#   --deb    bash scripts/package.sh, then on another fresh root that has never run install-deps.sh:
#            apt install ./ridgeway_<version>_amd64.deb alone, ridgeway --version, a small simulate and gwas
# (default: all three). Every step starts from its own copy of the freshly built root. Uncommitted changes are not
# part of the check. Prints each step's wall time at the end; exits non-zero when a step failed. Needs root and
# package downloads (several GB); not part of CI.
# Usage: check-fresh.sh [--demo] [--tests] [--deb] [--workdir DIR (default /var/tmp/ridgeway-fresh)] [--keep]
set -euo pipefail

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
steps=() workdir=/var/tmp/ridgeway-fresh keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --demo | --tests | --deb) steps+=("${1#--}") ;;
    --workdir) workdir=${2:?--workdir needs a folder}; shift ;;
    --keep) keep=1 ;;
    *) usage ;;
  esac
  shift
done
[ ${#steps[@]} -gt 0 ] || steps=(demo tests deb)
if [ "$(id -u)" -ne 0 ]; then
  echo "Error: check-fresh.sh builds and enters chroots: run it as root" >&2
  exit 1
fi

repo=$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel)
head=$(git -C "$repo" rev-parse HEAD)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "Note: $repo has uncommitted changes; the check uses the committed HEAD ${head:0:12}" >&2
fi
if ! command -v mmdebstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
fi
mkdir -p "$workdir"
workdir=$(cd "$workdir" && pwd)

# The roots of the running step: after it (and on exit) their mounts go, then the roots themselves (unless --keep).
# A root is deleted only once nothing is mounted below it.
roots=()
unmount_root() {
  local root=$1 target
  for target in dev sys proc; do
    if mountpoint -q "$root/$target"; then umount -R "$root/$target" || umount -R -l "$root/$target"; fi
  done
  if grep -q " $root/" /proc/mounts; then
    echo "Error: $root still has mounts; left in place" >&2
    return 1
  fi
}
discard_roots() {
  local root status=0
  for root in "${roots[@]}"; do
    if ! unmount_root "$root"; then status=1; elif [ "$keep" -eq 0 ]; then rm -rf --one-file-system "$root"; fi
  done
  roots=()
  return "$status"
}
cleanup() {
  discard_roots || true
  [ "$keep" -eq 1 ] || rm -f "$workdir/base.tar" "$workdir/sources.list" "$workdir/sources.sources"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The host's enabled apt sources, as they are: one-line entries of sources.list and *.list, deb822 *.sources files
# (apt ignores other names in sources.list.d). The keyrings they name are copied into the root, and the host's apt
# proxy settings and proxy variables are kept.
: >"$workdir/sources.list"
: >"$workdir/sources.sources"
for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  if [ -f "$file" ]; then grep -E '^[[:space:]]*deb(-src)?[[:space:]]' "$file" >>"$workdir/sources.list" || true; fi
done
for file in /etc/apt/sources.list.d/*.sources; do
  [ -f "$file" ] && { cat "$file"; echo; } >>"$workdir/sources.sources"
done
mirrors=()
[ -s "$workdir/sources.list" ] && mirrors+=("$workdir/sources.list")
[ -s "$workdir/sources.sources" ] && mirrors+=("$workdir/sources.sources")
if [ ${#mirrors[@]} -eq 0 ]; then
  echo "Error: no enabled apt sources in /etc/apt/sources.list or /etc/apt/sources.list.d" >&2
  exit 1
fi
bootstrap_options=(--variant=minbase --mode=root)
while read -r keyring; do
  [ -f "$keyring" ] || continue
  bootstrap_options+=(--setup-hook="mkdir -p \"\$1$(dirname "$keyring")\"" --setup-hook="copy-in $keyring $(dirname "$keyring")")
done < <(cat "${mirrors[@]}" | grep -oiE '(signed-by[:=][[:space:]]*)/[^] ,]+' | sed -E 's/^[^/]*//' | sort -u)
while read -r option; do
  bootstrap_options+=(--aptopt="$option")
done < <(apt-config dump | grep -E '^Acquire::[a-z]+::Proxy' || true)
if grep -qiE 'https://' "${mirrors[@]}"; then
  bootstrap_options+=(--include=ca-certificates)
fi
chroot_env=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb)
for variable in http_proxy https_proxy ftp_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -n "${!variable:-}" ] && chroot_env+=("$variable=${!variable}")
done

seconds_since() { echo $(($(date +%s) - $1)); }
minutes() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

start=$(date +%s)
echo "== minimal Debian 12 root (mmdebstrap --variant=minbase) from: ${mirrors[*]}"
mmdebstrap "${bootstrap_options[@]}" bookworm "$workdir/base.tar" "${mirrors[@]}"
base_seconds=$(seconds_since "$start")

# new_root NAME: a fresh copy of the minimal root with /proc, /sys and /dev mounted. (The steps run as conditions,
# where set -e does not act, so every command in them is chained.)
new_root() {
  local root=$workdir/root-$1
  if [ -e "$root" ]; then unmount_root "$root" && rm -rf --one-file-system "$root"; fi
  roots+=("$root")
  mkdir -p "$root" && tar -C "$root" --numeric-owner -xpf "$workdir/base.tar" && mount -t proc proc "$root/proc" &&
    mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys" &&
    mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
}
clone_into() { git clone -q "$repo" "$1/root/ridgeway" && git -C "$1/root/ridgeway" checkout -q --detach "$head"; }
in_root() { chroot "$1" /usr/bin/env -i "${chroot_env[@]}" bash -euo pipefail -c "$2"; }

step_demo() {
  new_root demo && clone_into "$workdir/root-demo" && in_root "$workdir/root-demo" 'cd /root/ridgeway && bash scripts/demo.sh'
}
step_tests() {
  new_root tests && clone_into "$workdir/root-tests" && in_root "$workdir/root-tests" 'cd /root/ridgeway && bash scripts/test.sh'
}
step_deb() {
  local deb start
  start=$(date +%s)
  new_root package && clone_into "$workdir/root-package" &&
    in_root "$workdir/root-package" 'cd /root/ridgeway && bash scripts/package.sh' || return 1
  echo "== deb: package built in $(minutes "$(seconds_since "$start")"); installing it alone on a fresh root"
  deb=$(cd "$workdir/root-package/root/ridgeway" && ls ridgeway_*_amd64.deb) || return 1
  new_root deb && cp "$workdir/root-package/root/ridgeway/$deb" "$workdir/root-deb/root/" || return 1
  in_root "$workdir/root-deb" "cd /root && export DEBIAN_FRONTEND=noninteractive && apt-get update -qq &&
    apt install -y -q ./$deb && ridgeway --version &&
    ridgeway simulate --n 1000 --m 4000 --seed 3 --out /tmp/cohort &&
    ridgeway gwas --bfile /tmp/cohort --pheno /tmp/cohort.pheno --pheno-name Q1 --covar /tmp/cohort.covar --out /tmp/gwas &&
    test -s /tmp/gwas.Q1.linear.tsv.gz && test -s /tmp/gwas_pred.list &&
    test -f /usr/share/man/man1/ridgeway.1.gz && test -f /usr/share/doc/ridgeway/README.md &&
    test -f /usr/share/bash-completion/completions/ridgeway && echo 'the package works'"
}

results=() failed=0
for step in "${steps[@]}"; do
  echo "== $step (HEAD ${head:0:12})"
  start=$(date +%s)
  if "step_$step"; then status=ok; else status=FAILED failed=1; fi
  taken=$(seconds_since "$start")
  results+=("$(printf '%-6s %-6s %s (%d s)' "$step" "$status" "$(minutes "$taken")" "$taken")")
  echo "== $step: $status in $(minutes "$taken")"
  discard_roots || failed=1
done
echo
echo "Wall times on a fresh Debian 12 root (commit ${head:0:12}; the minimal root itself: $(minutes "$base_seconds")):"
printf '%s\n' "${results[@]}"
exit "$failed"
