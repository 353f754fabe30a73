#!/usr/bin/env bash
# Makes a fresh checkout runnable: installs nats-server (Debian/Ubuntu package, or says how elsewhere)
# when it is missing, then the npm dependencies, then builds. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Run a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages by name when their command is missing.
apt_install() {
  local command=$1; shift
  if command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ]; then return; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: $command is missing; install it (macOS: brew install $*)" >&2
    exit 1
  fi
  echo "setup: installing $*"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

apt_install nats-server nats-server
# `npm test` drives the interactive prompts on a real terminal through tmux.
apt_install tmux tmux

npm ci --no-audit --no-fund --loglevel=error
# Compile only: the committed oclif.manifest.json is used as is (a test checks it is current).
npm run compile --silent
