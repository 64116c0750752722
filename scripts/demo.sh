#!/usr/bin/env bash
# make demo: the provider against three emulated Campaign instances (dev,
# stage, prod), applying examples/multi-environment with the real Terraform
# CLI. Prints each step, stops at the first failure, leaves no process behind.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/.build/demo"
version="0.0.1"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { echo "demo: $*" >&2; exit 1; }

command -v terraform >/dev/null || die "terraform is not on PATH (Terraform >= 1.11 is needed)"
command -v go >/dev/null || die "go is not on PATH"
command -v curl >/dev/null || die "curl is not on PATH"

pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

rm -rf "$work"
mkdir -p "$work/bin"

step "Building the provider (into a local filesystem mirror, with its CLI configuration) and the emulators"
rc=$(go -C "$root/tools" run ./mirror -repo "$root" -dir "$work" -version "$version")
go build -o "$work/bin/campaign-emulator" "$root/cmd/campaign-emulator"
go build -o "$work/bin/adobe-emulator" "$root/cmd/adobe-emulator"

# wait_url NAME: the URL an emulator printed on its first line.
wait_url() {
  for _ in $(seq 1 100); do
    grep -q '^listening on ' "$work/$1.out" 2>/dev/null && break
    sleep 0.1
  done
  sed -n 's/^listening on //p' "$work/$1.out"
}

step "Starting the emulated Adobe organization (IMS + User Management API): the marketers profile exists, reviewers not yet; an API integration holds marketers"
"$work/bin/adobe-emulator" -listen 127.0.0.1:0 -tls -ca-out "$work/adobe-ca.pem" \
  -product-profile "Campaign - acme - marketers=jdoe@acme.example" \
  -product-profile "Campaign - acme - admin=ann@acme.example" \
  -product-profile "Analytics - acme - reports=ron@acme.example" \
  -technical-account "crm-sync-client:crm-sync-secret=Campaign - acme - marketers" >"$work/adobe.out" 2>"$work/adobe.log" &
pids+=("$!")
adobe_url=$(wait_url adobe)
[ -n "$adobe_url" ] || die "the Adobe emulator did not start: $(cat "$work/adobe.log")"
echo "   Admin Console: $adobe_url (CA: .build/demo/adobe-ca.pem)"
sed -n 's/^technical account /   technical account (client id, email): /p' "$work/adobe.out"

step "Starting three emulated instances over TLS (self-signed CA per instance)"
declare -A url
for env in dev stage prod; do
  "$work/bin/campaign-emulator" -listen 127.0.0.1:0 -tls -ca-out "$work/$env-ca.pem" \
    -instance-name "acme_mkt_$env" -install-duration 1s -state "$work/$env-state.json" \
    -adobe "$adobe_url" -adobe-ca "$work/adobe-ca.pem" >"$work/$env.out" 2>"$work/$env.log" &
  pids+=("$!")
  url[$env]="$(wait_url "$env")"
  [ -n "${url[$env]}" ] || die "the $env emulator did not start: $(cat "$work/$env.log")"
  echo "   $env: ${url[$env]} (CA: .build/demo/$env-ca.pem)"
done
# prod's provider block trusts Adobe's CA too: the API integration's first call gets its token there
cat "$work/prod-ca.pem" "$work/adobe-ca.pem" >"$work/prod-bundle.pem"

step "Preparing a working copy of examples/multi-environment"
mkdir -p "$work/examples"
cp -R "$root/examples/modules" "$root/examples/multi-environment" "$work/examples/"
cat >"$work/examples/multi-environment/terraform.tfvars.json" <<EOF
{
  "instances": {
    "dev":   {"endpoint": "${url[dev]}",   "ca_certificate": "$work/dev-ca.pem",   "callback_server": "https://acme-mkt-dev.example.com",   "tenant": "acme"},
    "stage": {"endpoint": "${url[stage]}", "ca_certificate": "$work/stage-ca.pem", "callback_server": "https://acme-mkt-stage.example.com", "tenant": "acme"},
    "prod":  {"endpoint": "${url[prod]}",  "ca_certificate": "$work/prod-bundle.pem",  "callback_server": "https://acme-mkt-prod.example.com",  "tenant": "acme"}
  },
  "admin_console": {"client_id": "admin-console-client", "token_url": "$adobe_url/ims/token/v3", "umapi_endpoint": "$adobe_url", "ca_certificate": "$work/adobe-ca.pem"},
  "technical_operators": {"crm_sync": {"client_id": "crm-sync-client", "client_secret_version": 1, "token_url": "$adobe_url/ims/token/v3", "named_rights": ["exportFile"]}},
  "expected_logins": {"jdoe@acme.example": ["marketers", "reviewers"], "ann@acme.example": ["admin"], "ron@acme.example": ["marketers"]}
}
EOF
export TF_CLI_CONFIG_FILE="$rc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export TF_VAR_password="admin" # the emulator's default operator password
export TF_VAR_admin_console_client_secret="admin-console-secret" # the Adobe emulator's default
export TF_VAR_ims_client_secrets='{"dev":"dev-client-secret","stage":"stage-client-secret","prod":"prod-client-secret"}'
export TF_VAR_technical_operator_secrets='{"crm_sync":"crm-sync-secret"}' # used only for the first call
tf() { terraform -chdir="$work/examples/multi-environment" "$@"; }

