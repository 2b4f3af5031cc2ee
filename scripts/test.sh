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

step "lint every crate, the browser apps' code included (the studio's preview build of the practitioner's app too)"
# Natively: the browser apps compile on every target (their wasm-only entry points too), so one
# pass reads all the code, and Leptos is not checked a second time for WebAssembly.
cargo clippy --locked --workspace --all-targets --features pathway-web/preview -- -D warnings

step "tests (insta never writes snapshots here: a changed output fails)"
CI=true INSTA_UPDATE=no cargo test --locked --workspace
# What follows (the scripts, the site build and the browser tests) runs the binary just tested.
export PATHWAY="$PWD/target/debug/pathway"
test -x "$PATHWAY"

# pathway-core is built for WebAssembly by the site build below: in full for trainer mode and the
# studio, as the walker only for the practitioner's app.
step "the practitioner's wasm has no YAML parser, validator graph or analysis (its dependency tree)"
runner_deps=$(cargo tree --locked -p pathway-web --target wasm32-unknown-unknown -e normal --prefix none)
if grep -E '^[^ ]*(yaml|saphyr|petgraph)[^ ]* v' <<<"$runner_deps"; then
  echo "pathway-web must depend on pathway-core without its \`authoring\` feature" >&2
  exit 1
fi

step "shipped pathways: check and case studies"
pathway check pathways/*/pathway.yaml
pathway test pathways/*/

step "mutation check: small authoring mistakes that nothing notices (docs/safety/mutation-check.md)"
# Whole pathways only: a variant's rules are its base's, and the check does not yet mutate a
# variant's own changes (`pathway mutants` says so).
for dir in pathways/*/; do
  grep -q '^extends:' "$dir/pathway.yaml" && continue
  pathway mutants "$dir" --min-score 0.98
done

step "fuzz Pathway::from_yaml, Pathway::from_compiled, the case-study and answers reader, and the audit's row reader, ${FUZZ_SECONDS:=20} s each"
# Seeds for the compiled reader: Durham compiled, as a whole file and as a bare payload (the
# first byte tells the target which; see its header). Built here, never committed.
compiled_seeds=target/fuzz-seeds/read_compiled
mkdir -p "$compiled_seeds"
pathway build pathways/durham/pathway.yaml --out target/fuzz-seeds/durham.pathway >/dev/null
{ printf '\x00'; cat target/fuzz-seeds/durham.pathway; } > "$compiled_seeds/file"
{ printf '\x01'; tail -c +15 target/fuzz-seeds/durham.pathway; } > "$compiled_seeds/payload"
# Seeds for the audit's row reader: a few synthetic cases, and the example export and column map.
row_seeds=target/fuzz-seeds/read_rows
mkdir -p "$row_seeds"
pathway synthetic pathways/durham/pathway.yaml --cases 5 --out "$row_seeds/synthetic.csv"
cp pathways/durham/audit/example-* "$row_seeds/"
(
  cd pathway-core/fuzz
  mkdir -p corpus corpus-compiled corpus-cases
  # cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain provide them.
  RUSTC_BOOTSTRAP=1 cargo fuzz run load_pathway corpus seeds -- -max_total_time="$FUZZ_SECONDS" 2>&1 | tail -n 3
  RUSTC_BOOTSTRAP=1 cargo fuzz run read_compiled corpus-compiled "../../$compiled_seeds" -- -max_total_time="$FUZZ_SECONDS" 2>&1 | tail -n 3
  # Seeded with Durham's own case studies.
  RUSTC_BOOTSTRAP=1 cargo fuzz run read_case_study corpus-cases ../../pathways/durham/cases -- -max_total_time="$FUZZ_SECONDS" 2>&1 | tail -n 3
  # Seeded with a small synthetic export and the example column map and export.
  mkdir -p corpus-rows
  RUSTC_BOOTSTRAP=1 cargo fuzz run read_rows corpus-rows "../../$row_seeds" -- -max_total_time="$FUZZ_SECONDS" -max_len=65536 2>&1 | tail -n 3
)

step "build the site"
scripts/build-web.sh

step "browser tests: built site on 127.0.0.1 in headless Chromium (screenshots in test-results/)"
# --test-timeout bounds each test file as a whole too; the case-study file plays 56 walks (about
# 3 minutes), and each of its tests has its own 2-minute limit. Two files at a time: each test
# waits on its browser much of the time, and node's default here is one (the cores less one).
node --test --test-concurrency=2 --test-timeout=900000 tests/e2e/

step "done"
