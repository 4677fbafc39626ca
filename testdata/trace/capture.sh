#!/bin/bash
# Records one run of the heap-cycle scenario with bpftrace and strace attached at once, as
# gomemlens trace madvise runs them (the same bpftrace program, the same strace flags).
# Run from the repository root as root, after npm run build and node scripts/build-go.mjs:
#   testdata/trace/capture.sh NAME 'ENV=VALUE ...' SIZE [heap-cycle flags...]
set -euo pipefail
name=$1 envs=$2 size=$3
shift 3
out=testdata/trace
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/in"
env $envs dist/go/heap-cycle -size "$size" -stdin "$@" <"$work/in" >/dev/null &
exec 3>"$work/in"
sleep 0.5
pid=$(pgrep -n heap-cycle)
node -e 'import("./dist/src/sources/madvise-tracers.js").then((m) => process.stdout.write(m.bpftraceProgram(+process.argv[1])))' "$pid" >"$work/prog.bt"
bpftrace "$work/prog.bt" >"$out/$name.bpftrace.txt" 2>/dev/null &
b=$!
strace -f -p "$pid" -e trace=madvise -e signal=none -X raw -k 2>"$out/$name.strace.txt" &
s=$!
sleep 4 # both attached (bpftrace takes a few seconds to load its program)
echo >&3
sleep 2
echo >&3
sleep 3
kill -INT "$b" "$s"
wait "$b" "$s" || true
exec 3>&-
wait
sed -i "s|$PWD/dist/go/heap-cycle|/app/heap-cycle|g" "$out/$name.strace.txt"
