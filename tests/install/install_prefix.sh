#!/usr/bin/env bash
# cmake --install of the build into a scratch prefix: the installed binary prints the project's version, the man
# page is there (compressed, with the version and every command of ridgeway --help), README.md and docs/*.md are
# installed unchanged where README.md's links point, and the bash completion completes commands, options and an
# option's choices from the installed binary.
# Arguments: CMake binary, build folder, scratch folder, source folder, project version.
set -euo pipefail
cmake=$1 build=$2 scratch=$3 source=$4 version=$5
rm -rf "$scratch" && mkdir -p "$scratch"
prefix=$scratch/prefix
fail() { echo "FAIL: $*"; exit 1; }
"$cmake" --install "$build" --prefix "$prefix" >"$scratch/install.log"

ridgeway=$prefix/bin/ridgeway
[ -x "$ridgeway" ] || fail "no executable $ridgeway"
line=$("$ridgeway" --version)
[[ $line == "ridgeway $version "* ]] || fail "$ridgeway --version printed '$line', not ridgeway $version"

page=$prefix/share/man/man1/ridgeway.1.gz
[ -f "$page" ] || fail "no man page $page"
gzip -t "$page" || fail "$page is not gzip data"
zcat "$page" | head -n 1 | grep -q "^\.TH RIDGEWAY 1 .*\"ridgeway $version\"" || fail "$page does not open with .TH for ridgeway $version"
commands=$("$ridgeway" --help | sed -n '/^Subcommands:/,$s/^  \([a-z0-9]\+\) .*/\1/p')
[ -n "$commands" ] || fail "ridgeway --help lists no commands"
for command in $commands; do
  zcat "$page" | sed -n '/^\.SH COMMANDS/,/^\.SH /p' | grep -qx "\.B $command" || fail "$page does not describe the command $command"
done

docs=$prefix/share/doc/ridgeway
cmp "$source/README.md" "$docs/README.md" || fail "README.md is not installed unchanged in $docs"
for doc in "$source"/docs/*.md; do
  cmp "$doc" "$docs/docs/$(basename "$doc")" || fail "$doc is not installed unchanged in $docs/docs"
done

completion=$prefix/share/bash-completion/completions/ridgeway
[ -f "$completion" ] || fail "no bash completion $completion"
complete_words() {  # prints the completions of the command line given as words, the last one being completed
  PATH=$prefix/bin:$PATH bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ridgeway
                                  printf "%s\n" "${COMPREPLY[@]}"' completion "$completion" "$@"
}
[ "$(complete_words ridgeway gw)" = gwas ] || fail "ridgeway gw<TAB> does not complete to gwas: $(complete_words ridgeway gw)"
[ "$(complete_words ridgeway --vers)" = --version ] || fail "ridgeway --vers<TAB> does not complete to --version"
[ "$(complete_words ridgeway predict --bfile x --kern)" = --kernel ] || fail "predict --kern<TAB> does not complete to --kernel"
[ "$(complete_words ridgeway predict --kernel g)" = gaussian ] || fail "predict --kernel g<TAB> does not complete to gaussian"
[ -z "$(complete_words ridgeway simulate --kern)" ] || fail "simulate --kern<TAB> completes an option simulate does not have"
echo "installed in $prefix: $line"
