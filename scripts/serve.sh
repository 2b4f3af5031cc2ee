#!/usr/bin/env bash
# Builds the site and serves it on 127.0.0.1 with the County Durham pathway.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-web.sh
port=${PORT:-8000}
echo
echo "Serving the pathway at http://127.0.0.1:$port/  (Ctrl+C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www/dist
