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

step "compile trainer mode's engine (the full core: case study files are YAML; its own page)"
cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p pathway-trainer

step "bind, optimise, style"
wasm-bindgen --target web --no-typescript --out-dir "$out/pkg" target/wasm32-unknown-unknown/wasm-release/pathway-web.wasm
# binaryen from npm, not Debian's wasm-opt 108, which silently breaks wasm-bindgen's output.
node node_modules/binaryen/bin/wasm-opt -Oz "$out/pkg/pathway-web_bg.wasm" -o "$out/pkg/pathway-web_bg.wasm"
node node_modules/sass/sass.js --no-source-map --style=compressed --load-path=node_modules www/style.scss "$out/style.css"
cp www/boot.js www/shell.js "$out/"
# Trainer mode: its own page, script, style and engine; nothing a practitioner's page loads.
wasm-bindgen --target web --no-typescript --out-dir "$out/trainer" target/wasm32-unknown-unknown/wasm-release/pathway_trainer.wasm
node node_modules/binaryen/bin/wasm-opt -Oz "$out/trainer/pathway_trainer_bg.wasm" -o "$out/trainer/pathway_trainer_bg.wasm"
cp www/trainer.js www/trainer.css "$out/"
node scripts/exit-bar.mjs www/trainer.html > "$out/trainer.html"
# Partners' pages load the same quick-exit code as the loader for an embedded pathway.
cp www/shell.js "$out/embed.js"
# Partners' themes, each checked first (known fields, colours, contrast of 4.5:1 or more).
node scripts/themes.mjs www/themes/*.json
mkdir -p "$out/themes"
cp www/themes/* "$out/themes/"

step "minify the scripts (esbuild from npm; comments and spaces cost a phone's data)"
for f in shell.js embed.js boot.js pkg/pathway-web.js trainer.js trainer/pathway_trainer.js; do
  node_modules/.bin/esbuild "$out/$f" --minify --log-level=warning --allow-overwrite --outfile="$out/$f"
done

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
  # The pathway drawn, and its own case studies with their list, for trainer mode (not fetched
  # by the practitioner's pages).
  cargo run --locked -q -p pathway-cli -- graph "$dir/pathway.yaml" --format svg > "$out/pathways/$name.svg"
  mkdir -p "$out/pathways/$name/cases"
  cp "$dir"cases/*.yaml "$out/pathways/$name/cases/"
  (cd "$dir/cases" && ls *.yaml) | node -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean)))' > "$out/pathways/$name/cases.json"
done
node scripts/start-page.mjs www/index.html "$built" "$default" > "$out/index.html"

# The service worker lists the files it keeps (below), and changes whenever any file does.
files=$(cd "$out" && find . -type f | sort)
version=$(cd "$out" && cat $files | sha256sum | cut -c1-16)
# A practitioner's device keeps only what the practitioner's pages use: not embed.js (for
# partners' pages), nor trainer mode's files (its page, engine, diagrams and case studies),
# which would cost mobile data. Trainer mode's files are kept as they are first used instead,
# so it works offline after one visit of its own.
trainer='\.svg$|^\./trainer|/cases(/|\.json$)'
kept=$(grep -v -E -e "$trainer" -e '^\./embed\.js$' <<<"$files")
on_use=$(grep -E -e "$trainer" <<<"$files")
list() { printf '['; local sep=''; for f in "$@"; do printf '%s"%s"' "$sep" "$f"; sep=', '; done; printf ']'; }
sed -e "s|__BUILD_VERSION__|$version|" -e "s|__FILES__|$(list ./ $kept)|" -e "s|__ON_USE__|$(list $on_use)|" www/sw.js > "$out/sw.js"

step "built $out"
ls -l "$out" "$out/pkg" | sed 's/^/  /'