step "Creating an account on prod outside Terraform (plain SOAP calls, as the console would)"
soap() { # action body -> answer
  curl -sS --fail-with-body --cacert "$work/prod-ca.pem" -H "Content-Type: text/xml; charset=utf-8" \
    -H "SOAPAction: $1" "${@:3}" --data-binary "$2" "${url[prod]}/nl/jsp/soaprouter.jsp"
}
logon=$(soap "xtk:session#Logon" '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><Logon xmlns="urn:xtk:session"><sessiontoken/><login>admin</login><password>admin</password><parameters/></Logon></SOAP-ENV:Body></SOAP-ENV:Envelope>')
session=$(sed -n 's/.*<pstrSessionToken[^>]*>\([^<]*\)<.*/\1/p' <<<"$logon" | head -1)
security=$(sed -n 's/.*<pstrSecurityToken[^>]*>\([^<]*\)<.*/\1/p' <<<"$logon" | head -1)
[ -n "$session" ] && [ -n "$security" ] || die "logon to the prod emulator failed"
soap "xtk:persist#Write" "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><Write xmlns=\"urn:xtk:persist\"><sessiontoken>$session</sessiontoken><doc><extAccount xtkschema=\"nms:extAccount\" name=\"Adobe_Marketing_Cloud\" label=\"Made by hand\" active=\"1\" clientId=\"Campaign1\" callbackServer=\"http://acme-mkt-prod.example.com\" imsOrgId=\"0123456789ABCDEF01234567@AdobeOrg\" imsRightsMask=\"Campaign (.*)\"/></doc></Write></SOAP-ENV:Body></SOAP-ENV:Envelope>" \
  -H "X-Security-Token: $security" -H "Cookie: __sessiontoken=$session" >/dev/null
soap "xtk:session#Logoff" "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><Logoff xmlns=\"urn:xtk:session\"><sessiontoken>$session</sessiontoken></Logoff></SOAP-ENV:Body></SOAP-ENV:Envelope>" \
  -H "X-Security-Token: $security" -H "Cookie: __sessiontoken=$session" >/dev/null
echo "   prod now has Adobe_Marketing_Cloud with an http:// callback and a loose mask"

step "terraform init (the provider comes from the local mirror)"
tf init -input=false -no-color | grep -E 'Installing|Installed|initialized' || true

step "terraform import of the prod account made by hand"
tf import -input=false -no-color module.prod.campaign_ims_external_account.this Adobe_Marketing_Cloud | grep -E 'Import|import' || true

step "terraform plan: the Admin Console is listed once for the three environments, and lacks the reviewers profile"
adobe() { curl -sS --fail-with-body --cacert "$work/adobe-ca.pem" "$@"; }
adobe -X POST "$adobe_url/emulator/reset" >/dev/null
tf plan -input=false -no-color -out="$work/plan.out" | tee "$work/plan.txt"
# (unwrapped: Terraform wraps warnings inside a box)
sed 's/^[│ ]*//' "$work/plan.txt" | tr '\n' ' ' | grep -q 'has no product profile for these managed' || die "the plan did not warn about the missing product profile"
echo "   Admin Console requests of the plan: $(adobe "$adobe_url/emulator/stats")"

step "terraform apply: prod's API integration gets its operator from the provider's first call as its technical account"
tf apply -input=false -no-color "$work/plan.out"
tf output -json technical_operators | sed 's/^/   technical_operators: /'
tf output -json technical_operators | grep -q '"groups":\["marketers"\]' || die "the technical operator did not get the marketers group"
tf output -json provider_operators | sed 's/^/   provider_operators (who the provider runs as): /'

