#!/usr/bin/env bash
# Builds the site into www/dist: plain static files any web server, intranet or USB stick can host.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "tools for the web build"
ensure_rust_target wasm32-unknown-unknown
ensure_wasm_bindgen
ensure_npm

step "compile pathway-web to WebAssembly (the walker only: no YAML parser)"
cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p pathway-web

out=www/dist
rm -rf "$out"
mkdir -p "$out/pkg" "$out/pathways"

step "bind, optimise, style"
wasm-bindgen --target web --no-typescript --out-dir "$out/pkg" target/wasm32-unknown-unknown/wasm-release/pathway-web.wasm
# binaryen from npm, not Debian's wasm-opt 108, which silently breaks wasm-bindgen's output.
node node_modules/binaryen/bin/wasm-opt -Oz "$out/pkg/pathway-web_bg.wasm" -o "$out/pkg/pathway-web_bg.wasm"
node node_modules/sass/sass.js --no-source-map --style=compressed --load-path=node_modules www/style.scss "$out/style.css"
cp www/boot.js www/shell.js "$out/"
# Partners' pages load the same quick-exit code as the loader for an embedded pathway.
cp www/shell.js "$out/embed.js"
# Partners' themes, each checked first (known fields, colours, contrast of 4.5:1 or more).
node scripts/themes.mjs www/themes/*.json
mkdir -p "$out/themes"
cp www/themes/* "$out/themes/"

step "compile every pathway (each is checked and verified first), and write the start page"
# The practitioner's app reads only compiled pathways; a pathway that fails `pathway check`
# stops the build. The start page is written from the default pathway.
default=durham
built=target/site
rm -rf "$built"
mkdir -p "$built"
for dir in pathways/*/; do
  name=$(basename "$dir")
  cargo run --locked -q -p pathway-cli -- build "$dir/pathway.yaml" --out "$out/pathways/$name.pathway" --format json > "$built/$name.json"
  # The pathway drawn, for trainers and authors (not fetched by the practitioner's pages).
  cargo run --locked -q -p pathway-cli -- graph "$dir/pathway.yaml" --format svg > "$out/pathways/$name.svg"
done
node scripts/start-page.mjs www/index.html "$built" "$default" > "$out/index.html"

# The service worker lists the files it keeps (below), and changes whenever any file does.
files=$(cd "$out" && find . -type f | sort)
version=$(cd "$out" && cat $files | sha256sum | cut -c1-16)
# A practitioner's device keeps only what the practitioner's pages use: not the diagrams (for
# trainers and authors) nor embed.js (for partners' pages), which would cost mobile data.
kept=$(grep -v -e '\.svg$' -e '^\./embed\.js$' <<<"$files")
list=$(printf '"./"'; for f in $kept; do printf ', "%s"' "$f"; done)
sed -e "s|__BUILD_VERSION__|$version|" -e "s|__FILES__|[$list]|" www/sw.js > "$out/sw.js"

step "built $out"
ls -l "$out" "$out/pkg" | sed 's/^/  /'
