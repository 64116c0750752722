#!/usr/bin/env bash
# Runs the tests that drive a CLI (internal/provider: acceptance tests through
# terraform-plugin-testing; internal/e2e: the built binary) under every CLI
# this machine has, then prints the matrix: CLI, version, tests passed /
# skipped / failed. CLIs: the terraform on PATH; each binary of $TF_NEXT when
# set (newer Terraforms, space-separated: .ci/run sets it to Terraform 1.15.9,
# for identity, list resources and `terraform query`, and 1.16.4, for
# import blocks inside modules and lifecycle destroy = false); .build/bin/tofu
# when built (make tofu). Exits non-zero when any run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pkgs=(./internal/provider ./internal/e2e)
logs="$root/.build/matrix"
mkdir -p "$logs"

names=() paths=()
if tf=$(command -v terraform); then names+=("terraform on PATH"); paths+=("$tf"); fi
if [ -n "${TF_NEXT:-}" ]; then
  for next in $TF_NEXT; do names+=("TF_NEXT"); paths+=("$next"); done
else
  echo "note: TF_NEXT is not set, so the tests of Terraform >= 1.12 features (resource identity, list resources," >&2
  echo "      terraform query, import blocks inside modules, destroy = false) skip. Set TF_NEXT to newer Terraform" >&2
  echo "      binaries, space-separated (TF_NEXT=\"/path/to/1.15/terraform /path/to/1.16/terraform\" make test);" >&2
  echo "      .ci/run installs Terraform 1.15.9 and 1.16.4 there." >&2
fi
if [ -x "$root/.build/bin/tofu" ]; then names+=("OpenTofu (make tofu)"); paths+=("$root/.build/bin/tofu"); fi
if [ ${#paths[@]} -eq 0 ]; then echo "error: no Terraform CLI found (terraform on PATH, TF_NEXT or make tofu)" >&2; exit 1; fi

# registry_host prints the host a CLI resolves "acme/x" to (registry.terraform.io
# for Terraform, OpenTofu's own registry for tofu): terraform-plugin-testing
# and the filesystem mirror of the e2e tests need the provider under it.
registry_host() {
  local dir; dir=$(mktemp -d)
  printf 'terraform {\n  required_providers {\n    x = { source = "acme/x" }\n  }\n}\n' > "$dir/main.tf"
  (cd "$dir" && "$1" providers 2>/dev/null) | sed -n 's/.*provider\[\([^]/]*\)\/acme\/x\].*/\1/p' | head -1
  rm -rf "$dir"
}

rows=() status=0
for i in "${!paths[@]}"; do
  cli=${paths[$i]}
  version=$("$cli" version 2>/dev/null | head -1)
  host=$(registry_host "$cli")
  if [ -z "$host" ]; then echo "error: could not find the default registry host of $cli" >&2; exit 1; fi
  log="$logs/run-$i.log"
  echo "==> ${names[$i]}: $version (registry host $host)"
  start=$(date +%s)
  TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_ACC_PROVIDER_HOST="$host" \
    go test -count=1 -v -timeout 20m "${pkgs[@]}" > "$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  grep -E '^(ok|FAIL|panic:)' "$log"
  passed=$(grep -cE '^\s*--- PASS' "$log") skipped=$(grep -cE '^\s*--- SKIP' "$log") failed=$(grep -cE '^\s*--- FAIL' "$log")
  if [ $rc -ne 0 ]; then
    status=1
    echo "--- failures under ${names[$i]} (full log: $log)"
    grep -E -A30 '^\s*--- FAIL' "$log" | head -200
  fi
  rows+=("| ${names[$i]} | $version | $passed | $skipped | $failed | ${took}s |")
done

echo
echo "CLI matrix (acceptance and end-to-end tests, subtests included):"
echo "| CLI | Version | Passed | Skipped | Failed | Time |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Skipped by CLI version, with their reasons (see each log for all of them):"
for i in "${!paths[@]}"; do
  grep -hE -B1 '^\s*--- SKIP' "$logs/run-$i.log" | grep -E 'needs|OpenTofu' | sed 's/^ */  /' | sort -u | sed "s|^|  ${names[$i]}: |" | head -5
done
exit $status
