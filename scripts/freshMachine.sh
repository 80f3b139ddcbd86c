#!/usr/bin/env bash
# Simulates a newcomer's fresh machine on this one, then runs the README's two commands in a fresh clone:
#   1. purges what the scripts install on first use: Debian's chromium (and chromium-common), libkrb5-dev, zsh and python3-httpx, then
#      `apt-get autoremove --purge` takes the packages that came in only for them (GTK, codecs, krb5-multidev...);
#   2. clones the repository afresh into a new folder, with ../shared beside it as on CI (no .vscode-test/ there,
#      so code-server is installed again, and no node_modules/ or out/);
#   3. `npm install`, and checks that package-lock.json is unchanged;
#   4. `npm test`: provides Chromium and code-server again, on the way; its summary is the result;
#   5. `npm start`: waits for the banner, runs the CLI line it prints and a curl against the stand-in with the printed
#      export line, stops it with Ctrl+C (SIGINT to its process group) and checks that nothing it started is left.
# It changes the system (apt-get purge, as root), so it asks for a flag. Other users of Chromium on this machine lose
# it until `npm test` installs it again.
#
# Usage: scripts/freshMachine.sh --purge-system-packages [--into DIR] [--branch NAME] [--no-test] [--no-start]
#        scripts/freshMachine.sh --rehearse [...]   steps 2 to 5 without the purge: not a fresh machine, a dry run
#   --into DIR     where the clone goes (default: a new folder under /tmp); DIR/claude-inspector and DIR/shared
#   --branch NAME  what to clone (default: the branch checked out here)
#   --no-test      skip step 4
#   --no-start     skip step 5
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
purge=false
into=""
branch="$(git -C "$here" rev-parse --abbrev-ref HEAD)"
run_start=true
run_test=true
rehearse=false
while [ $# -gt 0 ]; do
  case "$1" in
    --purge-system-packages) purge=true ;;
    --rehearse) rehearse=true ;;
    --no-test) run_test=false ;;
    --into) into="$2"; shift ;;
    --branch) branch="$2"; shift ;;
    --no-start) run_start=false ;;
    *) echo "unknown argument $1 (see the head of $0)" >&2; exit 2 ;;
  esac
  shift
done

# The packages the scripts install with apt-get on first use (scripts/provideChromium.ts, scripts/provideVscode.ts).
# build-essential and python3, which provideVscode.ts installs only when missing, are part of the base image here.
PACKAGES=(chromium chromium-common libkrb5-dev zsh python3-httpx)

if [ "$purge" != true ] && [ "$rehearse" != true ]; then
  cat >&2 <<EOF
This script purges system packages (apt-get purge ${PACKAGES[*]}; apt-get autoremove --purge) to simulate a fresh
machine, then runs npm install, npm test and npm start in a fresh clone of '$branch'.
Run it again with --purge-system-packages if that is what you want.
EOF
  exit 2
fi
if [ "$purge" = true ] && [ "$(id -u)" != 0 ]; then
  echo "apt-get purge needs root: run it as root (or with sudo)." >&2
  exit 2
fi

step() { printf '\n=== %s ===\n' "$*"; }

if [ "$purge" = true ]; then
  step "1. purge ${PACKAGES[*]} and what came in only for them"
  installed=()
  for package in "${PACKAGES[@]}"; do
    if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      installed+=("$package")
    fi
  done
  if [ ${#installed[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "${installed[@]}"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -q
  for gone in /usr/bin/chromium /usr/include/gssapi/gssapi.h; do
    if [ -e "$gone" ]; then
      echo "still there after the purge: $gone" >&2
      exit 1
    fi
  done
  echo "gone: /usr/bin/chromium, /usr/include/gssapi/gssapi.h"
else
  step "1. (rehearsal: nothing purged; this machine keeps its Chromium and Kerberos headers)"
fi

step "2. a fresh clone of '$branch', with ../shared beside it"
into="${into:-$(mktemp -d /tmp/claude-inspector-fresh-XXXXXX)}"
mkdir -p "$into"
clone="$into/claude-inspector"
git clone --quiet --no-local --branch "$branch" "$here" "$clone"
if [ -d "$here/../shared" ]; then
  cp -a "$here/../shared" "$into/shared"
fi
cd "$clone"
echo "$clone at $(git rev-parse --short HEAD); no .vscode-test/: $([ -e .vscode-test ] && echo NO || echo yes)"

step "3. npm install (package-lock.json must stay unchanged)"
npm install
if ! git diff --exit-code --stat package-lock.json; then
  echo "npm install changed package-lock.json: see git diff in $clone" >&2
  exit 1
fi
echo "package-lock.json unchanged"

test_status=0
if [ "$run_test" = true ]; then
  step "4. npm test"
  set +e
  npm test 2>&1 | tee "$into/npm-test.log"
  test_status=${PIPESTATUS[0]}
  set -e
  echo "npm test exited with $test_status; its summary:"
  sed -n '/^Summary$/,$p' "$into/npm-test.log"
fi

start_status=0
if [ "$run_start" = true ]; then
  step "5. npm start, its banner's lines, Ctrl+C"
  log="$into/npm-start.log"
  set -m # its own process group, signalled as a terminal's Ctrl+C would
  timeout 900 npm start >"$log" 2>&1 &
  start_pid=$!
  set +m
  for _ in $(seq 1 600); do
    grep -q 'Press Ctrl+C' "$log" && break
    kill -0 "$start_pid" 2>/dev/null || break
    sleep 1
  done
  cat "$log"
  exports="$(grep -E '^\s+export ANTHROPIC_BASE_URL=' "$log" | sed 's/^ *//' || true)"
  cli="$(grep -E '^\s+npx claude-inspector ' "$log" | sed 's/^ *//' || true)"
  if [ -z "$exports" ] || [ -z "$cli" ]; then
    echo "npm start printed no banner with an export line and a CLI line (log: $log)" >&2
    start_status=1
  else
    (
      eval "$exports"
      echo "\$ $cli"
      eval "$cli"
      echo "\$ curl \$ANTHROPIC_BASE_URL/v1/models"
      curl -sS --max-time 20 "$ANTHROPIC_BASE_URL/v1/models" -H "x-api-key: $ANTHROPIC_API_KEY" -H 'anthropic-version: 2023-06-01'
      echo
    ) || start_status=$?
  fi
  kill -INT -- "-$start_pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$start_pid" 2>/dev/null || break
    sleep 1
  done
  sleep 2
  left="$(pgrep -a -f -- "$clone" || true)"
  if [ -n "$left" ]; then
    echo "left running after Ctrl+C:" >&2
    echo "$left" >&2
    start_status=1
  else
    echo "nothing left running from $clone"
  fi
fi

step "result"
[ "$run_test" = true ] && echo "npm test: exit $test_status ($(tail -n 1 "$into/npm-test.log"))"
[ "$purge" = true ] || echo "(a rehearsal: nothing was purged)"
[ "$run_start" = true ] && echo "npm start: $([ "$start_status" = 0 ] && echo 'banner, CLI, curl and Ctrl+C all worked' || echo "FAILED ($start_status)")"
echo "clone and logs: $into"
[ "$test_status" = 0 ] && [ "$start_status" = 0 ]
