#!/usr/bin/env bash
# Builds the site and serves it on 127.0.0.1 with the County Durham pathway, sending the HTTP
# headers docs/hosting.md asks hosts to send. FRAME_ANCESTORS="https://intranet.example"
# lets that page embed it; PORT chooses the port (8000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-web.sh
echo
exec node scripts/serve.mjs "${PORT:-8000}"
