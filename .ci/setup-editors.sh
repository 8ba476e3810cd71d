#!/usr/bin/env bash
# Installs the real editors used by the e2e tests (see test/e2e/README.md):
#   - Debian: chromium, neovim (0.7), libkrb5-dev (kerberos build), ripgrep,
#     librsvg2-bin (rsvg-convert: the SVG export is rendered outside a browser)
#   - code-server 4.100.3 (VS Code 1.100.3) into <repo>/.cache/code-server
# Idempotent: apt is skipped when all packages are present, code-server is
# skipped when its marker file exists. Non-interactive (CI=true, no stdin).
# Usage: .ci/setup-editors.sh [--force]   (--force reinstalls code-server)
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"   # last release for Node 20 (VS Code 1.100.3)
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_DIR="$REPO_ROOT/.cache/code-server"
MARKER="$CS_DIR/.installed-$CODE_SERVER_VERSION"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false
export DEBIAN_FRONTEND=noninteractive
exec </dev/null

start=$(date +%s)
log() { echo "[setup-editors +$(( $(date +%s) - start ))s] $*"; }

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo -n"; fi

# ---- 1. Debian packages ---------------------------------------------------
APT_PKGS=(chromium neovim libkrb5-dev ripgrep librsvg2-bin)
missing=()
for p in "${APT_PKGS[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done
if (( ${#missing[@]} )); then
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt packages already installed"
fi
for bin in chromium nvim rg rsvg-convert; do
  command -v "$bin" >/dev/null || { echo "missing $bin after apt" >&2; exit 1; }
done

# ---- 2. code-server ---------------------------------------------------------
if [[ -f "$MARKER" && $FORCE -eq 0 ]]; then
  log "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
else
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  cd "$CS_DIR"
  # A package.json of its own, so npm does not walk up to the repo's.
  cat > package.json <<JSON
{ "name": "okr-cascade-code-server", "private": true, "version": "0.0.0" }
JSON
  # Plain install fails: kerberos needs libkrb5-dev, @vscode/ripgrep's postinstall
  # downloads from GitHub, node-pty's postinstall runs `npx node-gyp` (needs a tty).
  npm install --ignore-scripts --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"
  npm rebuild argon2 --loglevel=error
  VS="$CS_DIR/node_modules/code-server/lib/vscode"
  cd "$VS"
  log "lib/vscode: npm install --omit=dev --ignore-scripts"
  npm install --omit=dev --ignore-scripts --loglevel=error
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  log "lib/vscode: npm rebuild (native modules from source)"
  npm rebuild --loglevel=error
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  log "lib/vscode/extensions: npm install --omit=dev"
  (cd extensions && npm install --omit=dev --loglevel=error)
  "$CS_DIR/node_modules/.bin/code-server" --version >/dev/null
  touch "$MARKER"
fi

log "done: $("$CS_DIR/node_modules/.bin/code-server" --version | head -1), $(chromium --version 2>/dev/null), $(nvim --version | head -1)"
log "code-server binary: $CS_DIR/node_modules/.bin/code-server"
