#!/usr/bin/env bash
# Runs every test, installing what it needs first (idempotently). `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "tools"
ensure_rust_target wasm32-unknown-unknown
ensure_cargo_fuzz
ensure_debian chromium chromium chromium-driver
ensure_npm

step "format"
cargo fmt --all --check

step "lint"
cargo clippy --locked --all-targets -- -D warnings

step "tests (insta never writes snapshots here: a changed output fails)"
CI=true INSTA_UPDATE=no cargo test --locked --workspace

step "pathway-core builds for WebAssembly"
cargo build --locked -p pathway-core --target wasm32-unknown-unknown

step "shipped pathways: check and case studies"
cargo run --locked -q -p pathway-cli -- check pathways/*/pathway.yaml
cargo run --locked -q -p pathway-cli -- test pathways/*/

step "mutation check: small authoring mistakes that nothing notices (docs/safety/mutation-check.md)"
for dir in pathways/*/; do
  cargo run --locked -q -p pathway-cli -- mutants "$dir" --min-score 0.98
done

step "fuzz Pathway::from_yaml for ${FUZZ_SECONDS:=30} s"
(
  cd pathway-core/fuzz
  mkdir -p corpus
  # cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain provide them.
  RUSTC_BOOTSTRAP=1 cargo fuzz run load_pathway corpus seeds -- -max_total_time="$FUZZ_SECONDS" 2>&1 | tail -n 3
)

step "build the site"
scripts/build-web.sh

step "browser tests: built site on 127.0.0.1 in headless Chromium (screenshots in test-results/)"
# --test-timeout bounds each test file as a whole too; the case-study file plays 48 walks (about
# 4 minutes), and each of its tests has its own 2-minute limit.
node --test --test-timeout=900000 tests/e2e/

step "done"
