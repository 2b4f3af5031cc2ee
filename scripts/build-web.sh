#!/usr/bin/env bash
# Builds the site into www/dist: plain static files any web server, intranet or USB stick can host.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "tools for the web build"
ensure_rust_target wasm32-unknown-unknown
ensure_wasm_bindgen
ensure_npm

out=www/dist
rm -rf "$out"
mkdir -p "$out/pkg" "$out/pathways"
wasm=target/wasm32-unknown-unknown/wasm-release

# Each app's wasm bound to its JavaScript glue in its own folder, then optimised for size: in
# the background, as soon as the wasm is built. A wasm's last link (one codegen unit, for size)
# and wasm-opt each keep one core busy, so the two overlap on a machine of two.
binding=()
bind() {
  local input=$1 dir=$2
  local name
  name=$(basename "$input" .wasm)
  (
    wasm-bindgen --target web --no-typescript --out-dir "$out/$dir" "$input"
    # binaryen from npm, not Debian's wasm-opt 108, which silently breaks wasm-bindgen's output.
    # Leptos depends on server_fn, which brings wasm-streams, whose readable and writable stream
    # adapters are exported from every Leptos wasm whether used or not: the apps use none of
    # them, and dropping the exports lets their code go (1.3 KB gzip). Their classes stay in the
    # glue, unused, and would fail only if called.
    node node_modules/binaryen/bin/wasm-opt -Oz --remove-exports --pass-arg='remove-exports@*intounderlying*' \
      "$out/$dir/${name}_bg.wasm" -o "$out/$dir/${name}_bg.wasm"
  ) &
  binding+=($!)
}

step "compile the studio's preview: the practitioner's app, given the pathway being written"
# The same app with the `preview` feature, copied aside before the practitioner's build
# replaces it.
cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p pathway-web --features preview
mkdir -p target/preview
cp "$wasm/pathway-web.wasm" target/preview/
bind target/preview/pathway-web.wasm preview

step "compile pathway-web to WebAssembly (the walker only: no YAML parser; Leptos, type-erased by .cargo/config.toml)"
cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p pathway-web
bind "$wasm/pathway-web.wasm" pkg

step "compile trainer mode and the studio (Leptos apps on the full core: they read YAML; their own pages)"
cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p pathway-trainer -p pathway-studio
bind "$wasm/pathway_trainer.wasm" trainer
bind "$wasm/pathway_studio.wasm" studio