step "Creating the reviewers product profile in the (emulated) Admin Console, as a person would: no API can"
adobe -X POST -H "Content-Type: application/json" \
  --data-binary '{"name":"Campaign - acme - reviewers","members":["jdoe@acme.example"]}' "$adobe_url/emulator/product-profiles"
adobe -X POST "$adobe_url/emulator/reset" >/dev/null # a new minute of UMAPI's rate limit (5 listings a minute)

step "terraform apply: no Admin Console warning any more; the one expected user who cannot log in is a warning with the reason"
tf apply -input=false -no-color -auto-approve >"$work/apply2.txt"
! grep -q 'Admin Console' "$work/apply2.txt" || { cat "$work/apply2.txt"; die "the apply still warns about the Admin Console"; }
sed 's/^[│ ]*//' "$work/apply2.txt" | tr '\n' ' ' | grep -q 'would not log in as expected: ron@acme.example' || die "the apply did not explain ron's refused login"
tf output -json missing_product_profiles | sed 's/^/   missing_product_profiles: /'

step "Why each user can or cannot log in to prod (campaign_ims_login, from the Admin Console's profiles)"
tf output -raw prod_logins | sed 's/^/   /'
tf output -json expected_logins >"$work/logins.json"
grep -q '"ann@acme.example":{"admitted":true,"control_panel":true' "$work/logins.json" || die "ann's login (the admin profile) does not open the Control Panel"

step "Second plan: expected to be empty"
set +e
tf plan -input=false -no-color -detailed-exitcode >"$work/second-plan.txt"
code=$?
set -e
[ "$code" -eq 0 ] || { cat "$work/second-plan.txt"; die "the second plan is not empty (exit $code)"; }
grep -E 'No changes' "$work/second-plan.txt"

step "Round trips per instance (emulator /emulator/stats)"
for env in dev stage prod; do
  printf '   %-5s %s\n' "$env" "$(curl -sS --cacert "$work/$env-ca.pem" "${url[$env]}/emulator/stats")"
done

step "Simulated Adobe ID logins of jdoe@acme.example on each instance: the profiles come from the Admin Console"
echo "   jdoe's product profiles: $(adobe "$adobe_url/emulator/user-profiles?login=jdoe@acme.example")"
for env in dev stage prod; do
  answer=$(curl -sS --cacert "$work/$env-ca.pem" -H "Content-Type: application/json" \
    --data-binary '{"login":"jdoe@acme.example"}' "${url[$env]}/emulator/ims-login")
  grep -q '"groups":\["marketers","reviewers"\]' <<<"$answer" || die "the $env login did not get the managed groups: $answer"
  printf '   %-5s -> %s\n' "$env" "$answer"
done
refused=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$work/prod-ca.pem" -H "Content-Type: application/json" \
  --data-binary '{"login":"nobody@acme.example","profiles":["Analytics - acme - admin"]}' "${url[prod]}/emulator/ims-login")
[ "$refused" = 403 ] || die "a login whose profiles map to no group was not refused (HTTP $refused)"
echo "   prod: a user with no Campaign product profile -> 403 \"Login does not have any right matching the expression\""

adobe -X POST "$adobe_url/emulator/reset" >/dev/null

step "terraform destroy: refused while the groups have operators (deleting a group revokes their rights)"
set +e
tf destroy -input=false -no-color -auto-approve >"$work/destroy-refused.txt" 2>&1
code=$?
set -e
[ "$code" -ne 0 ] && grep -q "still has operators" "$work/destroy-refused.txt" || { cat "$work/destroy-refused.txt"; die "destroy of groups with members was not refused"; }
grep -m1 -E 'operator\(s\) are members' "$work/destroy-refused.txt" | sed 's/^/   /'

step "terraform destroy with force_destroy_groups = true (packages stay installed: Campaign cannot uninstall them)"
tf apply -input=false -no-color -auto-approve -var force_destroy_groups=true | grep -E 'Apply complete' || true
tf destroy -input=false -no-color -auto-approve -var force_destroy_groups=true | grep -E 'Destroy complete|cannot be uninstalled' || true

step "Demo complete: three instances configured (package, account, operator groups, an API integration's operator), imported, explained and proven by Adobe ID logins, and cleaned up (the technical operator kept: IMS owns it)"
