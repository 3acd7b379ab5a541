#!/usr/bin/env bash
# End-to-end benchmark, JVM start included: times the `bulwark` launcher on a generated corpus of
# 10,000 Kubernetes manifest files (30,000 objects), a 50-file repository, 5,080 Terraform files in
# 200 modules (called with for_each) and 2,000 CloudFormation templates, then runs the
# in-process benchmark (`bulwark bench`) for throughput. Build first: ./mvnw -q -B package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-$(mktemp -d)}"
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$work"' EXIT

./bulwark bench --generate-only --dir "$work/large" --files 10000 --dockerfiles 0 >/dev/null
./bulwark bench --generate-only --dir "$work/terraform" --files 0 --dockerfiles 0 --terraform-modules 200 >/dev/null
./bulwark bench --generate-only --dir "$work/cloudformation" --files 0 --dockerfiles 0 --templates 2000 >/dev/null
./bulwark bench --generate-only --dir "$work/small" --files 40 --dockerfiles 10 >/dev/null
./bulwark --version >/dev/null   # first run writes the class-data-sharing archive

time_run() {
  local label="$1"; shift
  local start end
  start=$(date +%s%N)
  ./bulwark scan "$@" --no-progress --quiet --format json=/dev/null --fail-on never
  end=$(date +%s%N)
  printf '%-52s %6d ms\n' "$label" $(( (end - start) / 1000000 ))
}

echo "End to end (JVM start included), $(nproc) cores:"
for i in 1 2 3; do time_run "10,000 manifest files / 30,000 objects (run $i)" "$work/large"; done
for i in 1 2 3; do time_run "50-file repository (run $i)" "$work/small"; done
for i in 1 2 3; do time_run "5,080 Terraform files, 200 modules (run $i)" "$work/terraform"; done
for i in 1 2 3; do time_run "2,000 CloudFormation templates (run $i)" "$work/cloudformation"; done
echo
echo "In-process throughput (bulwark bench):"
./bulwark bench --files 10000 --dockerfiles 1000 --iterations 3
./bulwark bench --files 0 --dockerfiles 0 --terraform-modules 200 --templates 2000 --iterations 3