step "style, while the wasm is bound and optimised"
node node_modules/sass/sass.js --no-source-map --style=compressed --load-path=node_modules www/style.scss "$out/style.css"
node scripts/purge-css.mjs "$out/style.css"
cp www/boot.js www/shell.js "$out/"
# Trainer mode: its own page, style and app; nothing a practitioner's page loads.
node node_modules/sass/sass.js --no-source-map --style=compressed --load-path=node_modules www/trainer.scss "$out/trainer.css"
node scripts/exit-bar.mjs www/trainer.html > "$out/trainer.html"
# The author studio: its own page, style and app (which is its engine too, in Web Workers), and
# the editor's binding, bundled below with CodeMirror.
cp www/studio.css "$out/"
node scripts/exit-bar.mjs www/studio.html > "$out/studio.html"
# Partners' pages load the same quick-exit code as the loader for an embedded pathway.
cp www/shell.js "$out/embed.js"
# Partners' themes, each checked first (known fields, colours, contrast of 4.5:1 or more).
node scripts/themes.mjs www/themes/*.json
mkdir -p "$out/themes"
cp www/themes/* "$out/themes/"

# Every wasm bound and optimised (`wait` fails the build if any did).
for job in "${binding[@]}"; do wait "$job"; done

step "minify the scripts (esbuild from npm; comments and spaces cost a phone's data)"
for f in shell.js embed.js boot.js pkg/pathway-web.js preview/pathway-web.js trainer/pathway_trainer.js studio/pathway_studio.js; do
  node_modules/.bin/esbuild "$out/$f" --minify --log-level=warning --allow-overwrite --outfile="$out/$f"
done
# The studio's editor: CodeMirror 6 from npm, bundled with its binding (nothing is fetched from
# elsewhere).
node_modules/.bin/esbuild www/editor.js --bundle --format=esm --minify --log-level=warning --outfile="$out/editor.js"

step "compile every pathway (each is checked and verified first), and write the start page"
# The practitioner's app reads only compiled pathways; a pathway that fails `pathway check`
# stops the build. The start page is written from the default pathway.
default=durham
built=target/site
rm -rf "$built"
mkdir -p "$built"
for dir in pathways/*/; do
  name=$(basename "$dir")
  pathway build "$dir/pathway.yaml" --out "$out/pathways/$name.pathway" --format json > "$built/$name.json"
  # The pathway drawn, and its own case studies with their list, for trainer mode (not fetched
  # by the practitioner's pages).
  pathway graph "$dir/pathway.yaml" --format svg > "$out/pathways/$name.svg"
  mkdir -p "$out/pathways/$name/cases"
  cp "$dir"cases/*.yaml "$out/pathways/$name/cases/"
  # The YAML too, for the studio's "start from a pathway of this site".
  cp "$dir/pathway.yaml" "$out/pathways/$name/pathway.yaml"
  (cd "$dir/cases" && ls *.yaml) | node -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean)))' > "$out/pathways/$name/cases.json"
done
node scripts/start-page.mjs www/index.html "$built" "$default" > "$out/index.html"
# The studio's list of this site's pathways, and its preview: the practitioner's page, running the
# preview build of the app, which takes the pathway being written from the studio that frames it.
node -e 'const fs = require("fs"); const dir = process.argv[1];
  const list = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => {
    const { meta } = JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
    const name = f.replace(/\.json$/, "");
    return { name, title: meta.title, default: name === process.argv[2] };
  });
  process.stdout.write(JSON.stringify(list));' "$built" "$default" > "$out/pathways/list.json"
sed -e 's|<meta name="referrer" content="no-referrer">|&\n  <meta name="pathway-url" content="studio-preview.pathway">|' \
  -e 's|<html lang="en-GB" class="govuk-template">|<html lang="en-GB" class="govuk-template" data-app="preview">|' \
  -e 's|<link rel="modulepreload" href="pkg/pathway-web.js">|<link rel="modulepreload" href="preview/pathway-web.js">|' \
  -e '/<link rel="preload" href="p\(athways\|kg\)\//d' "$out/index.html" > "$out/preview.html"
grep -q 'data-app="preview"' "$out/preview.html"

# The service worker lists the files it keeps (below), and changes whenever any file does.
files=$(cd "$out" && find . -type f | sort)
version=$(cd "$out" && cat $files | sha256sum | cut -c1-16)
# A practitioner's device keeps only what the practitioner's pages use: not embed.js (for
# partners' pages), nor trainer mode's or the studio's files (their pages, engines, diagrams,
# pathway files and case studies), which would cost mobile data. Those are kept as they are
# first used instead, so trainer mode and the studio work offline after one visit of their own.
trainer='\.svg$|^\./trainer|/cases(/|\.json$)|^\./studio|^\./editor\.js$|^\./preview|/pathway\.yaml$|/list\.json$'
kept=$(grep -v -E -e "$trainer" -e '^\./embed\.js$' <<<"$files")
on_use=$(grep -E -e "$trainer" <<<"$files")
list() { printf '['; local sep=''; for f in "$@"; do printf '%s"%s"' "$sep" "$f"; sep=', '; done; printf ']'; }
sed -e "s|__BUILD_VERSION__|$version|" -e "s|__FILES__|$(list ./ $kept)|" -e "s|__ON_USE__|$(list $on_use)|" www/sw.js > "$out/sw.js"

step "built $out"
ls -l "$out" "$out/pkg" | sed 's/^/  /'
