# Shared by the scripts: timed steps, and installers that do nothing when the tool is there.
# shellcheck shell=bash

started=$(date +%s)
step() { printf '\n== [%ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

# The `pathway` command. The test command sets PATHWAY to the binary `cargo test` built: running
# it through `cargo run -p pathway-cli` instead would build it a second time, since features
# are unified over the packages a command names (the whole workspace for the tests).
pathway() {
  if [ -n "${PATHWAY:-}" ]; then
    "$PATHWAY" "$@"
  else
    cargo run --locked -q -p pathway-cli -- "$@"
  fi
}

ensure_rust_target() {
  rustup target list --installed | grep -qx "$1" || rustup target add "$1"
}

ensure_cargo_fuzz() {
  command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
}

# Debian packages, installed only if a command is missing. Needs root (CI and these machines are).
ensure_debian() {
  local command=$1; shift
  command -v "$command" >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
ensure_wasm_bindgen() {
  local version
  version=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    # Not --locked: its lock file names a webpki-roots release the registry here does not have.
    cargo install wasm-bindgen-cli --version "=$version"
  fi
}

# playwright-core, axe-core, binaryen (wasm-opt), govuk-frontend and sass, exactly as locked.
ensure_npm() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
